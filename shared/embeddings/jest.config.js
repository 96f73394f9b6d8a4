// Unit and protocol tests need no server. test/live/ talks to a real Ollama and runs only when OLLAMA_HOST is set.
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  testTimeout: 60000,
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.OLLAMA_HOST ? [] : ['<rootDir>/test/live/'])],
};
