#!/bin/sh
# oops: a NULL dereference kills the writer, the kernel and the module survive.
# lkmp: expect-trace (the runner allows this test's oops)
. /test/lib.sh
plan 14
check "load" modprobe oops
check_dmesg "init message" 'oops: init$'
check "writing 0 is harmless" sh -c 'echo 0 > /dev/oops'
check_dmesg "and logged" 'oops: no oops this time'
_err=$(sh -c 'echo 2 > /dev/oops' 2>&1)
check_eq "2 is refused with EINVAL" "sh: write error: Invalid argument" "$_err"
# The child shell does the write itself (echo is a builtin) and dies of the
# signal the arch's oops handler sends: x86_64 SIGKILL (128 + 9), arm64,
# arm, mips and riscv SIGSEGV (128 + 11).
sh -c 'echo 1 > /dev/oops' 2>/dev/null
_st=$?
check "the writer was killed by the oops (SIGKILL or SIGSEGV, got $_st)" [ $_st -eq 137 -o $_st -eq 139 ]
# x86_64: "BUG: kernel NULL pointer dereference, address: 0...";
# arm64: "Unable to handle kernel NULL pointer dereference at virtual address 0...";
# riscv: "Unable to handle kernel access to user memory without uaccess
# routines at virtual address 0..." (address 0 is a user address, read
# without the uaccess helpers: riscv's fault handler says so first).
# mips: "CPU 0 Unable to handle kernel paging request at virtual address 0..., epc == ...";
# arm (user memory is off limits outside uaccess): "Unhandled fault: page
# domain fault (0x01b) at 0x00000000". A KASAN kernel (--debug) checks the
# shadow of address 0 first: "KASAN: null-ptr-deref in range [0x0...-0x...7]".
check_dmesg "the kernel reported the NULL dereference" 'kernel (NULL pointer dereference|access to user memory without uaccess routines)(, address:| at virtual address) 0+$|Unable to handle kernel paging request at virtual address 0+, epc|Unhandled fault: .* at 0x0+$|KASAN: null-ptr-deref in range \[0x0+-0x0+7\]$'
# x86_64: "Oops: Oops: 0000 [#1] ..."; arm64: "Internal error: Oops: 96000005 [#1] ...";
# riscv: "Oops [#1]"; mips: "Oops[#1]:"; arm: "Internal error: : 1b [#1] SMP ARM".
check_dmesg "it is an oops" 'Oops(: .* | )?\[#[0-9]+\]|Internal error: .*\[#[0-9]+\]'
check_dmesg "the trace names the write handler" 'oops_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[oops\]'
check "the kernel is tainted D (128)" sh -c '[ $(( $(cat /proc/sys/kernel/tainted) & 128 )) -ne 0 ]'
check "the system still works: fork, exec, files" sh -c 'echo alive > /tmp/oops.txt && grep -q alive /tmp/oops.txt && rm /tmp/oops.txt'
check "the device still works" sh -c 'echo 0 > /dev/oops'
check "unload" rmmod oops
check_dmesg "exit message" 'oops: exit$'
finish
