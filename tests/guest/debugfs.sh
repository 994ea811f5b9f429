#!/bin/sh
# debugfs: u32/bool read-write, a read-only blob, a file with custom fops.
. /test/lib.sh
D=/sys/kernel/debug/debugfs
plan 24
check "modprobe debugfs" modprobe debugfs
check_dmesg "init message" 'debugfs: init$'
check_eq "files created" "blob cmd counter enabled" "$(ls $D | tr '\n' ' ' | sed 's/ $//')"
check_eq "u32 initial value" 10 "$(cat $D/counter)"
check "write 7 to the u32" sh -c "echo 7 > $D/counter"
check_eq "u32 reads back 7" 7 "$(cat $D/counter)"
_err=$(sh -c "echo abc > $D/counter" 2>&1)
check_eq "u32 refuses letters (EINVAL)" "sh: write error: Invalid argument" "$_err"
check_eq "bool initial value" Y "$(cat $D/enabled)"
check "write n to the bool" sh -c "echo n > $D/enabled"
check_eq "bool reads back N" N "$(cat $D/enabled)"
echo y > $D/enabled
check "bool silently ignores 'maybe' (debugfs returns success)" sh -c "echo maybe > $D/enabled"
check_eq "bool kept Y" Y "$(cat $D/enabled)"
echo n > $D/enabled
check_eq "blob contents" "lkmp debugfs blob" "$(cat $D/blob)"
check_eq "blob mode is 0444" "-r--r--r--" "$(stat -c %A $D/blob)"
# As an ordinary user (uid 1000, no CAP_DAC_OVERRIDE) the 0444 mode holds.
# cd first: /sys/kernel/debug itself is 0700, the module's directory 0755.
_err=$(cd $D && setuidgid user0 sh -c "echo x > blob" 2>&1)
check_eq "blob write by a user refused (EACCES)" "sh: can't create blob: Permission denied" "$_err"
check_eq "blob unchanged" "lkmp debugfs blob" "$(cat $D/blob)"
check "custom write: inc" sh -c "echo inc > $D/cmd"
check_eq "custom read shows both values" "counter=8 enabled=N" "$(cat $D/cmd)"
check_dmesg "custom write logged" 'debugfs: cmd inc: counter=8$'
_err=$(sh -c "echo bad > $D/cmd" 2>&1)
check_eq "custom write refuses an unknown command (EINVAL)" "sh: write error: Invalid argument" "$_err"
check "custom write: reset" sh -c "echo reset > $D/cmd && test \$(cat $D/counter) = 0"
check "rmmod debugfs" rmmod debugfs
check_dmesg "exit message" 'debugfs: exit$'
check_fails "the directory is gone" test -e $D
finish
