#!/usr/bin/env bash
# Tests of scripts/setup.sh's failure modes, each in a scratch asset folder, with small PATH
# shims standing in for the facts we cannot change on a real machine (being non-root, a
# package being absent). The real script runs every time.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0 failed=0

check() { # name, expected exit (0 or nonzero), pattern the output must contain, command...
  local name=$1 want=$2 pattern=$3; shift 3
  local out status
  out=$("$@" 2>&1); status=$?
  local exit_ok=0
  if [ "$want" = 0 ]; then [ $status -eq 0 ] && exit_ok=1; else [ $status -ne 0 ] && exit_ok=1; fi
  if [ $exit_ok = 1 ] && grep -qF -- "$pattern" <<<"$out"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name (exit $status)"; sed 's/^/     /' <<<"$out"
  fi
}

# A complete, valid asset folder to start from.
good=$scratch/good
mkdir -p "$good"
cp -r "$root/assets/." "$good/" 2>/dev/null || O3F_ASSET_DIR=$good bash "$root/scripts/setup.sh" >/dev/null

# 1. A second run changes nothing and says so.
check "idempotent run reports everything in place" 0 "everything is in place" \
  env O3F_ASSET_DIR="$good" bash "$root/scripts/setup.sh"

# 2. A tampered model file stops setup, naming the file and the fix.
tampered=$scratch/tampered
cp -r "$good" "$tampered"
echo "<!-- edited -->" >>"$tampered/gym/hopper.xml"
check "tampered asset is named with the fix" 1 "$tampered/gym/hopper.xml does not match its sha256" \
  env O3F_ASSET_DIR="$tampered" bash "$root/scripts/setup.sh"

# 3. A missing model file with PyPI unreachable names the package and the fix.
missing=$scratch/missing
cp -r "$good" "$missing"
rm "$missing/gym/walker2d.xml"
check "unreachable registry names the package" 1 "could not download gym==0.26.2 from PyPI (needed for gym/walker2d.xml)" \
  env O3F_ASSET_DIR="$missing" PIP_INDEX_URL=http://127.0.0.1:9/simple PIP_RETRIES=0 PIP_TIMEOUT=2 \
      PIP_NO_CACHE_DIR=1 bash "$root/scripts/setup.sh"

# 4. A non-root user without the packages gets the exact apt command.
shims=$scratch/shims
mkdir -p "$shims"
printf '#!/bin/sh\n[ "$1" = "-u" ] && echo 1000 || exec /usr/bin/id "$@"\n' >"$shims/id"
printf '#!/bin/sh\ncase "$*" in *libhdf5-dev*) exit 1 ;; esac\nexec /usr/bin/dpkg-query "$@"\n' >"$shims/dpkg-query"
chmod +x "$shims/id" "$shims/dpkg-query"
check "non-root without packages prints the apt command" 1 "sudo apt-get update && sudo apt-get install -y libhdf5-dev" \
  env PATH="$shims:$PATH" O3F_ASSET_DIR="$good" bash "$root/scripts/setup.sh"

echo "setup: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
