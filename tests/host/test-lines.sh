#!/usr/bin/env bash
# Every module header's "Test: /test/NAME.sh" (or .out) line names a test
# that is in the built rootfs (out/ARCH/rootfs/test/) and executable, so that
# typing it in the guest runs it; and /test/examples lists every module.
# Exit 4 when the rootfs is not built.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
load_arch "${ARCH:-x86_64}"
st=$ARCH_OUT/rootfs
if [[ ! -x $st/test/run ]]; then
	echo "# SKIP: no rootfs staged in ${st#"$LKMP_ROOT"/} (./build -a $ARCH)"
	exit 4
fi
fail=0 n=0
bad() { echo "FAIL: $*"; fail=1; }
for f in "$LKMP_ROOT"/modules/*.c; do
	name=${f##*/} name=${name%.c}
	t=$(sed -n 's|^ \* Test: *\(/test/[^ ]*\).*|\1|p' "$f")
	if [[ -z $t ]]; then
		bad "modules/$name.c has no 'Test: /test/...' line"
	elif [[ ! -f $st$t ]]; then
		bad "modules/$name.c: 'Test: $t' is not in the rootfs"
	elif [[ ! -x $st$t ]]; then
		bad "modules/$name.c: 'Test: $t' is not executable in the rootfs ($(stat -c %A "$st$t"))"
	else
		n=$((n + 1))
	fi
	grep -q "^[^ ]* $name\( \|$\)" "$st/test/examples" 2>/dev/null || bad "/test/examples has no line for $name"
done
((fail)) || echo "ok: the Test: lines of $n modules run as typed in the guest"
exit $fail
