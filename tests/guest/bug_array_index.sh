#!/bin/sh
# bug_array_index: UBSAN reports the module's off-by-one index, one past a
# four-bucket array, and the corrupted total shows what it wrote over.
# On the debug kernel (./test --debug bug_array_index); /test/run skips it
# elsewhere.
# lkmp: expect-trace (the runner allows this test's UBSAN report)
. /test/lib.sh
T=/sys/kernel/debug/bug_array_index/trigger
plan 12
check "load" modprobe bug_array_index
check_dmesg "init message" 'bug_array_index: init$'
check "a hit in bucket 3" sh -c "echo 3 > $T"
check_eq "counted" "0 0 0 1 total 1" "$(cat $T)"
check_eq "no report for it" 0 "$(dmesg | grep -c 'UBSAN:')"
check "bucket 4 (there is none) passes the check: the write returns" sh -c "echo 4 > $T"
check_dmesg "UBSAN reports the index, and the file and line of the access" \
	'UBSAN: array-index-out-of-bounds in .*bug_array_index\.c:[0-9]+:[0-9]+$'
check_dmesg "index 4 of an array of 4" "index 4 is out of range for type '.*\\[4\\]'$"
check "the call trace names bug_array_index_trigger" \
	dmesg_block 'Call Trace:' ' __ubsan_handle_out_of_bounds\+' ' bug_array_index_trigger\+'
check_eq "hits[4] was the total: counted twice, 3 for 2 hits" "0 0 0 1 total 3" "$(cat $T)"
check_eq "bucket 5 is refused" "sh: write error: Invalid argument" "$(echo_to $T 5)"
check "unload" sh -c 'rmmod bug_array_index && dmesg | grep -q "bug_array_index: exit$"'
finish
