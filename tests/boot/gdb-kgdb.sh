#!/usr/bin/env bash
# KGDB over the second serial port: ./run -k, guest /kgdb.sh breaks in,
# ./run-gdb -k connects; a breakpoint on the write syscall is hit while a
# guest loop writes, N times; lx-symbols loads an inserted module and a
# breakpoint in it is hit (where the arch's KGDB can set one: otherwise the
# check skips, after the rest); after detach the guest finishes normally.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh

start_guest -k -E 'insmod /timer.ko period_ms=50; /kgdb.sh; i=0; while [ $i -lt 100 ]; do echo "tick $i"; i=$((i + 1)); done; echo loop-done'
wait_for 40 console_has 'Entering kdb|KGDB: Waiting for|kgdb: Waiting'
gdb_session ./run-gdb -a "$ARCH" -k -- -batch \
	-ex 'break ksys_write' -ex continue -ex 'print count' -ex continue -ex continue \
	-ex delete -ex 'break timer_fn' -ex continue -ex 'bt 1' -ex delete -ex detach
check "KGDB: connected, lx-symbols loaded timer.ko" gdb_saw 'loading @0x[0-9a-f]+: .*/timer\.ko'
check "KGDB: break on ksys_write hit 3 times" [ "$(gdb_count '^(Thread [0-9]+ hit )?Breakpoint 1(\.[0-9]+)?, ksys_write \(fd=1')" = 3 ]
check "KGDB: a module breakpoint, named right" gdb_saw '^(Thread [0-9]+ hit )?Breakpoint 2(\.[0-9]+)?, timer_fn \(t=0x[0-9a-f]+'
check "KGDB: GDB exited cleanly" [ "$GST" = 0 ]
check "KGDB: the guest ran on after detach" eval "wait_for 30 console_has '^loop-done'"
guest_ends 20
stop_guest
exit $fail
