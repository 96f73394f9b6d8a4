// Lets plain `node -r <this file> services/<name>/src/main.ts` run a service (or a root script) from its TypeScript sources,
// compiled by swc exactly as jest compiles them (with decorator metadata, which Nest's injection needs and
// esbuild-based loaders such as tsx do not emit), and @docpipe/<lib> resolved to shared/<lib>/src (a service's
// public entry point, services/<name>/src/index.ts, for the benchmark).
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.join(__dirname, '..', '..', '..');
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
  const target = library ? workspaceEntry(library[1]) : request;
  return resolveFilename.call(this, target, ...rest);
};

function workspaceEntry(name) {
  const shared = path.join(root, 'shared', name, 'src', 'index.ts');
  return require('node:fs').existsSync(shared) ? shared : path.join(root, 'services', name, 'src', 'index.ts');
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
