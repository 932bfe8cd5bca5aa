#!/usr/bin/env bash
# Real-editor tests: the extension in VS Code 1.100.3 (code-server 4.100.3) driven by Chromium.
#   stage 1 (UI):      the installed dist/tenant-config.vsix, DOM assertions + README screenshots
#                      (test/e2e/ui.test.mjs, node --test + playwright-core);
#   stage 2 (in-host): mocha inside the real Node extension host, extension loaded from this
#                      checkout as development extension (test/e2e/suite -> dist/test/e2e);
#   stage 3 (in-host, French): the same host with code-server `--locale fr`, running only
#                      test/e2e/suite/locale-fr.test.ts (localized diagnostic messages).
# Prerequisite: scripts/e2e/setup.sh (or use scripts/e2e/ci.sh, which runs both).
# Everything runs offline on 127.0.0.1, with code-server state in a temp dir; code-server and
# chromium are stopped by PID at the end, whatever happens. The last line is always
# `e2e: N passed, N failed`; the exit status is non-zero on any failure.
#
# Env: E2E_REBUILD=1 rebuilds and repackages first; E2E_KEEP=1 keeps the temp dir (it is kept
# anyway when something failed: logs and failure screenshots are in it); E2E_GREP filters the
# UI and in-host tests by title; E2E_TRACE=1 prints timed UI steps and teardown details;
# E2E_STAGES picks stages, comma-separated (default ui,host,fr); E2E_VSIX installs another package;
# E2E_IMAGES_DIR moves the README screenshots (default docs/images); E2E_TOOLS_DIR (default .tools).
# Timing, warm, 2 cores: about 60-70 s (stage 1 ~20 s, stage 2 ~20 s, stage 3 ~15 s); peak memory ~1.45 GB PSS.
set -euo pipefail
exec </dev/null

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TOOLS="${E2E_TOOLS_DIR:-$ROOT/.tools}"
CS_BIN="$TOOLS/code-server/node_modules/.bin/code-server"
VSIX="${E2E_VSIX:-$ROOT/dist/tenant-config.vsix}"   # E2E_VSIX: test another package
EXT_ID="tenant-config.tenant-config"

T0=$(date +%s.%N)
now() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[e2e %6ss] %s\n' "$(now)" "$*"; }

PASSED=0
FAILED=0
WORK=""
CS_PID=""
STAGE_PID=""
MEM_PID=""
FINISHED=0

