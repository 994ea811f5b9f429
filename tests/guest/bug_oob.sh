#!/bin/sh
# bug_oob: KASAN reports the module's off-by-one heap write: the write, its
# size, how far past the allocated region it landed, and who allocated it.
# On the debug kernel (./test --debug bug_oob); /test/run skips it elsewhere.
# lkmp: expect-trace (the runner allows this test's KASAN report)
. /test/lib.sh
T=/sys/kernel/debug/bug_oob/trigger
plan 14
check "load" modprobe bug_oob
check_dmesg "init message" 'bug_oob: init$'
check "KASAN can report (its first report of this boot, or kasan_multi_shot)" kasan_armed
check_eq "0 entries is refused" "sh: write error: Invalid argument" "$(echo_to $T 0)"
check "a table of 4 u32: the write returns, KASAN reports and the kernel goes on" sh -c "echo 4 > $T"
check_dmesg "the table was filled and summed" 'bug_oob: 4 squares, sum 14$'
check_dmesg "KASAN names the bug and the function" \
	'BUG: KASAN: slab-out-of-bounds in bug_oob_trigger\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_oob\]$'
check_dmesg "a write of 4 bytes (one u32) by the writing shell" 'Write of size 4 at addr [0-9a-f]+ by task sh/[0-9]+$'
check "allocated (kmalloc_array) in bug_oob_trigger" \
	dmesg_block 'Allocated by task [0-9]+:$' ' __kasan_kmalloc\+' ' bug_oob_trigger\+'
check_dmesg "the object: from the cache kmalloc-16" 'which belongs to the cache kmalloc-16 of size 16$'
check "the write: just past the end of the 16 bytes allocated" \
	dmesg_block 'The buggy address is located 0 bytes to the right of$' 'allocated 16-byte region \['
check "the kernel is tainted B (32: bad page, KASAN's mark)" tainted 32
check "unload" rmmod bug_oob
check_dmesg "exit message" 'bug_oob: exit$'
finish
