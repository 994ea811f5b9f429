#!/usr/bin/env bash
# Every module: SPDX line, header comment with a Guest: line, pr_fmt,
# MODULE_LICENSE/AUTHOR/DESCRIPTION, a test, checkpatch --strict clean; and
# doc/modules.md matches the headers.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0
bad() { echo "FAIL: $*"; fail=1; }
for f in modules/*.c; do
	name=$(basename "$f" .c)
	head -n 1 "$f" | grep -qx '// SPDX-License-Identifier: GPL-2.0' || bad "$f: first line is not the SPDX line"
	grep -q '^ \* Guest:' "$f" || bad "$f: header comment has no 'Guest:' line"
	grep -q '^#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt' "$f" || bad "$f: no pr_fmt"
	for m in MODULE_LICENSE MODULE_AUTHOR MODULE_DESCRIPTION; do
		grep -q "^$m(" "$f" || bad "$f: no $m"
	done
	# dep2 and other helpers of a pair are tested by their partner's test.
	ls tests/guest/"$name".{sh,c} >/dev/null 2>&1 || grep -qs "$name" tests/guest/* || bad "$f: no test in tests/guest/"
done
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
