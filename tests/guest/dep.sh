#!/bin/sh
# dep/dep2: EXPORT_SYMBOL, module dependencies resolved by modprobe.
. /test/lib.sh
plan 9
check_fails "insmod dep2.ko alone fails (unknown symbol)" insmod /dep2.ko
check_dmesg "the kernel names the missing symbol" 'dep2: Unknown symbol dep_hello'
check "modprobe dep2 loads dep first" modprobe dep2
check "dep is loaded" grep -q '^dep ' /proc/modules
check_eq "dep's refcount is 1" 1 "$(cat /sys/module/dep/refcnt)"
check_dmesg "dep2 called dep" 'dep: called by dep2 \(1\)'
check_fails "rmmod dep refused while dep2 uses it" rmmod dep
check "modprobe -r dep2 unloads both" modprobe -r dep2
check_eq "dep is gone" "" "$(grep '^dep' /proc/modules)"
finish
