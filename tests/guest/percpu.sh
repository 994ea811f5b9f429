#!/bin/sh
# percpu: per-CPU counters from process and softirq context; each CPU's
# writes land in its own copy, and the sum over all CPUs is exact, with
# writers on two CPUs at once too.
. /test/lib.sh
D=/sys/kernel/debug/percpu
total() { sed -n "s/^total writes \([0-9]*\) ticks \([0-9]*\)$/\\$1/p" $D/counters; }
# ticks N: the timer ticked at least N times in all.
ticks() { [ "$(total 2)" -ge "$1" ]; }
# writes_of CPU: that CPU's copy of the writes counter.
writes_of() { sed -n "s/^cpu$1 writes \([0-9]*\) .*/\1/p" $D/counters; }
plan 15
check "modprobe percpu" modprobe percpu
check_dmesg "init message" 'percpu: init: [0-9]+ possible CPUs, [0-9]+ online$'
check "echo 1000 > add" sh -c "echo 1000 > $D/add"
check "echo 2345 > add" sh -c "echo 2345 > $D/add"
cpus=$(nproc)
last=$((cpus - 1))
if [ "$cpus" -gt 1 ]; then
	before=$(writes_of $last)
	check "echo 655 > add, on the last CPU" taskset -c $last sh -c "echo 655 > $D/add"
	check_dmesg "that write ran on the last CPU" "percpu: added 655, last on cpu$last$"
	check_eq "the last CPU's copy has its writes" $((before + 655)) "$(writes_of $last)"
	taskset -c 0 sh -c "echo 100000 > $D/add" &
	check "echo 100000 > add on the last CPU, and on cpu0 at once" taskset -c $last sh -c "echo 100000 > $D/add"
	wait
else
	check "echo 655 > add" sh -c "echo 655 > $D/add"
	skip "that write ran on the last CPU" "one CPU: boot with ./run -c 2 to spread the writes"
	skip "the last CPU's copy has its writes" "one CPU"
	check "echo 100000 > add, twice at once" sh -c "echo 100000 > $D/add & echo 100000 > $D/add; wait"
fi
check_eq "the sum over all CPUs is exact" 204000 "$(total 1)"
check_eq "one line per online CPU" "$cpus" "$(grep -c '^cpu' $D/counters)"
check "the timer counts in softirq context too" wait_for ticks 10
check_eq "0 is refused" "sh: write error: Numerical result out of range" "$(echo_to $D/add 0)"
check_eq "garbage is refused" "sh: write error: Invalid argument" "$(echo_to $D/add x)"
check "rmmod percpu" rmmod percpu
check_dmesg "exit message" 'percpu: exit$'
finish
