#!/usr/bin/env node
// Runs the command line from its TypeScript sources, compiled on load as `npm start` runs the services.
require('@docpipe/stack/src/register-source.js');
require('../src/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
