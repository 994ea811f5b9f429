#!/bin/sh
# bug_data_race: KCSAN reports the module's two kthreads updating one plain
# variable, naming both functions and both accesses. On the KCSAN kernel,
# 2 CPUs at least (./test --kcsan bug_data_race); /test/run skips it
# elsewhere.
# lkmp: expect-trace (the runner allows this test's KCSAN reports)
. /test/lib.sh
T=/sys/kernel/debug/bug_data_race/trigger
TITLE='BUG: KCSAN: data-race in bug_data_race_consumer \[bug_data_race\] / bug_data_race_producer \[bug_data_race\]$'
[ "$(nproc)" -ge 2 ] || skip_all "one CPU: KCSAN sees a race between two CPUs (./run -c 2)"
# KCSAN samples (it watches one access in a few thousand), and a report
# whose watch an interrupt cut into names the interrupt instead of one of
# the threads: run again (0.2 s a run) until a report names both.
race() {
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		echo 1 > $T || return 1
		dmesg_has "$TITLE" && return 0
	done
	echo "no report naming both threads in 10 runs"
	return 1
}
plan 11
check "load" modprobe bug_data_race
check_dmesg "init message" 'bug_data_race: init$'
check "KCSAN reports the race between the two threads (within 10 runs)" race
check_dmesg "a run logs its counts" 'bug_data_race: pending -?[0-9]+, expected -?[0-9]+ \([0-9]+ up, [0-9]+ down\)$'
diag "the runs, lost updates where pending is not what the counts expect:"
dmesg | sed -n 's/.*bug_data_race: \(pending .*\)/#   \1/p'
check "each access: read or write, of the 8-byte word, by a task on a CPU, then its stack" \
	dmesg_block '(read|write|read-write) to 0x[0-9a-f]+ of 8 bytes by task [0-9]+ on cpu [0-9]+:$' ' bug_data_race_(producer|consumer)\+'
check_dmesg "the producer's stack" '^\[ *[0-9.]+\]  bug_data_race_producer\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_data_race\]$'
check_dmesg "the consumer's stack" '^\[ *[0-9.]+\]  bug_data_race_consumer\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_data_race\]$'
check_dmesg "the value changed during the watch" 'value changed: 0x[0-9a-f]+ -> 0x[0-9a-f]+$'
check_dmesg "and KCSAN signs it" 'Reported by Kernel Concurrency Sanitizer on:$'
check "unload" rmmod bug_data_race
check_dmesg "exit message" 'bug_data_race: exit$'
finish
