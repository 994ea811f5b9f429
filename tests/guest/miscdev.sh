#!/bin/sh
# miscdev: misc_register with a dynamic minor, read a fixed message, logged writes, EINVAL.
. /test/lib.sh
plan 10
check "load" modprobe miscdev || finish
minor=$(dmesg | sed -n 's/.*miscdev: init: minor \([0-9]*\).*/\1/p')
check "init message names the minor" test -n "$minor"
check_eq "sysfs dev is misc major 10 and our minor" "10:$minor" \
	"$(cat /sys/class/misc/miscdev/dev)"
maj=$(printf %d "0x$(stat -c %t /dev/miscdev)")
min=$(printf %d "0x$(stat -c %T /dev/miscdev)")
check_eq "/dev/miscdev has the same numbers" "10:$minor" "$maj:$min"
check_eq "read returns the fixed message" "Hello from miscdev" "$(cat /dev/miscdev)"
check "write a line" sh -c 'echo hello misc >/dev/miscdev'
check_dmesg "the write is logged" 'miscdev: write: hello misc$'
out=$(dd if=/dev/zero of=/dev/miscdev bs=33 count=1 2>&1)
printf '%s\n' "$out" | grep -q 'Invalid argument'
s=$?
ok $s "a 33-byte write (limit 32) fails with EINVAL"
[ $s -eq 0 ] || diag "got: $out"
check "unload" rmmod miscdev
check_dmesg "exit message" 'miscdev: exit'
finish
