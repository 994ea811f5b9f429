#!/bin/sh
# params: module parameters set by insmod, read back and written through sysfs.
. /test/lib.sh
P=/sys/module/params/parameters
plan 27
check_fails "insmod with level=11 (out of range) fails" insmod /params.ko level=11
check_dmesg "the kernel names the bad parameter" "invalid for parameter .level"
check_fails "insmod with 5 values for a 4-value array fails" insmod /params.ko values=1,2,3,4,5
check_fails "insmod with a non-number for an int fails" insmod /params.ko num=abc
check_fails "params is not loaded after the failures" grep -q '^params ' /proc/modules
dmesg -c >/dev/null
check "insmod with arguments" insmod /params.ko num=-5 name=lkmp uint=9 long=-7 \
	ulong=8 short=-2 ushort=2 byte=200 mask=0x1f verbose=y disable=1 \
	values=10,-20,30 level=7
check_dmesg "init message" 'params: init$'
check_dmesg "int and strings in dmesg" 'params: num=-5 name=lkmp uint=9 long=-7 ulong=8$'
check_dmesg "short/ushort/byte/hexint in dmesg" 'params: short=-2 ushort=2 byte=200 mask=0x1f$'
check_dmesg "bool and invbool in dmesg" 'params: verbose=1 enabled=0 level=7$'
check_dmesg "array in dmesg" 'params: values\[3\]: 10 -20 30$'
check_eq "sysfs num" -5 "$(cat $P/num)"
check_eq "sysfs name" lkmp "$(cat $P/name)"
check_eq "sysfs ulong, byte, hexint" "8 200 0x00001f" "$(cat $P/ulong) $(cat $P/byte) $(cat $P/mask)"
check_eq "sysfs bool and invbool (shows what was given)" "Y Y" "$(cat $P/verbose) $(cat $P/disable)"
check_eq "sysfs array" "10,-20,30" "$(cat $P/values)"
check_eq "sysfs modes: 0644 for num, 0444 for uint" "-rw-r--r-- -r--r--r--" \
	"$(stat -c %A $P/num) $(stat -c %A $P/uint)"
check "runtime write of num (0644)" sh -c "echo 123 > $P/num"
check "runtime write of name (echo -n: a charp keeps a newline)" sh -c "echo -n hello > $P/name"
check_eq "new values read back" "123 hello" "$(cat $P/num) $(cat $P/name)"
check "level=3 through the custom setter" sh -c "echo 3 > $P/level"
check_dmesg "custom setter logged the change" 'params: level 7 -> 3$'
_err=$(sh -c "echo 11 > $P/level" 2>&1)
check_eq "level=11 refused with EINVAL" "sh: write error: Invalid argument" "$_err"
check_eq "level unchanged" 3 "$(cat $P/level)"
_err=$(sh -c "echo 1 > $P/uint" 2>&1)
check_eq "write to the 0444 uint refused" "sh: can't create $P/uint: Permission denied" "$_err"
check "rmmod params" rmmod params
check_dmesg "exit message shows the runtime values" 'params: exit \(num=123 name=hello level=3\)$'
finish
