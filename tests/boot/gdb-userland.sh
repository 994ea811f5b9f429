#!/usr/bin/env bash
# GDB on guest processes through QEMU's stub (./run-gdb-user): main of a
# custom init, a BusyBox applet (ls_main), a function of a non-init process.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh

# A custom init: -e init=/gdb_demo.out (PID 1; the kernel panics when it
# exits, and QEMU ends: -no-reboot).
start_guest -d -e init=/gdb_demo.out
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb-user -a "$ARCH" /gdb_demo.out main -- -batch \
	-ex 'print $lkmp_current().pid' -ex 'break add' -ex continue -ex continue -ex 'echo TOTAL=' -ex 'output total' -ex 'echo \\n' -ex kill
check "custom init: stopped at main of gdb_demo" gdb_saw '^Breakpoint 1, main \(argc=1, argv=0x[0-9a-f]+\) at .*gdb_demo\.c:[0-9]+'
check "custom init: it is PID 1" gdb_saw '^\$1 = 1$'
# GDB may show i's value on entry too (aarch64: "i=i@entry=1").
check "custom init: add(1), then add(2) with total 1" eval "gdb_saw '^Breakpoint 2, add \\(i=(i@entry=)?1\\)' && gdb_saw '^Breakpoint 2, add \\(i=(i@entry=)?2\\)' && gdb_saw '^TOTAL=1'"
stop_guest

# A BusyBox applet: ls_main, in the process named ls (not in sh, which runs
# the same binary).
start_guest -d -E 'sleep 0.5; ls / >/dev/null'
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb-user -a "$ARCH" /bin/ls ls_main -- -batch -ex 'bt 2' -ex 'print $lkmp_current().comm' -ex kill
check "applet: stopped at ls_main" gdb_saw '^Breakpoint 1, (0x[0-9a-f]+ in )?ls_main \('
check "applet: called by BusyBox's run_applet" gdb_saw '^#1 .* in run_applet_no_and_exit'
check "applet: in the process named ls" gdb_saw '^\$1 = "ls"'
stop_guest

# A process started by the shell, not init: break on its add() function.
start_guest -d -E 'sleep 0.5; /gdb_demo.out 4'
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb-user -a "$ARCH" /gdb_demo.out add -- -batch -ex 'print i' -ex continue -ex 'print i' -ex 'print total' -ex kill
check "process: stopped in add" gdb_saw '^Breakpoint 1, add \(i=(i@entry=)?1\) at .*gdb_demo\.c:[0-9]+'
check "process: second call with i=2 after total=1" eval "gdb_saw '^\\\$2 = 2\$' && gdb_saw '^\\\$3 = 1\$'"
stop_guest

# A breakpoint on a load from a fresh page (gdb_demo's peek, called on two):
# the load faults and the kernel runs it again; QEMU's stub sees both, and
# ./run-gdb-user must stop once per call: two stops, then the program ends.
peek_stops() { # two stops, with p at two different page starts
	local a1 a2
	a1=$(sed -n 's/^\$1 = //p' "$GLOG") a2=$(sed -n 's/^\$2 = //p' "$GLOG")
	[[ $(gdb_count '^Breakpoint 1, peek ') == 2 && $a1 == 0x*000 && $a2 == 0x*000 && $a1 != "$a2" ]]
}
start_guest -d -E 'sleep 0.5; /gdb_demo.out 1'
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb-user -a "$ARCH" /gdb_demo.out peek -- -batch -ex 'print/x (long)p' -ex continue -ex 'print/x (long)p' -ex continue
check "faulting load: one stop per call, on two pages" peek_stops
stop_guest
exit $fail
