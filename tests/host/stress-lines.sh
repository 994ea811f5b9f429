#!/usr/bin/env bash
# The "Stress:" header lines (doc/testing.md, "Stress and bad input"): at
# most one a module, each
#	 * Stress: skip: WHY		neither loaded again and again nor fuzzed
#	 * Stress: no-fuzz: WHY		loaded again and again, not fuzzed
#	 * Stress: args WORDS		the arguments modprobe gets
# and lib/rootfs.sh's stress_table (the guest's /test/stress) gives one
# "MODULE MODE REST" line for each.
set -uo pipefail
cd "$(dirname "$0")/../.."
source lib/rootfs.sh
fail=0 n=0
bad() { echo "FAIL: $*"; fail=1; }
line_re='^ \* Stress: ((skip|no-fuzz): [^ ].*|args [^ ].*)$'
for f in modules/*.c; do
	lines=$(grep -c '^ \* Stress:' "$f")
	((lines)) || continue
	n=$((n + 1))
	((lines == 1)) || bad "$f: $lines \"Stress:\" lines (one a module)"
	line=$(grep -m 1 '^ \* Stress:' "$f")
	[[ $line =~ $line_re ]] || bad "$f: not 'Stress: skip: WHY', 'Stress: no-fuzz: WHY' or 'Stress: args WORDS': $line"
done
table=$(stress_table modules)
((n == $(grep -c . <<<"$table"))) || bad "stress_table gives $(grep -c . <<<"$table") lines for $n modules with a Stress: line"
while read -r name mode rest; do
	[[ -f modules/$name.c && $mode =~ ^(skip|no-fuzz|args)$ && -n $rest ]] ||
		bad "stress_table line '$name $mode $rest' is not 'MODULE MODE REST'"
done <<<"$table"
((fail)) || echo "ok: $n modules with a Stress: line, each in /test/stress"
exit $fail
