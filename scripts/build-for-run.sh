#!/usr/bin/env bash
# Builds what `make run` serves, with the two front ends built while cargo compiles: cargo's
# critical path keeps one of the machine's cores idle most of a clean build, and the front ends'
# npm installs and bundling fill it (docs/PERFORMANCE.md § First build).
#   scripts/build-for-run.sh     binary in target/quick/powersave, web/admin/dist, web/mobile/dist
set -euo pipefail

cargo=${CARGO:-cargo}
log_dir=target/run-web
mkdir -p "$log_dir"

build_front_end() {
  local name=$1 target=$2
  if make --no-print-directory "$target" >"$log_dir/$name.log" 2>&1; then
    echo "$name built (log: $log_dir/$name.log)"
  else
    echo "building $name failed; its log ($log_dir/$name.log) ends with:" >&2
    tail -n 30 "$log_dir/$name.log" >&2
    return 1
  fi
}

echo "Building the dashboard and the app in the background while cargo compiles the server..."
build_front_end "the staff dashboard" web-build &
admin=$!
build_front_end "the household app" mobile-build &
mobile=$!

status=0
$cargo build --profile quick -p powersave || status=$?
wait "$admin" || status=1
wait "$mobile" || status=1
exit "$status"
