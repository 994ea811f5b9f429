#!/usr/bin/env bash
# The boot watchdog (LKMP_BOOT_TIMEOUT; 30 s by default with -K) stops a
# guest that shows no sign of life, and only that: a healthy session that
# lives longer than the limit survives, with or without our init. With -K
# on a host where KVM works, the same boot runs under KVM.
source "$(dirname "$0")/lib.sh"

LKMP_BOOT_TIMEOUT=12 guest st -s -E 'sleep 15; echo still-here'
expect "a session longer than the limit survives (exit 0)" [ "$st" = 0 ]
expect "... and its output is there" saw '^still-here'
expect "... init gave its sign of life" saw '^lkmp: user space is up'

# A user's own init prints nothing of ours: the kernel's banner is the sign.
LKMP_BOOT_TIMEOUT=12 guest st -s -e 'init=/sleep_forever.out' -t 16
expect "own init: not stopped by the watchdog, only by -t" saw 'did not finish within 16s'
expect "own init: the kernel's banner showed" saw 'Linux version'

# A guest that never starts (its vCPU held, -S): stopped, with the reason.
LKMP_BOOT_TIMEOUT=4 guest st -s -E true -- -S
expect "no sign of life: ./run exits 124" [ "$st" = 124 ]
expect "no sign of life: it says so" saw 'showed no sign of life in 4s'
expect "no sign of life: QEMU is gone" eval '! pgrep -f -- "$ARCH_OUT/monitor.sock" >/dev/null'

# -K: where KVM works, the guest boots under it within the default limit;
# where /dev/kvm opens but cannot run this guest (a nested or paravirtual
# KVM such as kvm-pvm: "KVM internal error", or a vCPU that never starts),
# ./run stops it within that limit and says KVM is the likely cause.
if msg=$(source lib/qemu.sh && kvm_check 2>&1); then
	guest st -K -s -E 'echo kvm-ok'
	if [ "$st" = 0 ]; then
		expect "-K: the guest boots under KVM" true
		expect "-K: ... and runs the commands" saw '^kvm-ok'
	else
		echo "# /dev/kvm opens here, but the guest does not boot under it (exit $st)"
		expect "-K on a KVM that cannot boot the guest: stopped by the watchdog, with the reason" \
			eval '{ [ "$st" = 124 ] && saw "with -K, KVM is the likely cause"; } || saw "KVM internal error"'
	fi
else
	echo "# -K not checked, KVM is not usable here: $msg"
fi
exit $fail
