module.exports = {
  ...require('../jest.preset.js'),
  rootDir: __dirname,
  globalSetup: '<rootDir>/../shared/stack/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../shared/stack/src/jest-global-teardown.ts',
  testTimeout: 240000,
};
