// Unit, protocol and LanceDB tests need no server. test/live/ talks to a real cluster and runs only when OPENSEARCH_URL is set.
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  testTimeout: 60000,
  testPathIgnorePatterns: ['/node_modules/', '/test/fixtures/', ...(process.env.OPENSEARCH_URL ? [] : ['<rootDir>/test/live/'])],
};
