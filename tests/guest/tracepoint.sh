#!/bin/sh
# tracepoint: our own trace event, enabled in tracefs, fired by a write.
. /test/lib.sh
TR=/sys/kernel/tracing
EV=$TR/events/tracepoint
V=/sys/kernel/debug/tracepoint/value
plan 14
check "load" modprobe tracepoint
check_dmesg "init message" 'tracepoint: init$'
check "the event is in tracefs" [ -d $EV/tracepoint_write ]
check "its format lists the fields" sh -c "grep -q 'field:unsigned int value;' $EV/tracepoint_write/format && grep -q 'field:__data_loc char\[\] comm;' $EV/tracepoint_write/format"
check_eq "it starts disabled" 0 "$(cat $EV/tracepoint_write/enable)"
# An oops earlier in the boot (the oops test) turns tracing off: turn it on.
tracing_on=$(cat $TR/tracing_on)
echo 1 > $TR/tracing_on
echo > $TR/trace
check "enable the event system" sh -c "echo 1 > $EV/enable"
check "fire it twice" sh -c "echo 42 > $V && echo 7 > $V"
check "first event recorded with its fields" grep -qE 'sh-[0-9]+ .* tracepoint_write: value=42 count=1 comm=sh$' $TR/trace
check "second event recorded" grep -qE 'tracepoint_write: value=7 count=2 comm=sh$' $TR/trace
_err=$(sh -c "echo x > $V" 2>&1)
check_eq "text is refused with EINVAL" "sh: write error: Invalid argument" "$_err"
check "disable the event system" sh -c "echo 0 > $EV/enable && echo 5 > $V"
check_eq "refused and disabled writes recorded nothing" 2 "$(grep -c tracepoint_write: $TR/trace)"
echo > $TR/trace
echo "$tracing_on" > $TR/tracing_on
check "unload" rmmod tracepoint
check_dmesg "exit message" 'tracepoint: exit$'
finish
