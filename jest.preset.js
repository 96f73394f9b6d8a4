// Shared jest settings: swc transpiles TypeScript (type checking is the build's job),
// and workspace packages resolve to their sources so tests never need a prior build.
const path = require('node:path');

const swcConfig = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    // A library, else a service's public entry point (what its package "exports").
    '^@docpipe/([a-z-]+)$': [path.join(__dirname, 'shared/$1/src/index.ts'), path.join(__dirname, 'services/$1/src/index.ts')],
  },
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
