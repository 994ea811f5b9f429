#!/bin/sh
# sysfs_kobject: /sys/kernel/sysfs_kobject with rw (validated), ro and wo files.
. /test/lib.sh
D=/sys/kernel/sysfs_kobject
plan 21
check "modprobe sysfs_kobject" modprobe sysfs_kobject
check_dmesg "init message" 'sysfs_kobject: init$'
check_eq "three attributes" "reset value writes" "$(ls $D | tr '\n' ' ' | sed 's/ $//')"
check_eq "modes rw, ro, wo" "-rw-r--r-- -r--r--r-- --w-------" \
	"$(stat -c %A $D/value) $(stat -c %A $D/writes) $(stat -c %A $D/reset)"
check_eq "value starts at 50" 50 "$(cat $D/value)"
check "write 7" sh -c "echo 7 > $D/value"
check "write 100 (the maximum)" sh -c "echo 100 > $D/value"
check_eq "value reads back 100" 100 "$(cat $D/value)"
check_eq "writes counts 2" 2 "$(cat $D/writes)"
_err=$(sh -c "echo 101 > $D/value" 2>&1)
check_eq "101 refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
_err=$(sh -c "echo -1 > $D/value" 2>&1)
check_eq "-1 refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
_err=$(sh -c "echo ten > $D/value" 2>&1)
check_eq "letters refused (EINVAL)" "sh: write error: Invalid argument" "$_err"
check_eq "value and writes unchanged" "100 2" "$(cat $D/value) $(cat $D/writes)"
_err=$(sh -c "echo 5 > $D/writes" 2>&1)
check_eq "writing the ro file fails, even as root (EACCES)" "sh: can't create $D/writes: Permission denied" "$_err"
_err=$(cat $D/reset 2>&1)
check_eq "reading the wo file fails (EACCES)" "cat: can't open '$D/reset': Permission denied" "$_err"
_err=$(sh -c "echo 0 > $D/reset" 2>&1)
check_eq "reset refuses 0 (EINVAL)" "sh: write error: Invalid argument" "$_err"
check "reset with 1" sh -c "echo 1 > $D/reset"
check_eq "value back to 50, writes 0" "50 0" "$(cat $D/value) $(cat $D/writes)"
check "rmmod sysfs_kobject" rmmod sysfs_kobject
check_dmesg "exit message" 'sysfs_kobject: exit$'
check_fails "the directory is gone" test -e $D
finish
