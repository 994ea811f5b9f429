#!/bin/sh
# workq: a work item and a delayed work on our own workqueue, triggered by a
# write (which waits for the work, flush_work); a pending delayed work is
# cancelled cleanly on unload.
. /test/lib.sh
D=/sys/kernel/debug/workq
# wait_line TEXT: poll (at most ~10 s) until the count file has this line.
wait_line() { wait_for grep -qx "$1" $D/count; }
plan 15
check "modprobe workq" modprobe workq
check_dmesg "init message" 'workq: init$'
check "echo 0 queues the work and waits for it" sh -c "echo 0 > $D/trigger"
check_dmesg "the work had run when the write returned" 'workq: after the flush: work count 1$'
check "the work ran" wait_line "work 1"
check_dmesg "it ran in a kernel worker thread" 'workq: work ran \(1\) in kworker/'
check "echo 50 queues the delayed work" sh -c "echo 50 > $D/trigger"
check "the delayed work ran" wait_line "delayed 1"
check_eq "out of range is refused" "sh: write error: Numerical result out of range" \
	"$(echo_to $D/trigger 20000)"
check_eq "garbage is refused" "sh: write error: Invalid argument" "$(echo_to $D/trigger abc)"
check "echo 10000 queues a delayed work due in 10 s" sh -c "echo 10000 > $D/trigger"
check_eq "queueing it again while pending: EBUSY" "sh: write error: Device or resource busy" \
	"$(echo_to $D/trigger 10000)"
check "rmmod while it is pending" rmmod workq
check_dmesg "the pending work was cancelled" 'workq: cancelled a pending delayed work$'
check_dmesg "exit message" 'workq: exit$'
finish
