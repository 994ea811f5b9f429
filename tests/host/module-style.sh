#!/usr/bin/env bash
# Every module: SPDX line, header comment with a Guest: line, a test of its
# own (tests/guest/NAME.sh, or NAME.c run as /test/NAME.out) that its Test:
# line names and that loads it, "Needs:" symbols that exist, pr_fmt,
# MODULE_LICENSE/AUTHOR/DESCRIPTION, checkpatch --strict clean; and
# doc/modules.md matches the headers.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0 needs="" untested=()
bad() { echo "FAIL: $*"; fail=1; }
for f in modules/*.c; do
	name=$(basename "$f" .c)
	head -n 1 "$f" | grep -qx '// SPDX-License-Identifier: GPL-2.0' || bad "$f: first line is not the SPDX line"
	grep -q '^ \* Guest:' "$f" || bad "$f: header comment has no 'Guest:' line"
	grep -q '^#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt' "$f" || bad "$f: no pr_fmt"
	for m in MODULE_LICENSE MODULE_AUTHOR MODULE_DESCRIPTION; do
		grep -q "^$m(" "$f" || bad "$f: no $m"
	done
	needs+=" $(sed -n 's/^ \* Needs://p' "$f")"
	# Its own test, named by its "Test:" line, loading it (modprobe, insmod
	# or myinsmod NAME): not a partner's test that mentions it.
	t=$(sed -n 's|^ \* Test: *\(/test/[^ ]*\).*|\1|p' "$f")
	if [[ -f tests/guest/$name.sh ]]; then
		own=tests/guest/$name.sh want=/test/$name.sh
	elif [[ -f tests/guest/$name.c ]]; then
		own=tests/guest/$name.c want=/test/$name.out
	else
		untested+=("$name")
		continue
	fi
	[[ $t == "$want" ]] || bad "$f: header's Test: line is '${t:-missing}', its own test is $want ($own)"
	grep -qE "(modprobe|insmod|myinsmod)( -[a-z]+)* +(/[^ ]*/|/)?$name(\.ko)?([^a-z0-9_]|\$)" "$own" ||
		bad "$own does not load $name (no modprobe, insmod or myinsmod $name in it)"
done
((${#untested[@]} == 0)) ||
	bad "modules with no test of their own (tests/guest/NAME.sh or NAME.c): ${untested[*]}"
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
((fail == 0)) && echo "ok: $(ls modules/*.c | wc -l) modules, each loaded by its own test in tests/guest/"
exit $fail
