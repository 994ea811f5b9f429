#!/bin/sh
# bug_double_free: KASAN reports the module's second kfree() of one buffer,
# with the stacks of its allocation and of the first kfree(), and skips it.
# On the debug kernel (./test --debug bug_double_free); /test/run skips it
# elsewhere.
# lkmp: expect-trace (the runner allows this test's KASAN report)
. /test/lib.sh
T=/sys/kernel/debug/bug_double_free/trigger
plan 16
check "load" modprobe bug_double_free
check_dmesg "init message" 'bug_double_free: init$'
check "KASAN can report (its first report of this boot, or kasan_multi_shot)" kasan_armed
check "a lowercase word is taken" sh -c "echo hello > $T"
check_dmesg "and logged" 'bug_double_free: word hello: 5 letters$'
check_eq "no report for it" 0 "$(dmesg | grep -c 'BUG: KASAN')"
check_eq "a word with a capital is refused with EINVAL" "sh: write error: Invalid argument" "$(echo_to $T Hello)"
check_dmesg "KASAN names the bug and the function" \
	'BUG: KASAN: double-free in bug_double_free_trigger\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_double_free\]$'
check_dmesg "the free, by the writing shell" 'Free of addr [0-9a-f]+ by task sh/[0-9]+$'
check "the call trace: kfree, from bug_double_free_trigger" \
	dmesg_block 'Call Trace:' ' kfree\+' ' bug_double_free_trigger\+'
check "allocated by memdup_user_nul in bug_double_free_trigger" \
	dmesg_block 'Allocated by task [0-9]+:$' ' memdup_user_nul\+' ' bug_double_free_trigger\+'
check "first freed by kfree in bug_double_free_trigger" \
	dmesg_block 'Freed by task [0-9]+:$' ' kfree\+' ' bug_double_free_trigger\+'
check_dmesg "the object: from the cache kmalloc-8" 'which belongs to the cache kmalloc-8 of size 8$'
check "the address: the start of the object (7 bytes asked, Hello, newline, NUL; 8 once freed)" \
	dmesg_block 'The buggy address is located 0 bytes inside of$' ' 8-byte region \['
check "unload" rmmod bug_double_free
check_dmesg "exit message" 'bug_double_free: exit$'
finish
