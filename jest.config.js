/** Unit tests: specs beside the code, native ESM through ts-jest. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/src', '<rootDir>/libs'],
  testRegex: '.*\\.spec\\.ts$',
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
