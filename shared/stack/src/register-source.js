// Lets plain `node -r <this file> services/<name>/src/main.ts` run a service (or a root script) from its TypeScript sources,
// compiled by swc exactly as jest compiles them (with decorator metadata, which Nest's injection needs and
// esbuild-based loaders such as tsx do not emit), and @docpipe/<lib> resolved to shared/<lib>/src.
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const sharedDir = path.join(__dirname, '..', '..');
const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceSource(request, ...rest) {
  const library = /^@docpipe\/([a-z-]+)$/.exec(request);
  const target = library ? path.join(sharedDir, library[1], 'src', 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
