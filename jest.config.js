/**
 * Two tiers. `unit`: everything under test/ but test/e2e, in-process against the sources (no
 * Pulumi CLI, no dist/). `e2e`: the real Pulumi engine and CLI against the compiled package.
 */
// Type-checking is `tsc -p .` and `tsc -p test --noEmit`'s job: transpiling each file alone
// (isolatedModules in test/tsconfig.jest.json) keeps the unit tier fast on two cores.
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.jest.json" }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      rootDir: __dirname,
      // provider/ and store/ as roots too, so that coverage lists their files no test loads
      roots: ["<rootDir>/test", "<rootDir>/provider", "<rootDir>/store"],
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
      transform: { "^.+\\.ts$": tsJest },
      // The package's own modules (the runtime the dynamic provider names) from the sources, not dist/.
      moduleNameMapper: { "^pulumi-bigcommerce/dist/(.*)$": "<rootDir>/$1" },
      // provider/dynamic.ts is left out: istanbul's counters in its closures would be captured by
      // Pulumi's closure serialiser (test/provider/dynamic.test.ts checks what is serialised).
      coveragePathIgnorePatterns: ["/node_modules/", "<rootDir>/provider/dynamic.ts", "<rootDir>/test/"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      rootDir: __dirname,
      roots: ["<rootDir>/test/e2e"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      globalSetup: "<rootDir>/test/global-setup.js",
      // The real-engine tests run `pulumi` several times each (testTimeout is not per project).
      setupFilesAfterEnv: ["<rootDir>/test/e2e/timeout.js"],
    },
  ],
  collectCoverageFrom: ["provider/**/*.ts", "store/**/*.ts"],
  // `npm run coverage` fails below this share of the lines of provider/ and store/.
  coverageThreshold: { global: { lines: 90 } },
  // A unit test that takes longer is stuck.
  testTimeout: 30000,
  // Two cores: the engine tests are heavy, keep them from starving each other.
  maxWorkers: 2,
};
