// Fails when web/shared/api/schema.d.ts is not what openapi-typescript makes of the server's
// docs/openapi.json, so the client's types never drift from the API. Fix with `npm run gen:api`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const committed = "../shared/api/schema.d.ts";
const dir = mkdtempSync(join(tmpdir(), "powersave-schema-"));
const fresh = join(dir, "schema.d.ts");
try {
  const run = spawnSync(
    process.execPath,
    ["node_modules/openapi-typescript/bin/cli.js", "../../docs/openapi.json", "-o", fresh],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (run.status !== 0) {
    console.error("check:api: openapi-typescript failed");
    process.exit(1);
  }
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    console.error(
      `check:api: ${committed} is out of date with docs/openapi.json; run \`npm run gen:api\` and fix what no longer compiles.`,
    );
    process.exit(1);
  }
  console.log(`check:api: ${committed} matches docs/openapi.json`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
