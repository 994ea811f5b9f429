#!/bin/sh
# procfs_seq: 1000 records through start/next/stop/show, any read size.
. /test/lib.sh
F=/proc/procfs_seq
A=/tmp/procfs_seq.cat
B=/tmp/procfs_seq.dd
plan 14
check "modprobe procfs_seq" modprobe procfs_seq
check_dmesg "init message" 'procfs_seq: init: 1000 records$'
cat $F >$A
check_eq "1000 lines" 1000 "$(wc -l <$A)"
check_eq "first record" "record 0: square 0" "$(head -n 1 $A)"
check_eq "last record" "record 999: square 998001" "$(tail -n 1 $A)"
check_eq "record 500" "record 500: square 250000" "$(sed -n 501p $A)"
_size=$(wc -c <$A)
check "larger than a page, so several read() calls" test "$_size" -gt 4096
dd if=$F of=$B bs=7 2>/dev/null
check "dd bs=7 gives the same bytes as cat" cmp $A $B
check_eq "dd bs=7 took many reads" "$((_size / 7))+$((_size % 7 > 0)) records in" \
	"$(dd if=$F of=/dev/null bs=7 2>&1 | head -n 1)"
# Offset of record 500 = bytes of the 500 lines before it; lseek there.
_off=$(head -n 500 $A | wc -c)
check_eq "lseek to record 500 and read it" "record 500: square 250000" \
	"$(dd if=$F bs=1 skip=$_off count=25 2>/dev/null)"
_err=$(sh -c "echo x > $F" 2>&1)
check_eq "a write fails (EIO)" "sh: write error: Input/output error" "$_err"
rm -f $A $B
check "rmmod procfs_seq" rmmod procfs_seq
check_dmesg "exit message" 'procfs_seq: exit$'
check_fails "the file is gone" test -e $F
finish
