#!/bin/sh
# bug_leak: kmemleak reports the buffer the module's error path forgot to
# free: its size, its content and the backtrace of its allocation in the
# module. On the debug kernel (./test --debug bug_leak); /test/run skips it
# elsewhere. It takes ~15 s: kmemleak ignores objects younger than 5 s, and
# a new leak is reported by the second scan that finds it unreferenced (the
# first one records its checksum: it must not change in between).
# lkmp: expect-trace (the runner allows this test's kmemleak report)
# lkmp: own-boot CONFIG_DEBUG_KMEMLEAK (kmemleak misses a leak while any
# stray word holds its address: in a whole-catalogue run, after 30 other
# tests, it reported none; alone or after the other bug_* tests, it did)
. /test/lib.sh
T=/sys/kernel/debug/bug_leak/trigger
K=/sys/kernel/debug/kmemleak
# The report of the object whose backtrace names the module, up to that line.
ours() { awk '/^unreferenced object/ { b = "" } { b = b $0 "\n" } /\[bug_leak\]$/ { printf "%s", b; exit }' $K; }
plan 16
check "load" modprobe bug_leak
check_dmesg "init message" 'bug_leak: init$'
check "kmemleak is on" test -w $K
check "a lowercase name is kept" sh -c "echo tux > $T"
check_eq "and read back" tux "$(cat $T)"
check_eq "a name with a capital is refused with EINVAL (and leaks)" "sh: write error: Invalid argument" "$(echo_to $T Tux)"
check_eq "the kept name is still there" tux "$(cat $T)"
sleep 6
check "two scans, the leak over 5 s old" sh -c "echo scan > $K && echo scan > $K"
check_dmesg "kmemleak says it found leaks" 'kmemleak: [0-9]+ new suspected memory leaks \(see /sys/kernel/debug/kmemleak\)$'
report=$(ours)
check "a report whose backtrace names the module" test -n "$report"
check_eq "the object: 8 bytes (kmalloc-8, for Tux, newline, NUL)" 1 "$(echo "$report" | grep -cE '^unreferenced object 0x[0-9a-f]+ \(size 8\):$')"
check_eq "allocated by the writing shell" 1 "$(echo "$report" | grep -cE '^  comm "sh", pid [0-9]+, jiffies [0-9]+$')"
check_eq "its content: Tux" 1 "$(echo "$report" | grep -cE '^    54 75 78 0a 00( [0-9a-f]{2})* +Tux\.\.')"
check_eq "the backtrace: memdup_user_nul, called by bug_leak_trigger_write" 2 \
	"$(echo "$report" | grep -cE '^    (memdup_user_nul\+0x[0-9a-f]+/0x[0-9a-f]+|bug_leak_trigger_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[bug_leak\])$')"
[ -n "$report" ] || diag "$K: $(cat $K)"
# Reported leaks stay listed until cleared: leave the guest as it was.
check "clear the list" sh -c "echo clear > $K && ! grep -q 'bug_leak' $K"
check "unload" sh -c 'rmmod bug_leak && dmesg | grep -q "bug_leak: exit$"'
finish
