#!/bin/sh
# locking: counters incremented by several threads; the mutex, spinlock and
# atomic ones are exact; on 2 CPUs or more the unprotected one loses
# increments, which shows that the threads really ran at the same time (on
# 1 CPU it rarely does: that check skips).
. /test/lib.sh
D=/sys/kernel/debug/locking
value() { sed -n "s/^$1 //p" $D/counters; }
# race_run N: a run of N iterations per thread; on several CPUs, runs of
# twice as many (16 N at most) until the unprotected counter lost 1% at
# least: a busy host runs the guest's CPUs in turn more than at once, and a
# short run can then overlap too little to show the race (or to catch the
# mutation, whose counters race the same way).
race_run() {
	_n=$1
	while :; do
		sh -c "echo $_n > $D/run" || return 1
		_e=$(value expected)
		[ "$(nproc)" -gt 1 ] && [ "$(value none)" -gt $((${_e:-0} * 99 / 100)) ] &&
			[ "$_n" -lt $(($1 * 16)) ] || return 0
		_n=$((_n * 2))
	done
}
# The last run's iterations, from its log line.
last_run() { dmesg | sed -n 's/.*locking: run: 2 threads x \([0-9]*\),.*/\1/p' | tail -n 1; }
plan 20
check_fails "nthreads=1 is refused" modprobe locking nthreads=1
check "modprobe locking nthreads=2" modprobe locking nthreads=2
check_dmesg "init message" 'locking: init: 2 threads, [0-9]+ CPUs online$'
check "a run of 2 x 20000 (or more, until they race)" race_run 20000
total=$(value expected) n=$(last_run)
check_eq "expected total" $((2 * ${n:-0})) "$total"
check_eq "mutex counter is exact" "$total" "$(value mutex)"
check_eq "spinlock counter is exact" "$total" "$(value spinlock)"
check_eq "atomic counter is exact" "$total" "$(value atomic)"
diag "unprotected counter: $(value none) of $total on $(nproc) CPU(s)"
if [ "$(nproc)" -gt 1 ]; then
	check "the unprotected counter lost increments: the threads raced" test "$(value none)" -lt "$total"
else
	skip "the unprotected counter lost increments: the threads raced" "one CPU: boot with ./run -c 2"
fi
check_dmesg "the run is logged" 'locking: run: 2 threads x [0-9]+, plain counter lost [0-9]+$'
check_eq "the threads are gone" 0 "$(ps | grep -c '\[lkmp_lock/[0-9]\]')"
check_eq "0 iterations is refused" "sh: write error: Numerical result out of range" "$(echo_to $D/run 0)"
check_eq "garbage is refused" "sh: write error: Invalid argument" "$(echo_to $D/run x)"
check_eq "counters is read-only" "sh: write error: Invalid argument" \
	"$(echo_to $D/counters 1)"
check "rmmod locking" rmmod locking
check "modprobe locking nthreads=4" modprobe locking nthreads=4
check "a run of 4 x 10000 (or more, until they race)" race_run 10000
total=$(value expected)
check_eq "all protected counters are exact" "$total $total $total" \
	"$(value mutex) $(value spinlock) $(value atomic)"
check "rmmod locking" rmmod locking
check_dmesg "exit message" 'locking: exit$'
finish
