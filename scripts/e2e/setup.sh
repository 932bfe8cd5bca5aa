#!/usr/bin/env bash
# Idempotent install of the tools the real-editor tests need (see /work/shared/E2E-RECIPE.md):
#   - apt: chromium (driven by playwright-core), libkrb5-dev (code-server's kerberos addon
#     compiles from source), ripgrep (stands in for @vscode/ripgrep's GitHub download);
#   - npm: code-server@4.100.3 (= VS Code 1.100.3 server + web workbench) into .tools/code-server/.
# Re-running skips whatever is already present. Works with CI=true and no stdin.
# Needs: Node 20 exactly (code-server 4.100.3 is built for it), g++/make/python3, root or sudo for apt.
# Network: Debian apt mirrors and the npm registry only.
set -euo pipefail
exec </dev/null

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${E2E_TOOLS_DIR:-$ROOT/.tools}"   # E2E_TOOLS_DIR: install somewhere else (same for run.sh)
CS_DIR="$TOOLS/code-server"
CS_VERSION="4.100.3"
# Pinned for code-server 4.100.3: @vscode/ripgrep's package.json version (cache folder name)
# and `const VERSION` in its lib/postinstall.js (asset name). For another code-server version,
# read both from an `npm install --ignore-scripts` of it.
RG_PKG_VERSION="1.15.11"
RG_ASSET_VERSION="v13.0.0-10"

export DEBIAN_FRONTEND=noninteractive
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

t0=$(date +%s.%N)
log() { printf 'setup: %s\n' "$*"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# ---- apt --------------------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo -n"; else SUDO="__no_root__"; fi
fi
missing=()
for pkg in chromium libkrb5-dev ripgrep; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then missing+=("$pkg"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$SUDO" = "__no_root__" ]; then
    echo "setup: missing apt packages (${missing[*]}) and neither root nor sudo: install them first" >&2
    exit 1
  fi
  log "apt: installing ${missing[*]}"
  ta=$(date +%s.%N)
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  log "apt: done in $(elapsed "$ta") s"
else
  log "apt: chromium libkrb5-dev ripgrep already installed"
fi
[ -x /usr/bin/chromium ] || { echo "setup: /usr/bin/chromium missing after install" >&2; exit 1; }
[ -x /usr/bin/rg ] || { echo "setup: /usr/bin/rg missing after install" >&2; exit 1; }

# ---- code-server --------------------------------------------------------------------------------
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
find_rg() { local f; f="$(find "$CS_DIR/node_modules" -path '*/@vscode/ripgrep/bin/rg' -type f 2>/dev/null)"; printf '%s' "${f%%$'\n'*}"; }
# `code-server --version` writes ~/.config/code-server/config.yaml (with a generated password) and
# ~/.local/share/code-server/ unless given its own config and XDG dirs: keep it in a scratch dir.
cs_version() {
  [ -x "$CS_BIN" ] || return 1
  local d out rc=0
  d="$(mktemp -d)"
  : >"$d/config.yaml"
  out="$(XDG_CONFIG_HOME="$d" XDG_DATA_HOME="$d" "$CS_BIN" --config "$d/config.yaml" --user-data-dir "$d/u" --version 2>/dev/null)" || rc=$?
  rm -rf "$d"
  printf '%s' "${out%%$'\n'*}"
  return $rc
}

cs_ok() {
  local v
  v="$(cs_version)" || return 1
  case "$v" in "$CS_VERSION "*) ;; *) return 1 ;; esac
  [ -n "$(find_rg)" ] || return 1
}

if cs_ok; then
  log "code-server $CS_VERSION already installed in ${CS_DIR#"$ROOT"/}"
else
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" != 20 ] && [ -z "${FORCE_NODE_VERSION:-}" ]; then
    echo "setup: code-server $CS_VERSION needs Node 20 (found $(node --version)); set FORCE_NODE_VERSION to override" >&2
    exit 1
  fi
  arch="$(uname -m)"
  case "$arch" in
    x86_64) rg_target="x86_64-unknown-linux-musl" ;;
    aarch64) rg_target="aarch64-unknown-linux-musl" ;;
    *) echo "setup: unsupported architecture $arch" >&2; exit 1 ;;
  esac
  # Seed @vscode/ripgrep's download cache (os.tmpdir()/vscode-ripgrep-cache-<pkg version>/<asset>)
  # with Debian's rg, so its postinstall never goes to GitHub. The install runs with TMPDIR set to
  # .tools/tmp so that the cache (and node-gyp's scratch files) stay inside the git-ignored folder.
  tmp_root="$TOOLS/tmp"
  rg_cache="$tmp_root/vscode-ripgrep-cache-$RG_PKG_VERSION"
  rg_asset="$rg_cache/ripgrep-$RG_ASSET_VERSION-$rg_target.tar.gz"
  if [ ! -s "$rg_asset" ]; then
    mkdir -p "$rg_cache"
    stage="$(mktemp -d)"
    cp /usr/bin/rg "$stage/rg"
    tar -C "$stage" -czf "$rg_asset.part" rg
    mv "$rg_asset.part" "$rg_asset"
    rm -rf "$stage"
    log "seeded ripgrep cache: $rg_asset"
  fi

  # node-gyp compiles argon2, node-pty, spdlog and kerberos; it downloads Node headers from
  # nodejs.org unless told where the installed ones are. Point it at this Node's prefix if they are there.
  if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null)" = "undefined" -o -z "$(npm config get nodedir 2>/dev/null)" ]; then
    node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; log "node-gyp: using Node headers in $node_prefix/include/node"; fi
  fi

  log "npm: installing code-server@$CS_VERSION into ${CS_DIR#"$ROOT"/} (compiles native addons, ~1 min)"
  tn=$(date +%s.%N)
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || printf '{ "name": "e2e-tools-code-server", "private": true }\n' >"$CS_DIR/package.json"
  install_log="$CS_DIR/install.log"
  if ! (cd "$CS_DIR" && TMPDIR="$tmp_root" npm_config_yes=true npm_config_unsafe_perm=true \
        npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION") >"$install_log" 2>&1; then
    tail -n 60 "$install_log" >&2
    echo "setup: npm install code-server failed (full log: $install_log)" >&2
    exit 1
  fi
  if grep -q "Using cached download" "$install_log"; then
    log "ripgrep: $(grep -m1 -o 'Using cached download.*' "$install_log")"
  else
    log "warning: ripgrep postinstall did not report the seeded cache (see $install_log)"
  fi
  log "npm: done in $(elapsed "$tn") s"
  if ! cs_ok; then
    tail -n 40 "$install_log" >&2
    echo "setup: code-server install incomplete: $CS_BIN --version or @vscode/ripgrep/bin/rg missing (log: $install_log)" >&2
    exit 1
  fi
fi

# ---- verify -------------------------------------------------------------------------------------
first_line() { local out; out="$("$@" 2>/dev/null)" || return 1; printf '%s' "${out%%$'\n'*}"; }
log "verify: code-server $(cs_version)"
log "verify: $(first_line /usr/bin/chromium --version)"
log "verify: $(first_line "$(find_rg)" --version)"
node -e "require.resolve('playwright-core', { paths: [process.argv[1]] })" "$ROOT" 2>/dev/null \
  || { echo "setup: playwright-core is not installed in the project (run npm ci)" >&2; exit 1; }
log "ready in $(elapsed "$t0") s"
