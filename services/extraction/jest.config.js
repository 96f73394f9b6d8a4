const preset = require('../../jest.preset.js');
const swc = preset.transform['^.+\\.ts$'];

module.exports = {
  ...preset,
  rootDir: __dirname,
  // pdfjs-dist ships ES modules only; swc turns them into CommonJS for jest (Node itself loads them natively).
  transform: { ...preset.transform, '^.+\\.mjs$': swc },
  transformIgnorePatterns: ['/node_modules/(?!pdfjs-dist/)'],
  globalSetup: '<rootDir>/../../shared/stack/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../shared/stack/src/jest-global-teardown.ts',
  testTimeout: 60000,
};
