/** Component tests on the device (iOS) preset; the e2e folder belongs to Playwright. */
module.exports = {
  preset: "jest-expo/ios",
  testMatch: ["<rootDir>/src/**/*.test.ts?(x)"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
  // The API client, SSE parser and API types shared with the dashboard (tsconfig.json `paths`);
  // the helpers Babel adds to them come from this app's node_modules.
  moduleNameMapper: { "^@shared/(.*)$": "<rootDir>/../shared/$1" },
  modulePaths: ["<rootDir>/node_modules"],
};
