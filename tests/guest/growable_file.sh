#!/bin/sh
# growable_file: an in-memory file that grows, with offsets, O_APPEND, O_TRUNC, a limit.
. /test/lib.sh
F=/dev/growable_file
IN=/tmp/growable.in
plan 21
check "modprobe growable_file" modprobe growable_file
check_dmesg "init message" 'growable_file: init \(up to 16384 bytes\)$'
check "the device node exists" test -c $F
check_eq "empty at first" 0 "$(wc -c <$F)"
check "write (sh '>' opens with O_TRUNC)" sh -c "echo hello > $F"
check_eq "read back" hello "$(cat $F)"
check "append (sh '>>' opens with O_APPEND)" sh -c "echo world >> $F"
check_eq "both lines" "hello world" "$(cat $F | tr '\n' ' ' | sed 's/ $//')"
check "overwrite at offset 1 (dd seek, no O_TRUNC)" sh -c "printf EY | dd of=$F bs=1 seek=1 conv=notrunc 2>/dev/null"
check_eq "bytes replaced in place" "hEYlo world" "$(cat $F | tr '\n' ' ' | sed 's/ $//')"
check "write at offset 20, past the end" sh -c "printf Z | dd of=$F bs=1 seek=20 conv=notrunc 2>/dev/null"
check_eq "the gap reads as zeros" " 00 00 00 00 00 00 00 00 5a" "$(dd if=$F bs=1 skip=12 2>/dev/null | od -An -tx1)"
check "O_TRUNC empties it" sh -c ": > $F"
check_eq "size 0 after O_TRUNC" 0 "$(wc -c <$F)"
dd if=/dev/urandom of=$IN bs=1024 count=16 2>/dev/null
check "fill to the 16 KiB limit" dd if=$IN of=$F bs=1000
check "same bytes, read with dd bs=7" sh -c "dd if=$F bs=7 2>/dev/null | cmp - $IN"
_err=$(sh -c "echo x >> $F" 2>&1)
check_eq "one byte more: ENOSPC" "sh: write error: No space left on device" "$_err"
check_eq "size stays 16384" 16384 "$(wc -c <$F)"
rm -f $IN
check "rmmod growable_file" rmmod growable_file
check_dmesg "exit message" 'growable_file: exit \(16384 bytes\)$'
check_fails "the device node is gone" test -e $F
finish
