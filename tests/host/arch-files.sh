#!/usr/bin/env bash
# Arch data files: each sets every key lib/common.sh expects and nothing
# else, as plain KEY=value lines; no script branches on an arch name.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
fail=0
for f in "$LKMP_ROOT"/arch/*.conf; do
	name=$(basename "$f" .conf)
	keys=$(sed -nE 's/^([A-Z_0-9]+)=.*/\1/p' "$f" | sort)
	for k in $ARCH_KEYS; do
		grep -qx "$k" <<<"$keys" || { echo "FAIL: $name: $k missing"; fail=1; }
	done
	for k in $keys; do
		[[ " $(echo $ARCH_KEYS $ARCH_OPTIONAL_KEYS) " == *" $k "* ]] || { echo "FAIL: $name: unknown key $k"; fail=1; }
	done
	bad=$(grep -vE '^(#.*|[A-Z_0-9]+=.*|)$' "$f")
	[[ -z $bad ]] || { echo "FAIL: $name: not KEY=value: $bad"; fail=1; }
	[[ -f $LKMP_ROOT/kernel/$(sed -n 's/^KERNEL_FRAGMENT=//p' "$f") ]] || { echo "FAIL: $name: no kernel fragment"; fail=1; }
	((fail)) || echo "ok: $name"
done
# The scripts read arch facts from the data files only.
if grep -nE 'case "?\$\{?(arch|ARCH)\}?"? in|\[\[ "?\$\{?(arch|ARCH)\}?"? == (x86_64|aarch64|arm|mips64|riscv64)' \
	"$LKMP_ROOT"/{setup,build,run,test,bench,qemu-monitor} "$LKMP_ROOT"/lib/*.sh; then
	echo "FAIL: a script branches on the arch name"; fail=1
fi
exit $fail
