#!/bin/sh
# x86_cr: CR0, CR3 and CR4 read back through debugfs, with the bits every
# x86_64 kernel runs with; CR3 is per process. Built on x86_64 only.
. /test/lib.sh
have_module x86_cr || skip_all "x86_64 only: CR0, CR3 and CR4 are x86 control registers (modules/Kbuild builds x86_cr there)"
D=/sys/kernel/debug/x86_cr
plan 9
check "load" modprobe x86_cr
check_dmesg "CR0 logged with PE (protected mode) and PG (paging)" 'x86_cr: CR0 0x[0-9a-f]+: PE .*PG$'
check_dmesg "CR4 logged with PAE (long mode needs it)" 'x86_cr: CR4 0x[0-9a-f]+: .*PAE'
cr0=$(cat $D/cr0)
check_eq "cr0 reads back PE, WP and PG set" 0x80010001 "$(printf '%#x' $((cr0 & 0x80010001)))"
cr4=$(cat $D/cr4)
check_eq "cr4 reads back PAE set" 0x20 "$(printf '%#x' $((cr4 & 0x20)))"
# The shell's own CR3 (read is a builtin: this process), twice, then cat's.
read -r mine1 <$D/cr3
read -r mine2 <$D/cr3
check_eq "cr3: the same process reads the same page table twice" "$mine1" "$mine2"
other=$(cat $D/cr3)
[ -n "$other" ] && [ "$other" != "$mine1" ]
ok $? "cr3: another process (cat) has another page table ($mine1 vs $other)"
check "unload" rmmod x86_cr
check_dmesg "exit message" 'x86_cr: exit$'
finish
