# shellcheck shell=bash
# Shared by run-gdb, run-gdb-user, run-gdbserver and tmu: the debugger, the
# vmlinux with the kernel's GDB scripts, the ports of QEMU's GDB stub, KGDB
# and gdbserver. Sourced after lib/common.sh and load_arch.

GDB=${LKMP_GDB:-gdb-multiarch}
GDB_PORT=$LKMP_GDB_PORT
KGDB_PORT=$LKMP_KGDB_PORT
GDBSERVER_PORT=$LKMP_GDBSERVER_PORT

need_gdb() {
	command -v "$GDB" >/dev/null || die "$GDB not found; install it with: ./setup"
}

# The kernel's build directory holds vmlinux and vmlinux-gdb.py (which loads
# scripts/gdb); GDB auto-loads the script when it loads that vmlinux.
need_vmlinux() {
	KBUILD=$ARCH_OUT/kernel
	VMLINUX=$KBUILD/vmlinux
	[[ -f $VMLINUX ]] || die "no vmlinux built for $ARCH ($VMLINUX); build it with: ./build -a $ARCH"
	[[ -f $KBUILD/vmlinux-gdb.py ]] ||
		die "the kernel's GDB scripts are missing ($KBUILD/vmlinux-gdb.py): CONFIG_GDB_SCRIPTS must be on; rebuild with: ./build -a $ARCH -l"
}

# GDB options that load vmlinux and its scripts, then lkmp's gdb/lkmp.py.
gdb_kernel_args() {
	GDB_ARGS=(-q
		-iex "add-auto-load-safe-path $KBUILD"
		-iex "add-auto-load-safe-path $(realpath "$KBUILD")"
		-iex "set confirm off"
		-ex "set architecture $GDB_ARCH"
		-ex "file $VMLINUX"
		-ex "source $LKMP_ROOT/gdb/lkmp.py")
}

# Connect to QEMU's stub on GDB_PORT: ./run -d opened it; for a guest started
# without -d, open it now through the monitor (attach after boot).
need_stub() {
	port_listening "$GDB_PORT" && return 0
	guest_running || die "no guest to debug: start one with ./run -d (waits for GDB) or ./run (then attach)"
	log "the guest runs without a GDB stub: opening one with the monitor command 'gdbserver tcp:127.0.0.1:$GDB_PORT'"
	printf 'gdbserver tcp:127.0.0.1:%s\n' "$GDB_PORT" |
		run socat -t 1 - "UNIX-CONNECT:$ARCH_OUT/monitor.sock" >/dev/null || true
	local i
	for ((i = 0; i < 30; i++)); do
		port_listening "$GDB_PORT" && return 0
		sleep 0.1
	done
	die "QEMU did not open its GDB stub on 127.0.0.1:$GDB_PORT (port in use? set LKMP_GDB_PORT)"
}
