/** @type {import('jest').Config} */

// swc transpiles as it does for the npm scripts (tools/swc-options.js); `tsc` in `npm test` (tools/typecheck.js) checks types.
const swc = ['@swc/jest', require('./tools/swc-options')];

module.exports = {
  testEnvironment: 'node',
  // Every core: jest's default leaves one idle, which on a 2-core machine means running in band.
  maxWorkers: '100%',
  roots: ['<rootDir>/test', '<rootDir>/lib'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': swc,
    // @marcbachmann/cel-js is ESM-only: swc rewrites it to CommonJS for jest.
    '^.+\\.m?js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!(@marcbachmann/cel-js)/)'],
  moduleNameMapper: {
    '^@grafana/grafana-foundation-sdk/(.*)$': '<rootDir>/node_modules/@grafana/grafana-foundation-sdk/dist/$1',
  },
};
