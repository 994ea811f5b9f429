#!/bin/sh
# kthreads: N kernel threads with their own counters, all stopped on unload.
. /test/lib.sh
F=/sys/kernel/debug/kthreads/counts
nthreads() { ps | grep -c '\[lkmp_kth/[0-9]\]'; }
# all_ticked: every thread's counter is at least 2 (polls at most ~3 s:
# the slowest ticks every 30 ms).
ticked() { [ "$(awk '$2 < 2' $F | wc -l)" -eq 0 ]; }
all_ticked() { poll_for 3 ticked || { cat $F; return 1; }; }
plan 13
check_fails "nthreads=0 is refused" modprobe kthreads nthreads=0
check_fails "nthreads=9 is refused" modprobe kthreads nthreads=9
check_dmesg "the kernel says why" "invalid for parameter .nthreads"
check "modprobe kthreads nthreads=3" modprobe kthreads nthreads=3
check_dmesg "init message" 'kthreads: init: 3 threads$'
check_eq "ps shows 3 threads" 3 "$(nthreads)"
check_eq "the counts file has one line per thread" "0 1 2" "$(awk '{print $1}' $F | tr '\n' ' ' | sed 's/ $//')"
check "every thread counts on its own" all_ticked
check_dmesg "thread 2 started" 'kthreads: thread 2 started$'
check_echo_fails "counts is read-only (EINVAL: no write method)" $F 1 'Invalid argument'
check "rmmod kthreads" rmmod kthreads
check_dmesg "exit message" 'kthreads: exit$'
check_eq "no thread is left" 0 "$(nthreads)"
finish
