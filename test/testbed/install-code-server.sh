#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench and extension host, from the npm registry)
# into a cache outside the repo, keyed by version. Its normal postinstall downloads ripgrep from
# GitHub, which is unreachable here, so it is installed in steps (see ../shared/VSCODE-TESTBED.md).
# A marker written last means a half-finished install is redone, never trusted.
# Prints the install folder on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(node -p "require('$here/../../package.json').testbed.codeServerVersion")"
cache_root="${AUTH0_INSPECTOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/auth0-token-inspector}"
target="$cache_root/code-server-$version"
marker="$target/.installed"

if [ -f "$marker" ]; then
  echo "$target"
  exit 0
fi

log() { echo "[testbed] $*" >&2; }
log "installing code-server $version into $target (once; about a minute)"
rm -rf "$target" "$target.tmp"
mkdir -p "$target.tmp"
(
  cd "$target.tmp"
  tarball="$(npm pack "code-server@$version" --silent 2>/dev/null | tail -n 1)"
  tar -xzf "$tarball" --strip-components=1
  rm -f "$tarball"
  log "npm install (code-server)"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  log "rebuilding argon2"
  npm rebuild argon2 --loglevel=error >&2
  log "npm install (lib/vscode)"
  (cd lib/vscode && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  log "npm install (lib/vscode/extensions)"
  (cd lib/vscode/extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  node_gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
  nodedir="$(npm config get nodedir)"
  for module in @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid; do
    log "building native module $module"
    (cd "lib/vscode/node_modules/$module" && node "$node_gyp" rebuild --nodedir="$nodedir" >/dev/null 2>&1) \
      || { log "native build of $module failed"; exit 1; }
  done
  cd lib/vscode
  ln -sfn node_modules node_modules.asar
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
)
mv "$target.tmp" "$target"
date -u +%FT%TZ > "$marker"
log "code-server $version installed"
echo "$target"
