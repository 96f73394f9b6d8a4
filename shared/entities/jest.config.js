// Pure functions over text: no servers to start.
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
};
