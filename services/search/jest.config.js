// test/live/ talks to a real Ollama and runs only when OLLAMA_HOST is set.
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../shared/stack/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../shared/stack/src/jest-global-teardown.ts',
  testTimeout: 60000,
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.OLLAMA_HOST ? [] : ['<rootDir>/test/live/'])],
};
