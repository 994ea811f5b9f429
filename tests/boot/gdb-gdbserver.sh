#!/usr/bin/env bash
# gdbserver in the guest (/gdbserver.sh), ./run -g forwarding its port to
# 127.0.0.1, ./run-gdbserver with the sysroot: break in main of a dynamically
# linked program, step into the C library and see the function's name.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh
[[ -n $GDBSERVER ]] || skip_all "no gdbserver for $ARCH (see arch/$ARCH.conf)"

start_guest -g -E '/gdbserver.sh /gdb_demo.dyn.out 2; echo "gdbserver-exit $?"'
wait_for 40 console_has 'Listening on port 45459'
check "the port is forwarded on 127.0.0.1 only" eval "ss -Hltn 'sport = :$LKMP_GDBSERVER_PORT' | grep -q '127\\.0\\.0\\.1:$LKMP_GDBSERVER_PORT'"
gdb_session ./run-gdbserver -a "$ARCH" /gdb_demo.dyn.out -- -batch \
	-ex 'info sharedlibrary' -ex 'set step-mode on' -ex step -ex 'bt 2' -ex 'info symbol $pc' -ex kill
check "stopped in main of the dynamic program" gdb_saw '^Breakpoint 1, main \(argc=2, argv=0x[0-9a-f]+\) at .*gdb_demo\.c:[0-9]+'
check "the C library comes from the sysroot" gdb_saw "0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.* $ARCH_OUT/rootfs/lib/.*libc\\.so\\.6"
check "step went into the C library's strtol" gdb_saw '^#0 +(0x[0-9a-f]+ in )?(__)?strto(l|q) \('
check "... which is in the sysroot's libc.so.6" gdb_saw " in section \\.text of $ARCH_OUT/rootfs/lib/.*libc\\.so\\.6\$"
check "... called from main" gdb_saw '^#1 .* in main \('
check "the guest went on after kill" eval "wait_for 20 console_has '^gdbserver-exit'"
guest_ends 20
stop_guest
exit $fail
