#!/usr/bin/env bash
# Installs everything the project needs on a Debian 12 machine of this kind; idempotent.
# Prints one line per step. Writes target/wasm-toolchain.env, which the Makefile sources
# for the Trunk (wasm) build only. See shared/TOOLCHAIN.md for why each step is the way it is.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ENV_FILE="$ROOT/target/wasm-toolchain.env"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update (once)"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $* (log: target/apt-install.log)"
  mkdir -p "$ROOT/target"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >"$ROOT/target/apt-install.log" 2>&1 \
    || { tail -n 20 "$ROOT/target/apt-install.log" >&2; die "apt-get install $* failed"; }
}

# Another `cargo install X` already running (e.g. started by hand): wait for it rather than
# starting a second build of the same thing.
wait_for_cargo_install() {
  local pid
  while pid=$(pgrep -f "cargo install.*$1" | head -n1) && [ -n "$pid" ]; do
    say "waiting for running 'cargo install $1' (pid $pid)"
    sleep 20
  done
}

# 1. cargo on PATH
case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) say "PATH already has ~/.cargo/bin" ;;
  *) export PATH="$HOME/.cargo/bin:$PATH"; say "added ~/.cargo/bin to PATH" ;;
esac
command -v cargo >/dev/null || die "cargo not found: install rustup (stable) first"

# 2. wasm32 standard library: route A (rustup target) or route B (Debian rustc-web + build-std)
have_wasm_std() {
  local dir
  dir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  compgen -G "$dir/libstd-*.rlib" >/dev/null
}
have_route_b() {
  dpkg -s rustc-web cargo-web rust-web-src lld-22 >/dev/null 2>&1 && [ -d /usr/lib/rustlib/src/rust ]
}
mkdir -p "$ROOT/target"
# Route B is preferred: Debian's packages come from the registry this workplace promises,
# and building std ourselves lets it be size-optimized with panics that abort at once
# (issue 13: about 9 % less Wasm than route A's prebuilt std). WASM_ROUTE=A or B forces a
# route; unset or "auto" tries B, then A (bigger bundles: the size budgets will say so).
FORCE_ROUTE=${WASM_ROUTE:-auto}
case "$FORCE_ROUTE" in A|B|auto) ;; *) die "WASM_ROUTE must be A, B or auto, not '$FORCE_ROUTE'" ;; esac
ROUTE=
route_a() {
  if have_wasm_std; then say "wasm32 std: present in rustup toolchain (route A), skip"
  else
    say "wasm32 std: 'rustup target add wasm32-unknown-unknown' (route A, timeout 300 s)"
    timeout 300 rustup target add wasm32-unknown-unknown && have_wasm_std || return 1
  fi
}
if [ "$FORCE_ROUTE" = A ]; then
  route_a || die "rustup target add wasm32-unknown-unknown failed (route A forced)"
  ROUTE=A
elif have_route_b; then
  say "wasm32 std: Debian rustc-web and std sources present (route B), skip"
  ROUTE=B
elif [ "$FORCE_ROUTE" = B ]; then
  apt_install rustc-web cargo-web rust-web-src lld-22
  ROUTE=B
elif (apt_install rustc-web cargo-web rust-web-src lld-22) && have_route_b; then
  ROUTE=B
else
  say "wasm32 std: Debian packages failed, falling back to route A (larger bundles)"
  route_a || die "no wasm32 standard library: neither Debian's rustc-web nor rustup worked"
  ROUTE=A
fi
if [ "$ROUTE" = B ]; then
  # build-std resolves std's own crates.io dependencies (dlmalloc, hashbrown, ...) from the
  # std sources' Cargo.lock; Trunk builds --offline, so download them now. Debian's
  # library/vendor is partial and cargo does not use it. --locked: never touch /usr/lib.
  STD_MANIFEST=/usr/lib/rustlib/src/rust/library/Cargo.toml
  if RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 cargo fetch --locked --offline --quiet \
       --manifest-path "$STD_MANIFEST" >/dev/null 2>&1; then
    say "std's crates for build-std: present, skip"
  else
    say "cargo fetch std's crates for build-std ($STD_MANIFEST)"
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet --manifest-path "$STD_MANIFEST"
  fi
