/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/lib'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles.
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@marcbachmann/cel-js)/)'],
  moduleNameMapper: {
    '^@grafana/grafana-foundation-sdk/(.*)$': '<rootDir>/node_modules/@grafana/grafana-foundation-sdk/dist/$1',
  },
};
