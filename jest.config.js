/** @type {import('jest').Config} */

// swc only transpiles (fast); type checking is done once, for every file, by `tsc --noEmit` in `npm test`.
const swc = ['@swc/jest', {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];

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
