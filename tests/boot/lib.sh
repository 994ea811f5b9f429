#!/usr/bin/env bash
# Sourced by tests/boot/*.sh: checks that boot the real guest through ./run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source lib/common.sh
load_arch "${ARCH:-x86_64}"
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
fail=0
# guest STATUS-VAR ARGS...: run ./run with ARGS, keep its output in $OUT.
guest() {
	local -n _st=$1
	shift
	./run -a "$ARCH" -t "${BOOT_TIMEOUT:-120}" "$@" </dev/null >"$OUT" 2>&1
	_st=$?
}
# skip_all REASON: the whole check cannot run here; ./test reports SKIP.
skip_all() { echo "# SKIP: $*"; exit 4; }
# What a failed expectation shows: the tail of the last ./run's output.
# (gdb/test-lib.sh shows the GDB transcript instead.)
show_failure() { tr -d '\r' <"$OUT" | tail -n 30 | sed 's/^/  | /'; }
expect() { # DESC CONDITION...
	local d=$1
	shift
	if "$@"; then
		echo "ok: $d"
	else
		echo "FAIL: $d"
		show_failure
		fail=1
	fi
}
# (grep reads all its input, not -q: under pipefail, tr killed by SIGPIPE
# when grep -q quits at a match early in a long output failed the match.)
saw() { tr -d '\r' <"$OUT" | grep -E -- "$1" >/dev/null; }
