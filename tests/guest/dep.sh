#!/bin/sh
# dep: exports dep_hello() (EXPORT_SYMBOL); a module that uses it (dep2)
# holds it: its refcount counts the users, rmmod is refused until they go.
. /test/lib.sh
plan 10
check "modprobe dep" modprobe dep
check_dmesg "init message" 'dep: init$'
check "dep_hello is in the kernel's symbols, as dep's" grep -qE ' [Tt] dep_hello[[:space:]]+\[dep\]$' /proc/kallsyms
check_eq "nothing uses it: refcount 0" 0 "$(cat /sys/module/dep/refcnt)"
check "modprobe dep2 (which calls dep_hello)" modprobe dep2
check_eq "dep2 uses it: refcount 1" 1 "$(cat /sys/module/dep/refcnt)"
check "dep2 is its holder in sysfs" test -e /sys/module/dep/holders/dep2
check_fails "rmmod dep refused while dep2 uses it" rmmod dep
check "rmmod dep2, then dep" sh -c 'rmmod dep2 && rmmod dep'
check_dmesg "exit message counts dep2's call" 'dep: exit after 1 calls$'
finish
