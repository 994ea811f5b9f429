#!/usr/bin/env bash
# ./run -K checks KVM before it builds or boots anything, and says which
# part failed: no device, no permission, not a KVM device, a foreign arch.
# (KVM_CREATE_VM failing needs a real but refusing KVM: not simulated.)
set -uo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# An out dir with nothing built: a check that passed would go on to build.
out=$work/out
expect 1 "-K: $work/nokvm is missing: KVM is not available" \
	env LKMP_OUT="$out" LKMP_KVM_DEV="$work/nokvm" ./run -K -E true
expect 1 "-K: /dev/null is not a usable KVM device: KVM_GET_API_VERSION failed" \
	env LKMP_OUT="$out" LKMP_KVM_DEV=/dev/null ./run -K -E true
expect 1 "-K: cannot open $work: Is a directory" env LKMP_OUT="$out" LKMP_KVM_DEV="$work" ./run -K -E true
other=aarch64
[[ $(uname -m) == aarch64 ]] && other=x86_64
expect 1 "-K: KVM runs guests of the host's arch \\($(uname -m)\\) only, not $other" \
	env LKMP_OUT="$out" ./run -K -a "$other" -E true
# No permission: a device node only root may open, opened as nobody.
touch "$work/kvm" && chmod 600 "$work/kvm"
chmod 755 "$work"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if ((EUID == 0)) && ! nobody test -x "$PWD/run"; then
	echo "# no permission case: user nobody cannot read this clone ($PWD)"
elif ((EUID == 0)); then
	expect 1 "-K: no permission to open $work/kvm \\(-rw------- root:root\\): add yourself to its group" \
		nobody env LKMP_OUT="$out" LKMP_KVM_DEV="$work/kvm" ./run -K -E true
else
	chmod 000 "$work/kvm"
	expect 1 "-K: no permission to open $work/kvm" env LKMP_OUT="$out" LKMP_KVM_DEV="$work/kvm" ./run -K -E true
fi
[[ ! -e $out ]] || { echo "FAIL: a failed KVM check left an out dir behind (it built or booted)"; fail=1; }
exit $fail
