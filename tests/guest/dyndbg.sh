#!/bin/sh
# dyndbg: pr_debug is silent by default, enabled by the control file or dyndbg=.
. /test/lib.sh
C=/sys/kernel/debug/dynamic_debug/control
T=/sys/kernel/debug/dyndbg/trigger
plan 20
check "modprobe dyndbg" modprobe dyndbg
check_dmesg "init message" 'dyndbg: init$'
check_fails "no debug line at init by default" sh -c "dmesg | grep -q 'dyndbg: debug: init'"
check "the sites are listed in the control file, off (=_)" \
	sh -c "grep 'dyndbg.c:[0-9]* \[dyndbg\]trigger_write =_ ' $C"
check "write 1 to trigger" sh -c "echo 1 > $T"
check_dmesg "trigger ran" 'dyndbg: trigger 1 done$'
check_fails "but its pr_debug was silent" sh -c "dmesg | grep -q 'dyndbg: debug: trigger 1'"
check "enable: echo 'module dyndbg +p' > control" sh -c "echo 'module dyndbg +p' > $C"
check "the control file shows =p" sh -c "grep -q '\[dyndbg\]trigger_write =p ' $C"
check "write 2 to trigger" sh -c "echo 2 > $T"
check_dmesg "the pr_debug line appears" 'dyndbg: debug: trigger 2$'
check "disable: echo 'module dyndbg -p' > control" sh -c "echo 'module dyndbg -p' > $C"
echo 3 >$T
check_fails "silent again" sh -c "dmesg | grep -q 'dyndbg: debug: trigger 3'"
_err=$(sh -c "echo abc > $T" 2>&1)
check_eq "a non-number is refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
_err=$(cat $T 2>&1)
check_eq "reading the write-only file fails (EINVAL)" "cat: read error: Invalid argument" "$_err"
check "rmmod dyndbg" rmmod dyndbg
check_dmesg "exit message" 'dyndbg: exit$'
check "modprobe dyndbg dyndbg=+p" modprobe dyndbg dyndbg=+p
check_dmesg "debug line from init, enabled at load" 'dyndbg: debug: init, debugfs ready$'
check "rmmod dyndbg again" rmmod dyndbg
finish
