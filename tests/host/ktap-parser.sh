#!/usr/bin/env bash
# The KTAP parser (lib/ktap.sh) against saved console logs, one per rule:
# tests/logs/NAME.log must give tests/logs/NAME.expected.
#   mixed.log            kernel lines among the results; a test's "ok" over
#                        a failed subtest fails
#   plan.log             fewer, or more, results than a test's plan; fewer
#                        top-level results than the top-level plan
#   empty.log            a test that printed nothing; results with no plan
#   skip.log             SKIP on "ok" and on "not ok" (KTAP allows both); a
#                        test's own "1..0 # SKIP"; a skipped subtest passes
#   timeout.log          a real TIMEOUT (locking.c without its unlock of
#                        run_lock), the next test passing in the same boot
#   bail.log             a real test blocked in state D: TIMEOUT, Bail out!
#   crash.log            a real panic in a test, and ./run's repeat of the
#                        console's last lines, which holds an earlier result
#   nested.log           subtests of subtests, each level against its plan
#   kunit-numbering.log  a real percpu run that ours passes and the
#                        kernel's parser does not ("ok 6 # SKIP ...")
#   x86_64-suite.log     a real run of the whole guest suite
#   mutants.log          a real mutation run (/test/run --mutants): mutants
#                        caught (each test's failing KTAP as diagnostics)
#                        pass, one NOT caught (a test blind to it) fails
# With the kernel tree (./build extracts it), kunit.py's parser, the second
# opinion (ktap_verdicts), agrees with every pass in them but
# kunit-numbering.log's. And a log with no plan gives no plan.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/ktap.sh"
for log in "$LKMP_ROOT"/tests/logs/*.log; do
	diff -u "${log%.log}.expected" <(ktap_results "$log")
	echo "ok: $(basename "$log")"
done
if ktap_kunit "$LKMP_ROOT/tests/logs/mixed.log" >/dev/null 2>&1; then
	for log in "$LKMP_ROOT"/tests/logs/*.log; do
		[[ $log == */kunit-numbering.log ]] && continue
		diff -u <(ktap_results "$log") <(ktap_verdicts "$log")
	done
	echo "ok: kunit.py's parser passes every test ours passes in tests/logs"
	got=$(ktap_verdicts "$LKMP_ROOT/tests/logs/kunit-numbering.log")
	[[ $got == "fail percpu # kunit.py parse: crash: percpu: missing expected subtest!; the sum over all CPUs is exact: Expected test number 6 but found 7"* ]] ||
		{ echo "FAIL: kunit-numbering.log: $got"; exit 1; }
	echo "ok: ... and fails percpu's \"ok 6 # SKIP ...\" (no description): $got"
else
	echo "# kunit.py's parser not checked: no $KUNIT_DIR (./build extracts it)"
fi
printf 'kernel panic\n' >"${TMPDIR:-/tmp}/lkmp-noplan.$$"
[[ -z $(ktap_plan "${TMPDIR:-/tmp}/lkmp-noplan.$$") ]]
rm -f "${TMPDIR:-/tmp}/lkmp-noplan.$$"