# ---- process handling (by PID only, from /proc; no ps needed) ------------------------------------
# All descendants of a PID (children first found breadth-first), one per line.
descendants() {
  local root=$1 stat line pid
  local -a f
  declare -A kids=()
  for stat in /proc/[0-9]*/stat; do
    pid=${stat#/proc/}; pid=${pid%/stat}
    { read -r line <"$stat"; } 2>/dev/null || continue
    read -r -a f <<<"${line##*) }"   # fields after "pid (comm) ": state ppid ...
    kids[${f[1]}]+="$pid "
  done
  local -a queue=("$root") out=()
  local p c
  while [ ${#queue[@]} -gt 0 ]; do
    p=${queue[0]}; queue=("${queue[@]:1}")
    for c in ${kids[$p]:-}; do out+=("$c"); queue+=("$c"); done
  done
  [ ${#out[@]} -eq 0 ] || printf '%s\n' "${out[@]}"
}
# Field 22 of /proc/PID/stat: start time, to tell a process from a later one with the same PID.
starttime() {
  local line
  local -a f
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -r -a f <<<"${line##*) }"
  printf '%s' "${f[19]}"
}

# Alive and not a zombie, and still the process we saw (PIDs can be reused).
alive_same() {
  local line
  local -a f
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -r -a f <<<"${line##*) }"
  [ "${f[0]}" != Z ] && [ "${f[19]}" = "$2" ]
}

# Stop a process tree: SIGTERM the root and give it 10 s; then SIGTERM whatever is left of the tree
# as it was before (code-server's file watchers linger for seconds on their own), 3 s more, SIGKILL.
stop_tree() {
  local root=$1 what=$2 pid i n
  [ -n "$root" ] && [ -d "/proc/$root" ] || return 0
  local -a pids=() starts=()
  for pid in "$root" $(descendants "$root"); do
    pids+=("$pid"); starts+=("$(starttime "$pid" || echo gone)")
  done
  survivors() {
    local j out=()
    for j in "${!pids[@]}"; do alive_same "${pids[$j]}" "${starts[$j]}" && out+=("$j"); done
    echo "${out[@]:-}"
  }
  kill -TERM "$root" 2>/dev/null || true
  for i in $(seq 1 100); do alive_same "$root" "${starts[0]}" || break; sleep 0.1; done
  for i in $(survivors); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for i in $(seq 1 30); do [ -n "$(survivors)" ] || break; sleep 0.1; done
  n=0
  for i in $(survivors); do
    [ -n "${E2E_TRACE:-}" ] && log "teardown: $what: SIGKILL $(tr '\0' ' ' <"/proc/${pids[$i]}/cmdline" 2>/dev/null | cut -c1-140)"
    kill -KILL "${pids[$i]}" 2>/dev/null && n=$((n + 1)) || true
  done
  wait "$root" 2>/dev/null || true
  [ $n = 0 ] || log "teardown: $what: $n process(es) needed SIGKILL"
}

finish_line() {
  if [ "$FINISHED" = 0 ]; then
    FINISHED=1
    echo "e2e: $PASSED passed, $FAILED failed"
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ "$rc" = 0 ] || [ "$FAILED" -gt 0 ] || FAILED=1
  stop_tree "$STAGE_PID" "test driver + chromium"
  stop_tree "$CS_PID" "code-server"
  if [ -n "$MEM_PID" ]; then stop_tree "$MEM_PID" "memory sampler"; fi
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "$FAILED" -gt 0 ] || [ "${E2E_KEEP:-}" = 1 ]; then
      log "kept $WORK (code-server.log, failures/*.png, stage outputs)"
    else
      rm -rf "$WORK"
    fi
  fi
  finish_line
  if [ "$FAILED" -gt 0 ] && [ "$rc" = 0 ]; then rc=1; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# Run a stage in the background (so a signal is handled at once) and wait for it.
run_stage() {
  local rc=0
  "$@" &
  STAGE_PID=$!
  wait "$STAGE_PID" || rc=$?
  STAGE_PID=""
  return $rc
}

# ---- 0. tools and build ---------------------------------------------------------------------------
[ -x "$CS_BIN" ] || { echo "e2e: code-server is not installed: run scripts/e2e/setup.sh first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing: run scripts/e2e/setup.sh first" >&2; exit 1; }
if [ "${E2E_REBUILD:-}" = 1 ] || [ ! -f "$VSIX" ] || [ ! -f dist/client.js ] || [ ! -f dist/server.js ]; then
  log "building and packaging the extension"
  npm run --silent build
  npm run --silent package
fi
node scripts/bundle-e2e.mjs
log "in-host suite bundled"

# ---- 1. isolated code-server state -----------------------------------------------------------------
WORK="$(mktemp -d -t tenant-config-e2e.XXXXXX)"
export E2E_WORK="$WORK"
mkdir -p "$WORK"/{tmp,xdg-config,xdg-data,xdg-cache,extensions,failures,user-data/User,ui,host,fr/user-data/User}
# One fresh copy of the fixture workspace per stage (stage 2 writes .vscode/settings.json into its own).
WS_UI="$WORK/ui/platform-config"
WS_HOST="$WORK/host/platform-config"
WS_FR="$WORK/fr/platform-config"
cp -R test/e2e/workspace "$WS_UI"
cp -R test/e2e/workspace "$WS_HOST"
cp -R test/e2e/workspace "$WS_FR"
: >"$WORK/config.yaml"
cat >"$WORK/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "chat.disableAIFeatures": true,
  "window.restoreWindows": "none",
  "window.autoDetectColorScheme": false,
  "workbench.colorTheme": "Default Light Modern",
  "editor.minimap.enabled": false,
  "editor.cursorBlinking": "solid"
}
JSON
cp "$WORK/user-data/User/settings.json" "$WORK/fr/user-data/User/settings.json"

# code-server with all its state under $WORK (without --config and the XDG variables it writes
# ~/.config/code-server/config.yaml and ~/.local/share/code-server/). Its TMPDIR matters too:
# VS Code leaves vscode-ipc-*.sock files there.
# EXTENSIONS_GALLERY='{}' turns the extension gallery off (its default is open-vsx.org): in a
# display language other than English the web workbench asks the gallery for the translations of
# built-in extensions, which would be requests to the internet.
CS_CMD=(env TMPDIR="$WORK/tmp" XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data" XDG_CACHE_HOME="$WORK/xdg-cache"
  EXTENSIONS_GALLERY='{}' "$CS_BIN" --config "$WORK/config.yaml" --extensions-dir "$WORK/extensions")
cs() { "${CS_CMD[@]}" --user-data-dir "$WORK/user-data" "$@"; }
cs --install-extension "$VSIX" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; exit 1; }
installed="$(cs --list-extensions --show-versions 2>/dev/null)"
grep -q "^$EXT_ID@" <<<"$installed" || { echo "e2e: $EXT_ID not installed; list: $installed" >&2; exit 1; }
log "installed $(grep "^$EXT_ID@" <<<"$installed") from ${VSIX#"$ROOT"/}"

# French display language for stage 3. VS Code only switches its display language when a language
# pack for it is installed; the Marketplace is out of reach, so do what installing a pack does:
# record it in <user-data>/languagepacks.json (the format VS Code 1.100's language pack service
# writes). Its translations file (test/e2e/language-pack-fr/main.i18n.json) is nearly empty, so the
# workbench stays in English, but `vscode.env.language` is `fr` in the extension host.
node -e '
  const [file, translations] = process.argv.slice(1);
  const pack = { hash: "e2e0" + "0".repeat(27) + "1", extensions: [{ extensionIdentifier: { id: "tenant-config-e2e.language-pack-fr" }, version: "1.0.0" }], translations: { vscode: translations }, label: "français" };
  require("fs").writeFileSync(file, JSON.stringify({ fr: pack }));' \
  "$WORK/fr/user-data/languagepacks.json" "$ROOT/test/e2e/language-pack-fr/main.i18n.json"

# ---- 2. code-server on loopback -----------------------------------------------------------------------
# start_code_server <user-data-dir> <results file> <env assignments...> -- <extra code-server args...> <folder>
# Sets CS_PID and E2E_CS_URL. The extension host inherits the environment (E2E_RESULTS_FILE: the
# in-host suite writes its counts there; E2E_FILES: which suite files it runs).
start_code_server() {
  local user_data=$1 results=$2 port
  shift 2
  local -a envs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  export E2E_CS_URL="http://127.0.0.1:$port"
  # `exec` so that $! is code-server itself, not a subshell that would sit on a SIGTERM until its child exits.
  ( export E2E_RESULTS_FILE="$results"
    [ ${#envs[@]} -eq 0 ] || export "${envs[@]}"
    exec "${CS_CMD[@]}" --user-data-dir "$user_data" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
      --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$@" ) >>"$WORK/code-server.log" 2>&1 &
  CS_PID=$!
  node -e '
    const url = process.argv[1] + "/healthz", deadline = Date.now() + 30000;
    (async () => {
      for (;;) {
        try { if ((await fetch(url)).ok) process.exit(0); } catch {}
        if (Date.now() > deadline) { console.error("e2e: code-server did not answer " + url); process.exit(1); }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();' "$E2E_CS_URL" || { tail -n 40 "$WORK/code-server.log" >&2; exit 1; }
  [ -d "/proc/$CS_PID" ] || { tail -n 40 "$WORK/code-server.log" >&2; echo "e2e: code-server exited" >&2; exit 1; }
}

# count_host <results file> <exit code> <stage label>: add an in-host pass to the totals.
count_host() {
  local results=$1 rc=$2 label=$3 pass=0 fail=0
  if [ -s "$results" ]; then
    pass=$(node -p 'require(process.argv[1]).passed' "$results")
    fail=$(node -p 'require(process.argv[1]).failed' "$results")
  fi
  if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then fail=1; fi
  PASSED=$((PASSED + pass)); FAILED=$((FAILED + fail))
  log "$label: $pass passed, $fail failed (exit $rc)"
}

# E2E_STAGES: which stages to run (default all): ui, host, fr.
STAGES=",${E2E_STAGES:-ui,host,fr},"
want() { [[ "$STAGES" == *",$1,"* ]]; }

node scripts/e2e/mem-sampler.mjs $$ >"$WORK/mem.txt" 2>&1 &
MEM_PID=$!
if want ui || want host; then
  start_code_server "$WORK/user-data" "$WORK/host-results.json" -- "$WS_UI"
  log "code-server up on $E2E_CS_URL (pid $CS_PID, state in $WORK)"
fi

# ---- 3. stage 1: UI ------------------------------------------------------------------------------------
if want ui; then
  log "stage 1: UI tests (installed .vsix)"
  ui_rc=0
  E2E_UI_WORKSPACE="$WS_UI" run_stage timeout -k 10 240 node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$WORK/ui.tap" \
    ${E2E_GREP:+--test-name-pattern="$E2E_GREP"} test/e2e/ui.test.mjs || ui_rc=$?
  ui_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$WORK/ui.tap" 2>/dev/null | tail -n1)
  ui_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$WORK/ui.tap" 2>/dev/null | tail -n1)
  ui_pass=${ui_pass:-0}; ui_fail=${ui_fail:-0}
  if [ "$ui_rc" != 0 ] && [ "$ui_fail" = 0 ]; then ui_fail=1; fi   # crashed or timed out without a count
  PASSED=$((PASSED + ui_pass)); FAILED=$((FAILED + ui_fail))
  log "stage 1: $ui_pass passed, $ui_fail failed (exit $ui_rc)"
fi

# ---- 4. stage 2: in-host mocha ------------------------------------------------------------------------
if want host; then
  log "stage 2: mocha in the extension host (development extension from $ROOT)"
  host_rc=0
  rm -f "$WORK/host-results.json"
  E2E_HOST_WORKSPACE="$WS_HOST" run_stage timeout -k 10 180 node scripts/e2e/host-tests.mjs || host_rc=$?
  count_host "$WORK/host-results.json" "$host_rc" "stage 2"
fi
stop_tree "$CS_PID" "code-server"; CS_PID=""

# ---- 5. stage 3: in-host mocha, French display language -----------------------------------------------
# A second code-server with `--locale fr` (and the French language pack recorded above); the suite
# runs only test/e2e/suite/locale-fr.test.ts (E2E_FILES, read by the suite's index.ts).
if want fr; then
  start_code_server "$WORK/fr/user-data" "$WORK/fr-results.json" E2E_FILES='^locale-fr\.test\.js$' -- --locale fr "$WS_FR"
  log "stage 3: mocha in the extension host, display language fr (code-server --locale fr on $E2E_CS_URL, pid $CS_PID)"
  fr_rc=0
  E2E_HOST_WORKSPACE="$WS_FR" E2E_HOST_LABEL=fr E2E_BROWSER_LOCALE=fr-FR run_stage timeout -k 10 180 node scripts/e2e/host-tests.mjs || fr_rc=$?
  count_host "$WORK/fr-results.json" "$fr_rc" "stage 3"
  stop_tree "$CS_PID" "code-server"; CS_PID=""
fi

# ---- 6. teardown (the EXIT trap does it; here for the timing and memory lines) ---------------------------
stop_tree "$MEM_PID" "memory sampler"; MEM_PID=""
log "memory: $(cat "$WORK/mem.txt" 2>/dev/null || echo 'n/a')"
# code-server logs every request it makes (`#N: <url> - <result>`); none should leave the machine.
outbound=$(grep -cE '#[0-9]+: https?://' "$WORK/code-server.log" 2>/dev/null || true)
[ "${outbound:-0}" = 0 ] || log "warning: code-server tried $outbound request(s) to the network (see code-server.log)"
log "done: code-server stopped"
[ "$FAILED" = 0 ] || exit 1
exit 0
