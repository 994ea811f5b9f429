#!/bin/sh
# hrtimer: a periodic high-resolution timer, its count grows; cancelled on unload.
. /test/lib.sh
D=/sys/kernel/debug/hrtimer
plan 12
check_fails "period_us=10 is refused" modprobe hrtimer period_us=10
check_fails "period_us=2000000 is refused" modprobe hrtimer period_us=2000000
check_dmesg "the kernel says why" "invalid for parameter .period_us"
check "modprobe hrtimer period_us=1000" modprobe hrtimer period_us=1000
check_dmesg "init message" 'hrtimer: init: every 1000 us, clock resolution [0-9]+ ns$'
check "the timer fires (count reaches 10)" wait_for num_is $D/count -ge 10
n=$(cat $D/count)
check "it restarts itself (count passes $n)" wait_for num_is $D/count -ge $((n + 10))
check_dmesg "the callback runs in hard interrupt context" 'hrtimer: first tick, in_hardirq=1$'
diag "overruns so far: $(cat $D/overruns)"
check_echo_fails "writing the read-only counter fails" $D/count 0 'Permission denied'
check "rmmod hrtimer" rmmod hrtimer
check_dmesg "exit message" 'hrtimer: exit after [0-9]+ ticks, [0-9]+ overruns$'
check_eq "the module is gone" "" "$(grep '^hrtimer ' /proc/modules)"
finish
