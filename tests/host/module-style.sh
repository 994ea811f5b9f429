#!/usr/bin/env bash
# Every module: SPDX line, header comment with a Guest: line and a Test: line
# naming its test, "Needs:" symbols that exist, pr_fmt,
# MODULE_LICENSE/AUTHOR/DESCRIPTION, checkpatch --strict clean; and
# doc/modules.md matches the headers.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0 needs=""
bad() { echo "FAIL: $*"; fail=1; }
for f in modules/*.c; do
	name=$(basename "$f" .c)
	head -n 1 "$f" | grep -qx '// SPDX-License-Identifier: GPL-2.0' || bad "$f: first line is not the SPDX line"
	grep -q '^ \* Guest:' "$f" || bad "$f: header comment has no 'Guest:' line"
	grep -q '^#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt' "$f" || bad "$f: no pr_fmt"
	for m in MODULE_LICENSE MODULE_AUTHOR MODULE_DESCRIPTION; do
		grep -q "^$m(" "$f" || bad "$f: no $m"
	done
	# "Test: /test/T.sh" or "/test/T.out": the test T in tests/guest/ (dep2
	# and other helpers of a pair name their partner's test).
	t=$(sed -n 's|^ \* Test: *\(/test/[^ ]*\).*|\1|p' "$f")
	case $t in
	/test/*.sh) [[ -f tests/guest/${t#/test/} ]] || bad "$f: 'Test: $t' but no tests/guest/${t#/test/}" ;;
	/test/*.out) t=${t#/test/} && [[ -f tests/guest/${t%.out}.c ]] || bad "$f: 'Test: /test/$t' but no tests/guest/${t%.out}.c" ;;
	*) bad "$f: header comment has no 'Test: /test/NAME.sh' (or .out) line" ;;
	esac
	needs+=" $(sed -n 's/^ \* Needs://p' "$f")"
done
# Every "Needs:" symbol is a kernel config symbol: a misspelt one would
# skip its example on every config.
if [[ -d out/src/linux ]]; then
	known=$(find out/src/linux -name 'Kconfig*' -exec sed -nE 's/^[[:space:]]*(menu)?config ([A-Za-z0-9_]+).*/CONFIG_\2/p' {} + | sort -u)
	for s in $(tr ' ' '\n' <<<"$needs" | sort -u); do
		[[ $s == CONFIG_* ]] && grep -qx "$s" <<<"$known" || bad "'Needs: $s' (modules/*.c) is no kernel config symbol"
	done
fi
diff -u doc/modules.md <(doc/modules.sh) >/dev/null || bad "doc/modules.md is stale: run doc/modules.sh >doc/modules.md"
cp=out/src/linux/scripts/checkpatch.pl
if [[ -x $cp ]]; then
	# One run for all files: perl starts once.
	out=$("$cp" --no-tree --strict --quiet --no-summary -f modules/*.[ch] 2>&1) || bad "checkpatch: $out"
else
	echo "# checkpatch skipped: no kernel source in out/src/linux (run ./build)"
fi
((fail == 0)) && echo "ok: $(ls modules/*.c | wc -l) modules"
exit $fail
