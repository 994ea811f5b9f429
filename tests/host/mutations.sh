#!/usr/bin/env bash
# The mutations (doc/testing.md, "Mutations"): a module with an
# "#if...LKMP_MUTATION" has one such block and one header line
#	 * Mutation: WHAT IS REMOVED; "CHECK" fails [(needs N CPUs)]
# and a module with that line has the block; CHECK is the description of a
# check in the module's test (the file its "Test:" line names), the one that
# must catch the mutant.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0 n=0
bad() { echo "FAIL: $*"; fail=1; }
line_re='^ \* Mutation: [^;"]+; "([^"]+)" fails( \(needs [0-9]+ CPUs\))?$'
for f in modules/*.c; do
	blocks=$(grep -cE '^#if.*\bLKMP_MUTATION\b' "$f")
	lines=$(grep -c '^ \* Mutation:' "$f")
	((blocks + lines)) || continue
	n=$((n + 1))
	((blocks == 1)) || bad "$f: $blocks #if blocks on LKMP_MUTATION (one mutation, one block; a \"Mutation:\" line needs one)"
	((lines == 1)) || bad "$f: $lines \"Mutation:\" header lines (one says what its LKMP_MUTATION block removes)"
	((lines == 1)) || continue
	line=$(grep '^ \* Mutation:' "$f")
	if [[ ! $line =~ $line_re ]]; then
		bad "$f: not 'Mutation: WHAT; \"CHECK\" fails [(needs N CPUs)]': $line"
		continue
	fi
	check=${BASH_REMATCH[1]}
	t=$(sed -n 's|^ \* Test: */test/\([^ ]*\).*|\1|p' "$f")
	src=tests/guest/${t%.out}
	[[ $t == *.out ]] && src+=.c
	[[ -f $src ]] || { bad "$f: its test ${src} is missing"; continue; }
	grep -qF "\"$check\"" "$src" || bad "$f: the check its Mutation: line names, \"$check\", is not in $src"
done
((n)) || bad "no module has a mutation"
((fail == 0)) && echo "ok: $n modules with a mutation, each with its Mutation: line naming a check of its test"
exit $fail
