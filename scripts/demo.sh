#!/usr/bin/env bash
# The main job on embedded defaults: create a SQLite-backed server from examples/notes.yaml, deploy it
# locally under a supervisor, call its tools through a real MCP client, read its logs, stop, start and
# remove it. Uses a fresh data directory (MCP_FACTORY_HOME) and work folder, deleted at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
export MCP_FACTORY_HOME="$work/home"
trap 'node "$root/bin/mcp-remove.js" notes --force >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$work"

# Shows an argument as a user would type it: bare when safe, else in single quotes.
quote() {
  case $1 in
    *[!A-Za-z0-9_./:=@-]*) printf "'%s'" "${1//\'/\'\\\'\'}" ;;
    *) printf '%s' "$1" ;;
  esac
}

run() {
  local shown=$1
  for arg in "${@:2}"; do shown+=" $(quote "$arg")"; done
  printf '\n$ %s\n' "$shown"
  local cmd=$1; shift
  node "$root/bin/$cmd.js" "$@"
}

run mcp-factory validate "$root/examples/notes.yaml" --plan
run mcp-create --spec "$root/examples/notes.yaml" --out notes
run mcp-deploy notes
run mcp-test notes add_note '{"title":"Hello","body":"Created by the MCP Factory demo"}'
run mcp-test notes search_notes '{"query":"demo"}'
run mcp-test notes --all
run mcp-list --search "find notes"
run mcp-status notes
run mcp-logs notes --tail 5
run mcp-stop notes
run mcp-start notes
run mcp-remove notes --force
printf '\nDemo finished: nothing left running (data folder %s removed).\n' "$MCP_FACTORY_HOME"
