// Fails when web/shared/api/schema.d.ts is not what openapi-typescript makes of the server's
// docs/openapi.json, so neither app's types drift from the API; both apps' `npm test` run it
// (`node ../shared/scripts/check-api.mjs`, from the app's folder, with the app's own
// openapi-typescript). Both apps pin the same openapi-typescript, or the file each makes could
// differ: that is checked too. Fix drift with `npm run gen:api` in either app (or `make openapi`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL("../..", import.meta.url));
const committed = join(web, "shared/api/schema.d.ts");
const document = join(web, "../docs/openapi.json");
const generator = "openapi-typescript";

function fail(message) {
  console.error(`check:api: ${message}`);
  process.exit(1);
}

const pins = ["admin", "mobile"].map((app) => {
  const manifest = JSON.parse(readFileSync(join(web, app, "package.json"), "utf8"));
  return { app, version: manifest.devDependencies?.[generator] };
});
if (pins.some((pin) => pin.version !== pins[0]?.version) || !/^\d+\.\d+\.\d+$/.test(pins[0]?.version ?? "")) {
  fail(`both apps must pin the same exact ${generator}: ${pins.map((p) => `${p.app} ${p.version}`).join(", ")}`);
}

const dir = mkdtempSync(join(tmpdir(), "powersave-schema-"));
const fresh = join(dir, "schema.d.ts");
try {
  const run = spawnSync(
    process.execPath,
    [join(process.cwd(), "node_modules", generator, "bin/cli.js"), document, "-o", fresh],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (run.status !== 0) fail(`${generator} failed`);
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    fail(
      "web/shared/api/schema.d.ts is out of date with docs/openapi.json; run `npm run gen:api` and fix what no longer compiles.",
    );
  }
  console.log("check:api: web/shared/api/schema.d.ts matches docs/openapi.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
