#!/bin/sh
# work_from_work: a chain of N works, each queued by the previous one, all run
# in order; the last one completes the writer's wait.
. /test/lib.sh
F=/sys/kernel/debug/work_from_work/chain
plan 12
check "modprobe work_from_work" modprobe work_from_work
check_dmesg "init message" 'work_from_work: init$'
check "echo 5 runs a chain of 5 and returns when it is done" sh -c "echo 5 > $F"
check_eq "the 5 steps ran in order" "1 2 3 4 5" "$(cat $F)"
check_eq "the kernel log shows them in order" "1 2 3 4 5" \
	"$(dmesg | sed -n 's/.*work_from_work: step \([0-9]*\) of 5$/\1/p' | tr '\n' ' ' | sed 's/ $//')"
check_eq "the done line comes after step 5" "step 5 of 5|chain of 5 done" \
	"$(dmesg | grep -oE 'step 5 of 5|chain of 5 done' | tr '\n' '|' | sed 's/|$//')"
check "echo 16 runs the longest chain" sh -c "echo 16 > $F"
check_eq "16 steps in order" "$(seq -s ' ' 1 16)" "$(cat $F)"
check_eq "0 steps is refused" "sh: write error: Numerical result out of range" "$(echo_to $F 0)"
check_eq "17 steps is refused" "sh: write error: Numerical result out of range" "$(echo_to $F 17)"
check "rmmod work_from_work" rmmod work_from_work
check_dmesg "exit message" 'work_from_work: exit$'
finish
