#!/bin/sh
# warn_on: WARN_ON/WARN_ONCE print a trace and the system keeps working.
# lkmp: expect-trace (the runner allows this test's WARNINGs)
. /test/lib.sh
V=/sys/kernel/debug/warn_on/value
warnings() { dmesg | grep -c 'WARNING: CPU'; }
plan 14
check "load" modprobe warn_on
check_dmesg "init message" 'warn_on: init$'
check "a value in range is accepted" sh -c "echo 42 > $V"
check_dmesg "and logged" 'warn_on: value 42 accepted'
check_eq "no warning so far" 0 "$(warnings)"
_err=$(sh -c "echo 0 > $V" 2>&1)
check_eq "0 is refused with EINVAL" "sh: write error: Invalid argument" "$_err"
check_dmesg "WARN_ON printed a WARNING in the write handler" 'WARNING: CPU: [0-9]+ PID: [0-9]+ at .*warn_on_write'
check_eq "one warning" 1 "$(warnings)"
_err=$(sh -c "echo 500 > $V; echo 500 > $V" 2>&1)
check_eq "500 is refused twice with ERANGE" "sh: write error: Numerical result out of range
sh: write error: Numerical result out of range" "$_err"
check_eq "WARN_ONCE printed its message once" 1 "$(dmesg | grep -c '500 is over 100')"
check_eq "two warnings in all" 2 "$(warnings)"
check "the kernel is tainted W (512)" sh -c '[ $(( $(cat /proc/sys/kernel/tainted) & 512 )) -ne 0 ]'
check "the system still works: another value is accepted" sh -c "echo 7 > $V && dmesg | grep -q 'value 7 accepted'"
check "unload" sh -c 'rmmod warn_on && dmesg | grep -q "warn_on: exit$"'
finish
