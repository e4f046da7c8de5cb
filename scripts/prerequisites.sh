#!/usr/bin/env bash
# Installs what the tests and the demo need, and only what is missing, so that `npm test` and
# `npm run demo` work on a fresh machine of this kind: Debian packages (Chromium for the test
# bed, ripgrep and headers for code-server's native modules), npm packages, and code-server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "[prerequisites] $*"; }

needed=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    say "missing Debian packages: ${missing[*]} (install them as root)"; exit 1
  fi
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present: ${needed[*]}"
fi

# npm ci when node_modules is absent or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
else
  say "node_modules up to date"
fi

say "code-server: $(bash test/testbed/install-code-server.sh | tail -n 1)"
