// How TypeScript becomes JavaScript everywhere it runs here: in jest (@swc/jest, jest.config.js) and in the
// npm scripts (tools/run-ts.js). One object, so that the tests run the code exactly as synth does. swc only
// transpiles; types are checked once, for every file, by `tsc` in `npm test` (tools/typecheck.js). The target and module
// kind are tsconfig.json's (ES2022, CommonJS); source maps are inline so that stack traces name .ts lines.
'use strict';

/** @type {import('@swc/core').Options} */
module.exports = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
