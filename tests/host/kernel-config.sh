#!/usr/bin/env bash
# The config check fails loudly, naming the symbol, when a requested option
# does not reach .config; and every fragment line is commented or an option.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/build.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
KBUILD=$dir
printf 'CONFIG_A=y\n# CONFIG_B is not set\n' >"$dir/.config"
printf 'CONFIG_A=y\n# CONFIG_B is not set\n' >"$dir/good.config"
printf '# a comment\nCONFIG_A=y\nCONFIG_NOT_THERE=y\n' >"$dir/bad.config"
echo "$dir/good.config" | check_config
echo "ok: a satisfied fragment passes"
if msg=$( (echo "$dir/bad.config" | check_config) 2>&1); then
	echo "FAIL: a missing option was not reported"; exit 1
fi
[[ $msg == *"CONFIG_NOT_THERE=y (bad.config)"* ]] || { echo "FAIL: message does not name it: $msg"; exit 1; }
echo "ok: a missing option is named: $msg"
bad=$(grep -vhE '^(#.*|CONFIG_[A-Za-z0-9_]+=.+|)$' "$LKMP_ROOT"/kernel/*.config || true)
[[ -z $bad ]] || { echo "FAIL: fragment lines that are neither comment nor option: $bad"; exit 1; }
for f in "$LKMP_ROOT"/kernel/*.config; do
	head -n 1 "$f" | grep -q '^# ' || { echo "FAIL: $f does not start with a comment"; exit 1; }
done
echo "ok: fragments are commented"
