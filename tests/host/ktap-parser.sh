#!/usr/bin/env bash
# The KTAP parser against saved console logs (mixed.log: made up to cover
# skips, failures, nested results and kernel noise; x86_64-suite.log: a real
# run of the whole guest suite): tests/logs/NAME.log must give
# tests/logs/NAME.expected, and a log with no plan gives no plan.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/ktap.sh"
for log in "$LKMP_ROOT"/tests/logs/*.log; do
	diff -u "${log%.log}.expected" <(ktap_results "$log")
	echo "ok: $(basename "$log")"
done
printf 'kernel panic\n' >"${TMPDIR:-/tmp}/lkmp-noplan.$$"
[[ -z $(ktap_plan "${TMPDIR:-/tmp}/lkmp-noplan.$$") ]]
rm -f "${TMPDIR:-/tmp}/lkmp-noplan.$$"
