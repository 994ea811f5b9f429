#!/usr/bin/env bash
# QEMU command construction, offline: what ./run's options turn into.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/qemu.sh"
load_arch x86_64
fail=0
check() { # DESC CONDITION...
	local d=$1
	shift
	if "$@"; then echo "ok: $d"; else echo "FAIL: $d"; quote_cmd "${QEMU_CMD[@]}"; fail=1; fi
}
has() { local a; for a in "${QEMU_CMD[@]}"; do [[ $a == "$1" ]] && return 0; done; return 1; }
append() { local i; for ((i = 0; i < ${#QEMU_CMD[@]}; i++)); do [[ ${QEMU_CMD[i]} == -append ]] && printf "%s" "${QEMU_CMD[i + 1]}"; done; return 0; }
defaults() {
	MEM=256M CPUS=1 ROOTFS=disk GRAPHIC=0 KVM=0 GDB_PORT="" WAIT_GDB=0 CMDLINE_EXTRA=""
	EVAL_B64="" FINIT_B64="" SNAPSHOT=0 QEMU_EXTRA_ARGS=() KGDB_SOCK=""
	CONSOLE_LOG=/tmp/c.log MONITOR_SOCK=/tmp/m.sock EVAL_DISK="" CMDLINE_MAX="" BOOT_LIMIT=0
}

defaults; build_qemu_cmd
check "TCG by default" has tcg
check "no reboot: a guest reboot ends QEMU" has -no-reboot
check "disk root on virtio" eval '[[ $(append) == *"root=/dev/vda"* ]]'
check "panic=-1 so a panic ends the run" eval '[[ $(append) == *"panic=-1"* ]]'
check "quiet boot (messages stay in dmesg)" eval '[[ $(append) == *" quiet"* ]]'
check "monitor on a unix socket" has unix:/tmp/m.sock,server=on,wait=off

check "no watchdog: init is not asked for a sign of life" eval '[[ $(append) != *lkmp_watchdog* ]]'

# The boot watchdog: our init is asked for its line; a user's own init
# prints nothing of ours, so the kernel's banner must show (not quiet).
defaults; BOOT_LIMIT=30; build_qemu_cmd
check "watchdog: init asked for its sign of life, still quiet" eval '[[ $(append) == *" lkmp_watchdog=1"* && $(append) == *" quiet"* ]]'
for init in init=/poweroff.out rdinit=/sleep_forever.out; do
	defaults; BOOT_LIMIT=30 CMDLINE_EXTRA="console=ttyS0 $init"; build_qemu_cmd
	check "watchdog + $init: the banner shows (loglevel=6, not quiet)" eval '[[ $(append) == *" loglevel=6"* && $(append) != *" quiet"* ]]'
done
defaults; CMDLINE_EXTRA="init=/poweroff.out"; build_qemu_cmd
check "no watchdog + own init: still quiet" eval '[[ $(append) == *" quiet"* ]]'
# The sign of life: the line init prints, and kernel messages, not firmware.
alive() { printf '%s\r\n' "$1" | grep -aqE "$BOOT_ALIVE_ERE"; }
check "sign of life: init's line" alive "lkmp: user space is up"
check "sign of life: the kernel's banner" alive "[    0.000000] Linux version 6.12.95 (lkmp@lkmp) #1 SMP"
check "sign of life: a panic, printed even when quiet" alive "Kernel panic - not syncing: sysrq triggered crash"
check "no sign of life: SeaBIOS / boot loader output" eval '! alive "Booting from ROM.." && ! alive "Probing EDD (edd=off to disable)... ok"'

defaults; KVM=1; build_qemu_cmd
check "-K selects KVM and the host CPU" eval 'has kvm && has host'

defaults; ROOTFS=initrd; build_qemu_cmd
check "-i boots the cpio with rdinit" eval 'has -initrd && [[ $(append) == *"rdinit=/sbin/init"* && $(append) != *root=* ]]'

defaults; ROOTFS=initramfs; build_qemu_cmd
check "-I boots the kernel with the built-in initramfs" eval 'has "$ARCH_OUT/images/$KERNEL_IMAGE_NAME.initramfs" && ! has -initrd'

# -E: any quoting survives the trip through the kernel command line.
script=$'echo "a b" \'c\' $HOME; x=1\nexit 3'
defaults; EVAL_B64=$(printf '%s' "$script" | base64 -w0); build_qemu_cmd
b64=$(append | sed -nE 's/.*lkmp_eval=([^ ]*).*/\1/p')
check "-E: base64 round trip keeps quotes, \$, ; and newlines" eval '[[ $(printf %s "$b64" | base64 -d) == "$script" ]]'
check "-E on disk uses init=" eval '[[ $(append) == *" init=/lkmp-eval.sh"* ]]'
defaults; ROOTFS=initrd EVAL_B64=ZXhpdA==; build_qemu_cmd
check "-E on initrd uses rdinit=" eval '[[ $(append) == *"rdinit=/lkmp-eval.sh"* && $(append) != *"rdinit=/sbin/init"* ]]'

# A board with a short command line (CMDLINE_MAX): a long -E goes on a disk,
# a short one stays on the command line, anything else too long is an error.
defaults; CMDLINE_MAX=255 EVAL_B64=$(head -c 300 /dev/zero | base64 -w0); fit_cmdline; build_qemu_cmd
check "long -E, short command line: on a read-only disk" eval '[[ $(append) == *" lkmp_eval=disk"* ]] && has "file=$EVAL_DISK,format=raw,if=none,id=eval,readonly=on"'
defaults; CMDLINE_MAX=255 EVAL_B64=ZXhpdA==; fit_cmdline; build_qemu_cmd
check "short -E, short command line: on it" eval '[[ -z $EVAL_DISK && $(append) == *" lkmp_eval=ZXhpdA=="* ]]'
defaults; CMDLINE_MAX=255 CMDLINE_EXTRA=$(head -c 300 /dev/zero | tr '\0' x)
check "a command line over CMDLINE_MAX is an error" eval '! (fit_cmdline) 2>/dev/null'

defaults; GDB_PORT=45457 WAIT_GDB=1 KGDB_SOCK=45458; build_qemu_cmd
check "GDB stub on 127.0.0.1 only, waiting" eval 'has tcp:127.0.0.1:45457 && has -S'
check "KGDB serial on 127.0.0.1 only" eval 'printf "%s\n" "${QEMU_CMD[@]}" | grep -q "host=127.0.0.1,port=45458" && [[ $(append) == *kgdboc=ttyS1* ]]'
check "KGDB chardev on the second serial port by default" eval 'printf "%s\n" "${QEMU_CMD[@]}" | grep -qx "chardev:kgdb"'
defaults; build_qemu_cmd
check "no KGDB port without -k" eval '! printf "%s\n" "${QEMU_CMD[@]}" | grep -q kgdb && [[ $(append) != *kgdboc* ]]'

# An arch whose board has one UART attaches KGDB's chardev as it says
# (KGDB_QEMU_ARGS: riscv64, a 16550 on PCI).
load_arch riscv64
defaults; KGDB_SOCK=45458; build_qemu_cmd
check "riscv64: KGDB on a PCI 16550, kgdboc=$KGDB_SERIAL" eval 'has pci-serial,chardev=kgdb && ! has chardev:kgdb && [[ $(append) == *"kgdboc=$KGDB_SERIAL,"* ]]'
load_arch x86_64

defaults; SNAPSHOT=1 QEMU_EXTRA_ARGS=(-device edu); build_qemu_cmd
check "-s adds -snapshot; -- ARGS are appended" eval 'has -snapshot && [[ ${QEMU_CMD[-1]} == edu ]]'
exit $fail
