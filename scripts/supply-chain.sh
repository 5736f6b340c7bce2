#!/usr/bin/env bash
# The supply-chain checks of `make test` (docs/SECURITY.md, "Supply chain and CI checks"):
#   1. `cargo build --locked`: Cargo.lock is complete and current, so CI builds what was reviewed;
#   2. `cargo deny check` against deny.toml: advisories, licences, banned crates, sources;
#   3. `npm audit --omit=dev` for the dashboard and the consumer app.
# Advisories come from the RustSec snapshot in shared/supply-chain when one is found beside the
# repository (machines without internet); otherwise cargo-deny fetches the live database.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "supply-chain: cargo build --locked"
cargo build --locked --workspace

# The offline snapshot: $POWERSAVE_ADVISORY_SNAPSHOT, or shared/supply-chain/ in a folder above.
snapshot=${POWERSAVE_ADVISORY_SNAPSHOT:-}
if [ -z "$snapshot" ]; then
  dir=$root
  while [ "$dir" != "/" ]; do
    dir=$(dirname "$dir")
    if [ -f "$dir/shared/supply-chain/rustsec-advisory-db.tar.gz" ]; then
      snapshot="$dir/shared/supply-chain/rustsec-advisory-db.tar.gz"
      break
    fi
  done
fi

if [ -n "$snapshot" ]; then
  # deny.toml's db-path. cargo-deny keeps each database in <db-path>/<name>-<hash of its URL>;
  # this is the name for the URL in deny.toml's db-urls.
  db_root="$root/target/advisory-dbs"
  db="$db_root/advisory-db-3157b0e258782691"
  sum=$(sha256sum "$snapshot" | cut -d' ' -f1)
  if [ "$(cat "$db_root/snapshot.sha256" 2>/dev/null)" != "$sum" ]; then
    echo "supply-chain: unpacking the advisory snapshot $snapshot"
    rm -rf "$db" && mkdir -p "$db"
    tar -xzf "$snapshot" -C "$db"
    # The commit and .git/HEAD carry the snapshot's own date (its newest file): cargo-deny
    # takes the database's age from them, so deny.toml's maximum-db-staleness measures how old
    # the advisories are, not when they were unpacked.
    taken=$(find "$db" -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
    (
      cd "$db"
      export GIT_AUTHOR_DATE="@$taken" GIT_COMMITTER_DATE="@$taken"
      git init -q
      git add -A
      git -c user.name=snapshot -c user.email=snapshot@localhost commit -qm "RustSec advisory snapshot"
      touch -d "@$taken" .git/HEAD
    )
    echo "$sum" > "$db_root/snapshot.sha256"
  fi
  echo "supply-chain: cargo deny check (offline, advisories from the snapshot)"
  # --offline also stops cargo from downloading crates, so fetch them (crates.io) first.
  cargo fetch --locked --quiet
  cargo deny --offline --locked check
else
  echo "supply-chain: cargo deny check (advisories fetched from the live database)"
  cargo deny --locked check
fi

# npm audit needs the registry's audit endpoint. Where it cannot be reached the run says so
# loudly; POWERSAVE_REQUIRE_NPM_AUDIT=1 makes that a failure.
for app in web/admin web/mobile; do
  echo "supply-chain: npm audit --omit=dev in $app"
  set +e
  output=$(cd "$app" && npm audit --omit=dev 2>&1)
  status=$?
  set -e
  echo "$output"
  if [ $status -ne 0 ]; then
    if grep -qE "audit endpoint returned an error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT" <<<"$output" \
      && [ "${POWERSAVE_REQUIRE_NPM_AUDIT:-0}" != "1" ]; then
      echo "supply-chain: WARNING: the npm audit endpoint is unreachable from here; $app's" \
        "packages were NOT audited in this run" >&2
    else
      echo "supply-chain: npm audit failed for $app" >&2
      exit 1
    fi
  fi
done
echo "supply-chain: all checks passed"