fi
if [ "$ROUTE" = A ]; then
  printf 'WASM_ROUTE=A\n' >"$ENV_FILE.tmp"
else
  # optimize_for_size: std's smaller algorithms; -Cpanic=immediate-abort: no panic message
  # machinery (nothing may panic anyway); wasm-ld-22: Debian's rustc has no rust-lld.
  printf '%s\n' 'WASM_ROUTE=B' 'RUSTC=/usr/bin/rustc' 'RUSTC_BOOTSTRAP=1' \
    'CARGO_UNSTABLE_BUILD_STD=std,panic_abort' \
    'CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size' \
    'CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22' \
    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort'" \
    >"$ENV_FILE.tmp"
fi
say "wasm build route: $ROUTE"

# 3. Chromium + driver, node + npm (Debian packages)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium + chromium-driver: present, skip"
else
  apt_install chromium chromium-driver
fi
if command -v node >/dev/null && command -v npm >/dev/null; then
  say "node $(node --version) + npm $(npm --version 2>/dev/null): present, skip"
else
  apt_install nodejs npm
fi

# 4. Trunk 0.21.x (0.22 needs a newer rustc than this machine has)
wait_for_cargo_install trunk
if trunk --version 2>/dev/null | grep -q ' 0\.21\.'; then
  say "$(trunk --version): present, skip"
else
  say "cargo install --locked trunk --version '~0.21' (about 8 min)"
  cargo install --locked trunk --version '~0.21'
fi

# 5. wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version (no --locked: see TOOLCHAIN.md)
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock: cargo generate-lockfile"
  cargo generate-lockfile
fi
# Trunk runs cargo with --offline, so every target's crates must already be downloaded.
say "cargo fetch (crates for all targets; quick when cached)"
cargo fetch --quiet
WBG=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG" ] || die "no wasm-bindgen in Cargo.lock"
wait_for_cargo_install wasm-bindgen-cli
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WBG" ]; then
  say "wasm-bindgen-cli $WBG: present, skip"
else
  say "cargo install wasm-bindgen-cli --version $WBG (about 5 min)"
  cargo install wasm-bindgen-cli --version "$WBG"
fi

# 6. npm packages (playwright-core, binaryen's wasm-opt); reinstall when package-lock.json changes
LOCK_HASH=$(sha256sum package-lock.json | cut -d' ' -f1)
STAMP=node_modules/.setup-stamp
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_HASH" ]; then
  say "node_modules: up to date with package-lock.json, skip"
else
  say "npm ci (node_modules missing or stale)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_HASH" >"$STAMP"
fi
WASM_OPT_VERSION=$(node_modules/.bin/wasm-opt --version | grep -o 'version_[0-9]*')
say "wasm-opt from npm binaryen: $WASM_OPT_VERSION"

# 6b. DuckDB for Python: CI runs sql/cur_to_functions.duckdb.sql with it (scripts/test_cur_sql.py)
if python3 -c 'import duckdb' 2>/dev/null; then say "duckdb (Python): present, skip"; else say "pip install duckdb"; python3 -m pip install --quiet --disable-pip-version-check duckdb; fi

# 7. Tell Trunk which tool versions are installed so that, offline, it uses them from PATH.
printf '%s\n' "TRUNK_TOOLS_WASM_BINDGEN=$WBG" "TRUNK_TOOLS_WASM_OPT=$WASM_OPT_VERSION" >>"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
say "wrote ${ENV_FILE#"$ROOT"/}: $(grep -v '^#' "$ENV_FILE" | tr '\n' ' ')"
if [ -f Trunk.toml ] && ! grep -Eq '^\s*offline\s*=\s*true' Trunk.toml; then
  say "note: Trunk.toml lacks '[build] offline = true' (the Makefile passes --offline anyway)"
fi
say "done"
