#!/bin/sh
# panic: loaded without trigger=1 it is harmless (the panic itself ends the
# VM, so it is not tested here; see it by hand: ./run -s -E 'modprobe panic trigger=1').
. /test/lib.sh
P=/sys/module/panic/parameters/trigger
plan 9
check_fails "a bad trigger value is refused" modprobe panic trigger=maybe
check_dmesg "the kernel names the bad value" "panic: .maybe' invalid for parameter .trigger'"
check "load without the trigger" modprobe panic
check_dmesg "init message" 'panic: init$'
check_dmesg "it did not panic" 'panic: not triggered'
check_eq "trigger reads back N" N "$(cat $P)"
_err=$(sh -c "echo 1 > $P" 2>&1)
check_eq "trigger is read-only after load" "sh: can't create $P: Permission denied" "$_err"
check "unload" rmmod panic
check_dmesg "exit message" 'panic: exit$'
finish
