#!/usr/bin/env bash
# Schema fuzzing of `make fuzz-api` (and so of `make test`): schemathesis generates requests from
# the server's own OpenAPI document and sends them to a real `powersave serve --demo` on a free
# loopback port, with SQLite in a throw-away folder, first as a household, then as a superadmin.
# Every response must be documented (status code, content type, body schema), and none may be a
# 5xx or a dropped connection; a panic in the server's log fails the run too.
#
#   scripts/schema-fuzz.sh                 both roles, about 60 s of fuzzing each
#   FUZZ_SECONDS=600 scripts/schema-fuzz.sh   a longer run (the seed changes with FUZZ_SEED)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-2026}
st="$root/target/schema-fuzz-venv/bin/schemathesis"
binary="$root/target/debug/powersave"
[ -x "$st" ] || { echo "schema-fuzz: schemathesis is missing: run scripts/install-deps.sh test" >&2; exit 1; }
[ -x "$binary" ] || { echo "schema-fuzz: $binary is missing: run cargo build -p powersave" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export POWERSAVE_DATA_DIR="$work/data"
export POWERSAVE_LOG_FORMAT=json
export POWERSAVE_LOG_LEVEL=warn
# The fuzzer is one client sending thousands of requests: the global limit would answer most of
# them with 429 (documented, but then nothing else is tested). The sign-in limit stays as it is.
export POWERSAVE_RATE_LIMITS__GLOBAL_PER_SECOND=100000
export POWERSAVE_RATE_LIMITS__GLOBAL_BURST=100000
# Admin UIs are not what is fuzzed; an absent folder keeps start-up quiet.
export POWERSAVE_ADMIN_UI_DIR="$work/no-admin" POWERSAVE_APP_UI_DIR="$work/no-app"

# Accounts of the fuzzer's own, with a random password, beside the demo programme's data.
password="fuzz-$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
for account in "fuzz-household@example.com consumer" "fuzz-root@example.com superadmin"; do
  set -- $account
  echo "$password" | "$binary" admin create-user --email "$1" --display-name "Fuzz $2" --role "$2" \
    --data-dir "$work/data" >/dev/null
done

echo "schema-fuzz: starting powersave serve --demo on $base"
"$binary" serve --demo --listen "127.0.0.1:$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
ready=""
for _ in $(seq 1 240); do
  if curl -fsS "$base/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "schema-fuzz: the server did not become ready; its log:" >&2
  tail -50 "$work/server.log" >&2
  exit 1
fi

token() {
  curl -fsS -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
household_token=$(token fuzz-household@example.com)
root_token=$(token fuzz-root@example.com)

failed=0
fuzz() {
  local who=$1 bearer=$2
  echo "schema-fuzz: fuzzing as $who for ${seconds} s"
  # Live streams answer a joined session with an endless event stream, which a request/response
  # fuzzer can only time out on; their refusals are covered by the API's own tests. One worker:
  # with two threads the generator's own source inspection trips over a CPython AST race.
  "$st" --no-color run "$base/api/v1/openapi.json" \
    --url "$base" \
    --header "Authorization: Bearer $bearer" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path-regex '/live$' \
    --max-time "$seconds" \
    --seed "$seed" \
    --workers 1 \
    --request-timeout 20 \
    --suppress-health-check all \
    --warnings off || failed=1
}
fuzz household "$household_token"
fuzz superadmin "$root_token"

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "schema-fuzz: the server died during fuzzing; its log:" >&2
  tail -50 "$work/server.log" >&2
  exit 1
fi
if grep -q 'panicked' "$work/server.log"; then
  echo "schema-fuzz: the server panicked:" >&2
  grep 'panicked' "$work/server.log" | head -20 >&2
  failed=1
fi
if [ $failed -ne 0 ]; then
  echo "schema-fuzz: FAILED (see schemathesis' report above)" >&2
  exit 1
fi
echo "schema-fuzz: no server errors, no dropped connections, every response as documented"
