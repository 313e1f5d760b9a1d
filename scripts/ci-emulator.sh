#!/usr/bin/env bash
# Starts the Rahti emulator for the later steps of a GitHub Actions job (the self-test in .github/workflows/ci.yml)
# and writes what the action needs to reach it to $GITHUB_OUTPUT: server, certificate-authority, registry, and the
# token of the demo project's `ci` service account (masked), as scripts/demo.ts uses them.
#
# The emulator stops as soon as the process that started it exits (emulator/lifeline.ts), and a step's shell exits
# at the end of its step. So a detached copy of this script starts the emulator and waits on it: it lives as long as
# the emulator, until the runner ends the job. The directory is passed in the environment, not on the command line,
# because the emulator tells its launchers from its caller by their command lines.
#
# Usage: EMULATOR_DIR=<dir> bash scripts/ci-emulator.sh
# Stop it with `kill "$(cat <dir>/holder.pid)"`; on a GitHub runner the end of the job stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${EMULATOR_DIR:?set EMULATOR_DIR to a directory for the JSON line and the log}
mkdir -p "$dir"

if [ "${1:-}" = --hold ]; then
  echo $$ >"$dir/holder.pid"
  npm run --silent emulator >"$dir/emulator.json" 2>"$dir/emulator.log" || true
  exit 0
fi

: >"$dir/emulator.json"
setsid nohup bash "$0" --hold </dev/null >/dev/null 2>&1 &
for _ in $(seq 1 120); do
  [ -s "$dir/emulator.json" ] && break
  sleep 0.5
done
if [ ! -s "$dir/emulator.json" ]; then
  echo "The emulator printed nothing within a minute; its log ($dir/emulator.log):" >&2
  cat "$dir/emulator.log" >&2 || true
  exit 1
fi

node - "$dir/emulator.json" <<'JS'
const fs = require('node:fs')
const info = JSON.parse(fs.readFileSync(process.argv[2], 'utf8').split('\n')[0])
const ci = info.accounts.find(a => a.name === 'system:serviceaccount:demo:ci')
if (!ci) throw new Error('the emulator has no demo/ci account')
// The token is the emulator's own, but a workflow treats every token as a secret.
console.log(`::add-mask::${ci.token}`)
const out = [
  `server=${info.apiUrl}`,
  `control=${info.apiHttpUrl}`,
  `certificate-authority=${info.caFile}`,
  `registry=${info.registry}`,
  `token=${ci.token}`
]
if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, out.join('\n') + '\n')
console.log(`Rahti emulator: API ${info.apiUrl}, registry ${info.registry}`)
JS
