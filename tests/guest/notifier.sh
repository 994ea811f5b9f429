#!/bin/sh
# notifier: our own chain (priority order, NOTIFY_STOP) and the module notifier.
. /test/lib.sh
F=/sys/kernel/debug/notifier/fire
# The lines of the kernel log from ERE on, without timestamps and prefix.
log_from() { dmesg | sed -n 's/^\[[^]]*\] notifier: //p' | sed -n "/$1/,\$p" | tr '\n' '|'; }
plan 14
check "modprobe notifier" modprobe notifier
check_dmesg "init message" 'notifier: init$'
check_dmesg "the module notifier saw us go live" 'notifier: module notifier live$'
check "fire event 1 (ping)" sh -c "echo 1 > $F"
check_eq "high priority first, then low, chain ok" \
	"high: event 1|low: event 1|chain returned ok|" "$(log_from '^high: event 1')"
check "fire event 2 (stop)" sh -c "echo 2 > $F"
check_eq "high returns NOTIFY_STOP, low never runs" \
	"high: event 2, stop|chain returned stop|" "$(log_from '^high: event 2')"
_err=$(sh -c "echo 3 > $F" 2>&1)
check_eq "unknown event refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
check "modprobe hello" modprobe hello
check_eq "module notifier: hello coming, then live" \
	"module hello coming|module hello live|" "$(log_from '^module hello coming')"
check "rmmod hello" rmmod hello
check_dmesg "module notifier: hello going" 'notifier: module hello going$'
check "rmmod notifier" rmmod notifier
check_dmesg "exit message" 'notifier: exit$'
finish
