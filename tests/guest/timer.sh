#!/bin/sh
# timer: a periodic timer_list, its count read from debugfs, deleted on unload.
. /test/lib.sh
D=/sys/kernel/debug/timer
plan 11
check_fails "period_ms=5 is refused" modprobe timer period_ms=5
check_dmesg "the kernel says why" "invalid for parameter .period_ms"
check "modprobe timer period_ms=20" modprobe timer period_ms=20
check_dmesg "init message" 'timer: init: every 20 ms \([0-9]+ jiffies, HZ=[0-9]+\)'
check "the timer fires (count reaches 3)" wait_for num_is $D/count -ge 3
n=$(cat $D/count)
check "it re-arms itself (count passes $n)" wait_for num_is $D/count -ge $((n + 3))
check_dmesg "the callback runs in softirq context" 'timer: first tick, in_serving_softirq=1$'
check_echo_fails "writing the read-only counter fails" $D/count 0 'Permission denied'
check "rmmod timer" rmmod timer
check_dmesg "exit message" 'timer: exit after [0-9]+ ticks$'
check_eq "the module is gone" "" "$(grep '^timer ' /proc/modules)"
finish
