#!/bin/sh
# bug_lock_order: lockdep reports the module's ABBA lock order the moment
# the second order is taken, though the two transfers ran one after the
# other and nothing deadlocked. On the debug kernel (./test --debug
# bug_lock_order); /test/run skips it elsewhere.
# lkmp: expect-trace (the runner allows this test's lockdep WARNING)
# lkmp: own-boot CONFIG_PROVE_LOCKING (lockdep reports once per boot, and
# any taint, as an earlier test's report, turns it off)
. /test/lib.sh
T=/sys/kernel/debug/bug_lock_order/trigger
# Lockdep reports once a boot, then turns itself off (debug_locks 0); so
# does a KASAN report, which leaves lock state unreliable.
lockdep_on() {
	grep -q '^ *debug_locks: *1$' /proc/lockdep_stats && return 0
	echo "lockdep is off in this boot (debug_locks 0): an earlier lockdep, KASAN or DEBUG_LOCKS_WARN_ON report switched it off; run this test first in a boot"
	return 1
}
plan 16
check "load" modprobe bug_lock_order
check_dmesg "init message" 'bug_lock_order: init$'
check "lockdep is on (no earlier report of this boot switched it off)" lockdep_on
check "a to b: a's lock, then b's" sh -c "echo ab > $T"
check_dmesg "10 moved" 'bug_lock_order: a 90, b 110$'
check_eq "no report: one order alone is fine" 0 "$(dmesg | grep -c 'circular locking')"
check "b to a: b's lock, then a's; the write returns" sh -c "echo ba > $T"
check_dmesg "10 moved back" 'bug_lock_order: a 100, b 100$'
check_dmesg "lockdep reports the inversion" 'WARNING: possible circular locking dependency detected$'
check "it asks for account_a.lock, in bug_lock_order_transfer" \
	dmesg_block 'is trying to acquire lock:$' '\(account_a\.lock\)\{.*\}, at: bug_lock_order_transfer\+'
check "while it holds account_b.lock, taken there too" \
	dmesg_block 'but task is already holding lock:$' '\(account_b\.lock\)\{.*\}, at: bug_lock_order_transfer\+'
check "the chain lockdep remembers: account_b.lock after account_a.lock" \
	dmesg_block '-> #1 \(account_b\.lock\)' ' bug_lock_order_transfer\+' ' bug_lock_order_trigger\+'
check "the scenario: one order on each CPU" \
	dmesg_block 'CPU0 +CPU1$' 'lock\(account_b\.lock\);' 'lock\(account_a\.lock\);'
check_dmesg "and its end" '\*\*\* DEADLOCK \*\*\*$'
check "unload" rmmod bug_lock_order
check_dmesg "exit message" 'bug_lock_order: exit$'
finish
