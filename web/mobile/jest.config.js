const preset = require("jest-expo/ios/jest-preset");

/** Component tests on the device (iOS) preset; the e2e folder belongs to Playwright. */
module.exports = {
  preset: "jest-expo/ios",
  testMatch: ["<rootDir>/src/**/*.test.ts?(x)"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
  // The API client, SSE parser and API types shared with the dashboard (tsconfig.json `paths`);
  // the helpers Babel adds to them come from this app's node_modules.
  moduleNameMapper: { "^@shared/(.*)$": "<rootDir>/../shared/$1" },
  modulePaths: ["<rootDir>/node_modules"],
  // intl-messageformat and its @formatjs parts (ICU messages) ship as ES modules only: Babel
  // transforms them like React Native's own packages.
  transformIgnorePatterns: preset.transformIgnorePatterns.map((pattern) =>
    pattern.startsWith("/node_modules/(?!(") ? pattern.replace("/node_modules/(?!(", "/node_modules/(?!(intl-messageformat|@formatjs|") : pattern,
  ),
};
