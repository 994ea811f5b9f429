#!/bin/sh
# chrdev: dynamic major, one cdev for 3 minors, nodes from devtmpfs, ENXIO outside the region.
. /test/lib.sh
plan 14
check "load" modprobe chrdev || { finish; }
check_dmesg "init message" 'chrdev: init: major [0-9]+, 3 minors'
major=$(awk '$2 == "chrdev" { print $1 }' /proc/devices)
check "major listed in /proc/devices" test -n "$major"
check_dmesg "logged major matches /proc/devices" "chrdev: init: major $major,"
check_eq "devtmpfs made /dev/chrdev2 with our major:minor" "$major:2" \
	"$(cat /sys/class/chrdev/chrdev2/dev)"
check_eq "minor 0 reads its identity" "minor 0" "$(cat /dev/chrdev0)"
check_eq "minor 2 reads its identity" "minor 2" "$(cat /dev/chrdev2)"
check "write to minor 1" sh -c 'echo hello one >/dev/chrdev1'
check_eq "minor 1 reads back what was written" "hello one" "$(cat /dev/chrdev1)"
check_eq "minor 0 is unchanged" "minor 0" "$(cat /dev/chrdev0)"
out=$(head -c 100 /dev/zero 2>&1 >/dev/chrdev2 | tr -d '\0')
printf '%s\n' "$out" | grep -q 'No space left on device'
s=$?
ok $s "a write larger than the buffer fails with ENOSPC"
[ $s -eq 0 ] || diag "got: $out"
mknod /tmp/chrdev3 c "$major" 3
out=$(cat /tmp/chrdev3 2>&1)
printf '%s\n' "$out" | grep -q 'No such device or address'
s=$?
ok $s "minor 3 (outside the region) cannot be opened: ENXIO"
[ $s -eq 0 ] || diag "got: $out"
rm -f /tmp/chrdev3
check "unload" rmmod chrdev
check_dmesg "exit message" 'chrdev: exit'
finish
