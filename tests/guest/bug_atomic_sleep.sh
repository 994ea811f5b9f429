#!/bin/sh
# bug_atomic_sleep: DEBUG_ATOMIC_SLEEP reports the module's GFP_KERNEL
# allocation under a spinlock, with the lock held and where it was taken.
# On the debug kernel (./test --debug bug_atomic_sleep); /test/run skips it
# elsewhere.
# lkmp: expect-trace (the runner allows this test's BUG report)
. /test/lib.sh
T=/sys/kernel/debug/bug_atomic_sleep/trigger
plan 12
check "load" modprobe bug_atomic_sleep
check_dmesg "init message" 'bug_atomic_sleep: init$'
check "the write returns: the report does not stop the kernel" sh -c "echo 1 > $T"
check_dmesg "the record was made" 'bug_atomic_sleep: record 1$'
check_dmesg "the report, at the allocator's might_sleep point" \
	'BUG: sleeping function called from invalid context at .*include/linux/sched/mm\.h:[0-9]+$'
check_dmesg "in atomic context, interrupts on, by the writing shell" \
	'in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: [0-9]+, name: sh$'
check_dmesg "one level of preemption off (the spinlock), none allowed" 'preempt_count: 1, expected: 0$'
# Lockdep lists the held locks; after an earlier report of this boot
# switched it off (debug_locks 0), the list is left out.
if grep -q '^ *debug_locks: *1$' /proc/lockdep_stats; then
	check "the held locks: bug_atomic_sleep_lock, taken in bug_atomic_sleep_trigger" \
		dmesg_block 'locks? held by sh/[0-9]+:$' '\(bug_atomic_sleep_lock\)\{.*\}, at: bug_atomic_sleep_trigger\+'
else
	skip "the held locks: bug_atomic_sleep_lock, taken in bug_atomic_sleep_trigger" "lockdep is off in this boot (an earlier report): no list of held locks"
fi
check "the call trace: kmalloc from bug_atomic_sleep_trigger" \
	dmesg_block 'Call Trace:' ' __might_resched\+' ' __kmalloc_cache_noprof\+' ' bug_atomic_sleep_trigger\+'
check "the kernel is tainted W (512)" tainted 512
check "unload" rmmod bug_atomic_sleep
check_dmesg "exit message" 'bug_atomic_sleep: exit$'
finish
