#!/bin/sh
# bug_uaf: KASAN reports the module's use after free: the bad read, the
# stacks that allocated and freed the object, the object's cache and size.
# On the debug kernel (./test --debug bug_uaf); /test/run skips it elsewhere.
# lkmp: expect-trace (the runner allows this test's KASAN report)
. /test/lib.sh
T=/sys/kernel/debug/bug_uaf/trigger
plan 15
check "load" modprobe bug_uaf
check_dmesg "init message" 'bug_uaf: init$'
check "KASAN can report (its first report of this boot, or kasan_multi_shot)" kasan_armed
check "the write returns: KASAN reports and the kernel goes on" sh -c "echo 1 > $T"
check_dmesg "the session was freed, then logged" 'bug_uaf: session [0-9]+ ended$'
diag "its id read after kfree(): $(dmesg | sed -n 's/.*bug_uaf: session \([0-9]*\) ended$/\1/p') (it was 1: freed memory holds whatever was written there since)"
check_dmesg "KASAN names the bug and the function" \
	'BUG: KASAN: slab-use-after-free in bug_uaf_trigger\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_uaf\]$'
check_dmesg "a read of 4 bytes (s->id) by the writing shell" 'Read of size 4 at addr [0-9a-f]+ by task sh/[0-9]+$'
check "the call trace: the read in bug_uaf_trigger, from write()" \
	dmesg_block 'Call Trace:' ' bug_uaf_trigger\+' ' vfs_write\+'
check "allocated (kzalloc) in bug_uaf_trigger" \
	dmesg_block 'Allocated by task [0-9]+:$' ' __kasan_kmalloc\+' ' bug_uaf_trigger\+'
check "freed by kfree in bug_uaf_trigger" \
	dmesg_block 'Freed by task [0-9]+:$' ' kfree\+' ' bug_uaf_trigger\+'
check_dmesg "the object: from the cache kmalloc-16" 'which belongs to the cache kmalloc-16 of size 16$'
check "the read: at its start, after it was freed" \
	dmesg_block 'The buggy address is located 0 bytes inside of$' 'freed 16-byte region \['
check "the kernel is tainted B (32: bad page, KASAN's mark)" tainted 32
check "unload" rmmod bug_uaf
check_dmesg "exit message" 'bug_uaf: exit$'
finish
