#!/bin/sh
# dump_stack: a call trace printed on purpose, at init and on a write.
# lkmp: expect-trace (the runner allows this test's "Call Trace")
. /test/lib.sh
T=/sys/kernel/debug/dump_stack/trigger
plan 11
check "load" modprobe dump_stack
check_dmesg "init message" 'dump_stack: init$'
# x86_64 prints "Call Trace:", arm64 and riscv "Call trace:".
check_dmesg "a call trace was printed" 'Call [Tt]race:'
check_dmesg "it names the init function of the module" 'dsdemo_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[dump_stack\]'
dmesg -c >/dev/null
check "write 1 to the trigger" sh -c "echo 1 > $T"
check_dmesg "a call trace for the write" 'Call [Tt]race:'
check_dmesg "it names the write handler" 'dsdemo_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[dump_stack\]'
check_dmesg "and the syscall that led there" 'ksys_write|vfs_write'
_err=$(sh -c "echo 2 > $T" 2>&1)
check_eq "write 2 is refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
check "unload" rmmod dump_stack
check_dmesg "exit message" 'dump_stack: exit$'
finish
