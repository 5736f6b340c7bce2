#!/usr/bin/env bash
# Installs what building and testing PowerSave needs on Debian/Ubuntu, skipping what is present.
#   scripts/install-deps.sh build   Rust toolchain and npm checks only (for `make run`)
#   scripts/install-deps.sh test    plus PostgreSQL, Redis, Mosquitto and Chromium (for `make test`)
set -euo pipefail

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
