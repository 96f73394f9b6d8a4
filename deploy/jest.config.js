const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  // The services' config schemas come through their entry points, and extraction's loads pdfjs-dist, which ships
  // ES modules only: swc turns them into CommonJS for jest, as in extraction's own tests.
  transform: { ...preset.transform, '^.+\\.mjs$': preset.transform['^.+\\.ts$'] },
  transformIgnorePatterns: ['/node_modules/(?!pdfjs-dist/)'],
};
