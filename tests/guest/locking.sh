#!/bin/sh
# locking: counters incremented by several threads; the mutex, spinlock and
# atomic ones are exact, the unprotected one is only reported (on 1 CPU it
# rarely loses increments; try ./run -c 2).
. /test/lib.sh
D=/sys/kernel/debug/locking
value() { sed -n "s/^$1 //p" $D/counters; }
plan 19
check_fails "nthreads=1 is refused" modprobe locking nthreads=1
check "modprobe locking nthreads=2" modprobe locking nthreads=2
check_dmesg "init message" 'locking: init: 2 threads, [0-9]+ CPUs online$'
check "a run of 2 x 100000" sh -c "echo 100000 > $D/run"
check_eq "expected total" 200000 "$(value expected)"
check_eq "mutex counter is exact" 200000 "$(value mutex)"
check_eq "spinlock counter is exact" 200000 "$(value spinlock)"
check_eq "atomic counter is exact" 200000 "$(value atomic)"
diag "unprotected counter: $(value none) of 200000 on $(nproc) CPU(s)"
check_dmesg "the run is logged" 'locking: run: 2 threads x 100000, plain counter lost [0-9]+$'
check_eq "the threads are gone" 0 "$(ps | grep -c '\[lkmp_lock/[0-9]\]')"
check_eq "0 iterations is refused" "sh: write error: Numerical result out of range" "$(echo_to $D/run 0)"
check_eq "garbage is refused" "sh: write error: Invalid argument" "$(echo_to $D/run x)"
check_eq "counters is read-only" "sh: write error: Invalid argument" \
	"$(echo_to $D/counters 1)"
check "rmmod locking" rmmod locking
check "modprobe locking nthreads=4" modprobe locking nthreads=4
check "a run of 4 x 50000" sh -c "echo 50000 > $D/run"
check_eq "all protected counters are exact" "200000 200000 200000" \
	"$(value mutex) $(value spinlock) $(value atomic)"
check "rmmod locking" rmmod locking
check_dmesg "exit message" 'locking: exit$'
finish
