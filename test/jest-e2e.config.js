/** End-to-end tests: each spec talks to the real stack and to a built API server process. */
export default {
  rootDir: '..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.e2e-spec\\.ts$',
  setupFiles: ['<rootDir>/test/helpers/load-stack-env.ts'],
  testTimeout: 120000,
  moduleNameMapper: {
    '^@app/slurm-gateway$': '<rootDir>/libs/slurm-gateway/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false },
    ],
  },
};
