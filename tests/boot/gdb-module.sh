#!/usr/bin/env bash
# GDB on modules: lx-symbols (armed automatically by ./run-gdb, fixed by
# kernel/patches/0003-0005 and 0007 to pass every section) makes breakpoints on module functions
# stop in the right function with the right name: hello_init (.init.text),
# the timer callback (.text), hello_exit (.exit.text); lx-dmesg shows the
# modules' lines; a module loaded again by reload (from the share, where
# ./build -k puts a new build) is stopped in again, its symbols reloaded.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh
# Where QEMU's stub cannot see module memory, KGDB (gdb-kgdb.sh) covers it.
[[ -z ${STUB_LIMIT:-} ]] || skip_all "$STUB_LIMIT (arch/$ARCH.conf)"

start_guest -d -E 'sleep 1; insmod /hello.ko; insmod /timer.ko period_ms=20; sleep 2; rmmod timer; rmmod hello; reload hello; rmmod hello'
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb -a "$ARCH" hello_init -- -batch -ex 'set breakpoint pending on' \
	-ex 'bt 2' -ex 'info symbol $pc' \
	-ex 'delete 1' -ex 'break timer_fn' -ex continue \
	-ex 'delete 2' -ex 'break *timer_fn' -ex continue -ex 'print ticks.counter' -ex continue -ex 'print ticks.counter' \
	-ex 'info symbol $pc' -ex 'lx-dmesg' \
	-ex 'delete' -ex 'break hello_exit' -ex continue -ex 'bt 1' \
	-ex 'delete' -ex 'break hello_init' -ex continue -ex 'info symbol $pc' -ex kill
check "lx-symbols armed before the kernel ran" gdb_saw 'module symbols will load when modules are inserted'
check "lx-symbols loaded hello.ko and timer.ko on insmod" \
	eval "gdb_saw 'loading @0x[0-9a-f]+: .*/hello\\.ko' && gdb_saw 'loading @0x[0-9a-f]+: .*/timer\\.ko'"
check "hello_init: stopped in it, named right, in hello.c" gdb_saw '^Breakpoint 1(\.[0-9]+)?, hello_init \(\) at .*modules/hello\.c:[0-9]+'
check "hello_init: called by do_one_initcall" gdb_saw '^#1 .* do_one_initcall '
check "hello_init: \$pc is in .init.text of hello" gdb_saw '^(hello_init|init_module)( \+ [0-9]+)? in section \.init\.text of .*/hello\.ko'
check "timer_fn: stopped in the timer callback" gdb_saw '^Breakpoint 2(\.[0-9]+)?, timer_fn \(t=0x[0-9a-f]+.*\) at .*modules/timer\.c:[0-9]+'
n1=$(sed -n 's/^\$1 = //p' "$GLOG") n2=$(sed -n 's/^\$2 = //p' "$GLOG")
check "timer_fn: each hit counts one more tick ($n1, $n2)" eval '[ -n "$n1" ] && [ "$n2" = $((n1 + 1)) ]'
check "timer_fn: \$pc is in .text of timer" gdb_saw '^timer_fn( \+ [0-9]+)? in section \.text of .*/timer\.ko'
check "lx-dmesg shows hello's line" gdb_saw '\] hello: init$'
check "lx-dmesg shows timer's line" gdb_saw '\] timer: init: every'
check "timer_fn: ... and again on each tick" gdb_saw '^Breakpoint 3, timer_fn \(t=0x'
check "hello_exit (.exit.text): stopped in it on rmmod" gdb_saw '^Breakpoint 4(\.[0-9]+)?, hello_exit \(\) at .*modules/hello\.c:[0-9]+'
check "hello_exit: called from the delete_module syscall" gdb_saw '^#0 +hello_exit '
check "reload hello: lx-symbols loaded hello.ko again" eval '[ "$(grep -cE "loading @0x[0-9a-f]+: .*/hello\.ko" "$GLOG")" -ge 2 ]'
check "reload hello: stopped in hello_init of the reloaded module" \
	eval "gdb_saw '^Breakpoint 5(\\.[0-9]+)?, hello_init \\(\\) at .*modules/hello\\.c:[0-9]+' && gdb_saw '^(hello_init|init_module)( \\+ [0-9]+)? in section \\.init\\.text of .*/hello\\.ko'"
check "GDB exited cleanly" [ "$GST" = 0 ]
stop_guest

# -L: no lx-symbols, module functions are unknown to GDB. First what must
# be there: GDB stopped the guest, knows the kernel's functions, answered
# the query for hello_init (with nothing) and killed the guest.
start_guest -d -E true
wait_for 20 listening "$LKMP_GDB_PORT"
gdb_session ./run-gdb -a "$ARCH" -L -- -batch -ex 'info functions ^start_kernel$' -ex 'info functions ^hello_init$' -ex kill
check "-L: GDB stopped the guest at the stub's first instruction" gdb_saw '^0x[0-9a-f]+ in '
check "-L: ... knows the kernel's functions (start_kernel, in init/main.c)" gdb_saw '^[0-9]+:[[:space:]]+void start_kernel\(void\);$'
check "-L: ... answered the query for hello_init" gdb_saw '^All functions matching regular expression "\^hello_init\$":$'
check "-L: ... and killed the guest" gdb_saw '^\[Inferior 1 \(process [0-9]+\) killed\]$'
check "-L: lx-symbols not run" gdb_lacks 'lx-symbols'
check "-L: hello_init unknown" gdb_lacks 'hello_init\(void\)'
stop_guest
exit $fail
