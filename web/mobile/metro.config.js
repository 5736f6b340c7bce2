// Metro bundles web/shared (the API client, SSE parser and API types shared with the dashboard)
// from outside this folder; the `@shared/*` alias itself comes from tsconfig.json `paths`.
const path = require("node:path");
const { getDefaultConfig } = require("expo/metro-config");

const config = getDefaultConfig(__dirname);
config.watchFolders = [...(config.watchFolders ?? []), path.resolve(__dirname, "../shared")];
// web/shared has no node_modules: what Babel adds to its files (runtime helpers) resolves here.
config.resolver.nodeModulesPaths = [...(config.resolver.nodeModulesPaths ?? []), path.resolve(__dirname, "node_modules")];

module.exports = config;
