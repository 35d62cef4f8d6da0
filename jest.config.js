/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/global-setup.js",
  // The real-engine tests run `pulumi` several times each.
  testTimeout: 180000,
  // Two cores: the engine tests are heavy, keep them from starving each other.
  maxWorkers: 2,
};
