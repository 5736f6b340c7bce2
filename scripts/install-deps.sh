#!/usr/bin/env bash
# Installs what building and testing PowerSave needs on Debian/Ubuntu, skipping what is present.
#   scripts/install-deps.sh build   Rust toolchain and npm checks only (for `make run`)
#   scripts/install-deps.sh test    plus PostgreSQL, Redis, Mosquitto and Chromium, cargo-deny and
#                                   schemathesis (for `make test`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

what=${1:-test}

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is not installed. Install Rust 1.94 or newer with rustup (https://rustup.rs):" >&2
  echo "  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh" >&2
  exit 1
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: the admin dashboard (web/admin) is built and tested with Node.js 20.19 or" >&2
  echo "newer and its npm. Install Node.js 20 (with npm), make sure \`npm\` is on PATH, and run this again." >&2
  exit 1
fi

[ "$what" = "build" ] && exit 0

# chromium: the dashboard's browser tests (Playwright drives Debian's build; it downloads none).
packages=(postgresql redis-server mosquitto chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

# cargo-deny: the supply-chain check of `make test` (scripts/supply-chain.sh). Built from
# crates.io once; cargo keeps it in ~/.cargo/bin afterwards.
if ! command -v cargo-deny >/dev/null 2>&1; then
  echo "Installing cargo-deny (once; it takes a few minutes)"
  cargo install --locked cargo-deny
fi

# schemathesis: the schema fuzzing of `make test` (scripts/schema-fuzz.sh), in a virtual
# environment of its own under target/, pinned so that every run fuzzes the same way.
SCHEMATHESIS_VERSION=4.32.5
venv="$root/target/schema-fuzz-venv"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv
  fi
  echo "Installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
