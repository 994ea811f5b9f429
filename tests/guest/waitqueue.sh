#!/bin/sh
# waitqueue: two background readers block until one writer wakes them both.
. /test/lib.sh
D=/sys/kernel/debug/waitqueue
# wait_waiters N: poll (at most ~10 s) until N readers sleep on the queue.
wait_waiters() { wait_for num_is $D/waiters -eq "$1"; }
# returned: both readers printed their line (a woken reader does at once).
returned() { [ -s /tmp/waitqueue.1 ] && [ -s /tmp/waitqueue.2 ]; }
plan 18
check "modprobe waitqueue" modprobe waitqueue
check_dmesg "init message" 'waitqueue: init$'
cat $D/event >/tmp/waitqueue.1 &
p1=$!
cat $D/event >/tmp/waitqueue.2 &
p2=$!
check "two readers sleep on the queue" wait_waiters 2
check_eq "they have printed nothing yet" "" "$(cat /tmp/waitqueue.1 /tmp/waitqueue.2)"
check "one writer adds an event" sh -c "echo 1 > $D/event"
check "both readers return" poll_for 3 returned
kill $p1 $p2 2>/dev/null # (those that did not)
wait $p1 $p2
check_eq "reader 1 woke with the new count" "event 1" "$(cat /tmp/waitqueue.1)"
check_eq "reader 2 woke with the new count" "event 1" "$(cat /tmp/waitqueue.2)"
check_eq "the kernel logged both wake-ups" 2 "$(dmesg | grep -c 'waitqueue: reader [0-9]* woke up: event 1$')"
check_dmesg "the writer saw 2 waiters" 'waitqueue: writer: \+1 events, 2 waiters to wake$'
check_eq "no waiter left" 0 "$(cat $D/waiters)"
cat $D/event >/dev/null &
p3=$!
check "a third reader sleeps" wait_waiters 1
kill $p3
wait $p3
check "a signal ends its wait" wait_waiters 0
check_dmesg "the kernel logged the interruption" "waitqueue: reader $p3 interrupted"
check_eq "0 events is refused" "sh: write error: Numerical result out of range" "$(echo_to $D/event 0)"
check_eq "a 4-byte read buffer is refused" "dd: $D/event: Invalid argument" \
	"$(dd if=$D/event bs=4 count=1 2>&1)"
rm -f /tmp/waitqueue.1 /tmp/waitqueue.2
check "rmmod waitqueue" rmmod waitqueue
check_dmesg "exit message" 'waitqueue: exit after 1 events$'
finish
