#!/bin/sh
# kthread: a periodic kernel thread, its counter, kthread_stop on unload.
. /test/lib.sh
D=/sys/kernel/debug/kthread
plan 12
check_fails "interval_ms=0 is refused" modprobe kthread interval_ms=0
check_dmesg "the kernel says why" 'interval_ms.*Invalid argument|invalid for parameter .interval_ms'
check "modprobe kthread interval_ms=20" modprobe kthread interval_ms=20
check_dmesg "init message" 'kthread: init: thread pid [0-9]+, every 20 ms'
check "the thread is in ps" sh -c 'ps | grep -q "\[lkmp_kthread\]"'
check "the counter reaches 3" wait_for num_is $D/count -ge 3
n=$(cat $D/count)
check "the counter keeps advancing past $n" wait_for num_is $D/count -ge $((n + 2))
check_dmesg "the thread logs its ticks" 'kthread: tick 3$'
check_echo_fails "writing the read-only counter fails" $D/count 0 'Permission denied'
check "rmmod kthread" rmmod kthread
check_dmesg "exit message with the thread's return value" 'kthread: exit \(thread stopped after [0-9]+ ticks\)'
check_eq "the thread is gone from ps" 0 "$(ps | grep -c '\[lkmp_kthread\]')"
finish
