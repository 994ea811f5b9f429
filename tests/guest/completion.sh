#!/bin/sh
# completion: a writer waits for a completion signalled by a work item; the
# wait returns, times out or is interrupted, in the right order.
. /test/lib.sh
F=/sys/kernel/debug/completion/go
plan 12
check "modprobe completion" modprobe completion
check_dmesg "init message" 'completion: init$'
check "echo 100: the wait returns" sh -c "echo 100 > $F"
check_eq "events in order: wait, complete, wake" \
	"writer: waiting (work due in 100 ms)|work: complete()|writer: done" \
	"$(dmesg | grep -oE 'writer: waiting.*|work: complete\(\)|writer: done' | tr '\n' '|' | sed 's/|$//')"
check_eq "echo 5000: ETIMEDOUT after timeout_ms=2000" \
	"sh: write error: Connection timed out" "$(echo_to $F 5000)"
check_dmesg "the writer timed out" 'completion: writer: timed out$'
check_eq "the cancelled work never completed (only the first did)" 1 "$(dmesg | grep -c 'work: complete')"
sh -c "echo 10000 > $F" 2>/dev/null &
pid=$!
check "a writer is waiting" wait_dmesg 'writer: waiting \(work due in 10000 ms\)'
kill $pid
wait $pid
check_dmesg "a signal interrupts the wait" 'completion: writer: interrupted$'
check_eq "out of range is refused" "sh: write error: Numerical result out of range" "$(echo_to $F 20000)"
check "rmmod completion" rmmod completion
check_dmesg "exit message" 'completion: exit$'
finish
