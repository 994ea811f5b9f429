#!/usr/bin/env bash
# GDB on the kernel through QEMU's stub: ./run -d + ./run-gdb LOCATION stops
# at start_kernel and at init/main.c:LINE; attaching after boot, Ctrl-C and a
# breakpoint on the write syscall work; bad input fails clearly.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh

# ./run-gdb start_kernel: the backtrace goes down to the arch's early entry
# (KERNEL_ENTRY), unless that jumps to start_kernel without a return address.
start_guest -d -E true
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb -a "$ARCH" start_kernel -- -batch -ex bt -ex kill
check "start_kernel: stopped there" gdb_saw '^Breakpoint 1(\.[0-9]+)?, .*start_kernel \(\) at .*init/main\.c:[0-9]+'
if [[ -n $KERNEL_ENTRY ]]; then
	check "start_kernel: backtrace shows $KERNEL_ENTRY (arch/$ARCH.conf)" gdb_saw "^#[0-9]+ .*$KERNEL_ENTRY "
else # the entry code jumps to start_kernel: no caller to show
	check "start_kernel: backtrace starts there, no caller named" eval "gdb_saw '^#0 +start_kernel \\(' && gdb_lacks '^#1 .* in [A-Za-z_]+ \\('"
fi
check "start_kernel: kill ends QEMU" guest_ends 10
stop_guest

# ./run-gdb init/main.c:LINE (the line calling setup_arch).
line=$(grep -n '^	setup_arch(&command_line);' out/src/linux/init/main.c | cut -d: -f1)
start_guest -d -E true
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb -a "$ARCH" "init/main.c:$line" -- -batch -ex 'info line *$pc' -ex kill
check "init/main.c:$line: stopped on that line of start_kernel" gdb_saw "^Breakpoint 1, start_kernel \\(\\) at .*init/main\\.c:$line\$"
check "init/main.c:$line: info line agrees" gdb_saw "^Line $line of \".*init/main\\.c\""
stop_guest

# Attach after boot (no -d: run-gdb opens the stub through the monitor), then
# Ctrl-C (SIGINT) while the guest runs, then break on the write syscall.
start_guest -E 'echo booted; while :; do echo tick >/dev/null; sleep 0.2; done'
wait_for 30 console_has '^booted'
timeout -k 5 90 ./run-gdb -a "$ARCH" -- -batch -ex continue -ex 'bt 3' -ex 'break ksys_write' -ex continue -ex 'bt 2' -ex kill \
	</dev/null >"$GLOG" 2>&1 &
gpid=$!
# Ctrl-C 4 s after GDB connected to the stub, not 4 s after it started:
# under load, starting GDB and loading vmlinux took longer than that.
wait_for 60 eval '[[ -n $(ss -Htn state established "( sport = :$LKMP_GDB_PORT )") ]]'
sleep 4
kill -INT "$gpid"
wait "$gpid"
check "attach: run-gdb opened the stub through the monitor" gdb_saw 'monitor command .gdbserver tcp:127\.0\.0\.1:'
check "attach: Ctrl-C stopped the running guest" gdb_saw 'received signal SIGINT'
check "attach: break ksys_write hit by the guest's echo" gdb_saw '^Breakpoint 1(\.[0-9]+)?, ksys_write \(fd=1'
check "attach: kill ends QEMU" guest_ends 10
stop_guest

# ./tmu: run and run-gdb side by side in a (private, detached) tmux session.
export TMUX_TMPDIR=$(mktemp -d) LKMP_TMUX_NO_ATTACH=1
unset TMUX
: >"$GLOG"
timeout 20 ./tmu -a "$ARCH" -s -t 60 -E true -- start_kernel >"$GLOG" 2>&1
pane_has() { tmux capture-pane -p -t lkmp-$ARCH:0.1 2>/dev/null | grep -qE -- "$1"; }
check "tmu: GDB in the right pane stopped at start_kernel" wait_for 30 pane_has '^Breakpoint 1(\.[0-9]+)?, .*start_kernel'
# (-S -: from the start of the pane's history, as the firmware's banner, e.g.
# riscv's OpenSBI, can scroll the QEMU command out of the visible lines.)
check "tmu: ./run -d in the left pane" eval "tmux capture-pane -pJ -S - -t lkmp-$ARCH:0.0 | tr -d '\\n' | grep -q -- '-gdb tcp:127.0.0.1:$LKMP_GDB_PORT -S'"
tmux kill-server 2>/dev/null
rm -rf "$TMUX_TMPDIR"
unset TMUX_TMPDIR LKMP_TMUX_NO_ATTACH

# ./run -D: QEMU itself under the host's GDB.
gdb_session env LKMP_QEMU_GDB_ARGS="-batch -ex run" ./run -a "$ARCH" -D -s -E true
check "-D: QEMU ran under the host GDB and exited" gdb_saw '^\[Inferior 1 \(process [0-9]+\) exited normally\]'
check "-D: ... through a guest poweroff" gdb_saw '<<lkmp-exit-status 0>>'

# Bad input: an unknown symbol is GDB's error, a non-zero exit, QEMU killed.
start_guest -d -E true
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb -a "$ARCH" no_such_function_xyz
check "unknown symbol: GDB's message" gdb_saw 'Function "no_such_function_xyz" not defined'
check "unknown symbol: exit status non-zero" [ "$GST" -ne 0 ]
check "unknown symbol: QEMU was killed" guest_ends 10
stop_guest

gdb_session env LKMP_OUT=/nonexistent ./run-gdb -a "$ARCH"
check "no vmlinux: says to build" gdb_saw 'no vmlinux built .*build it with: ./build'
gdb_session env LKMP_GDB=gdb-multiarch-missing ./run-gdb -a "$ARCH"
check "no gdb-multiarch: names ./setup" gdb_saw 'gdb-multiarch-missing not found; install it with: ./setup'
gdb_session ./run-gdb -a "$ARCH"
check "no guest: says to start one" gdb_saw 'no guest to debug: start one with ./run -d'
timeout 20 socat TCP-LISTEN:"$LKMP_GDB_PORT",bind=127.0.0.1,reuseaddr /dev/null &
spid=$!
wait_for 5 listening "$LKMP_GDB_PORT"
gdb_session ./run -a "$ARCH" -d -E true
check "port busy: ./run -d names the port" gdb_saw "port 127\\.0\\.0\\.1:$LKMP_GDB_PORT is in use"
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
exit $fail
