#!/bin/sh
# procfs_single: a /proc file from single_open/seq_file, values read back.
. /test/lib.sh
F=/proc/procfs_single
plan 12
check "modprobe procfs_single" modprobe procfs_single
check_dmesg "init message" 'procfs_single: init$'
check_eq "mode is read-only" "-r--r--r--" "$(stat -c %A $F)"
# exec keeps the shell's pid, so $$ is the pid of the cat that reads.
_out=$(sh -c 'echo $$; exec cat /proc/procfs_single')
_pid=$(echo "$_out" | head -n 1)
check_eq "module line" "module: procfs_single" "$(echo "$_out" | grep '^module:')"
check_eq "pid line is the reader's pid" "pid: $_pid" "$(echo "$_out" | grep '^pid:')"
check_eq "comm line is the reader's name" "comm: cat" "$(echo "$_out" | grep '^comm:')"
_a=$(sed -n 's/^opens: //p' $F)
_b=$(sed -n 's/^opens: //p' $F)
check_eq "opens counts each open" "$((_a + 1))" "$_b"
check_eq "four lines" 4 "$(wc -l <$F)"
_err=$(sh -c "echo x > $F" 2>&1)
check_eq "a write fails (no write method: EIO)" "sh: write error: Input/output error" "$_err"
check "rmmod procfs_single" rmmod procfs_single
check_dmesg "exit message" 'procfs_single: exit$'
check_fails "the file is gone" test -e $F
finish
