#!/bin/sh
# dep2: uses dep_hello(), exported by dep: insmod alone fails on the unknown
# symbol; modprobe loads dep first (modules.dep, written by depmod).
. /test/lib.sh
plan 10
check_fails "insmod dep2.ko alone fails (unknown symbol)" insmod /dep2.ko
check_dmesg "the kernel names the missing symbol" 'dep2: Unknown symbol dep_hello'
check_eq "modinfo names its dependency" dep "$(modinfo -F depends dep2)"
check "modprobe dep2 loads dep first" modprobe dep2
check "dep is loaded" grep -q '^dep ' /proc/modules
check_dmesg "dep2 called dep" 'dep: called by dep2 \(1\)'
check_dmesg "init message with dep's answer" 'dep2: init, dep says 1$'
check "modprobe -r dep2 unloads both" modprobe -r dep2
check_eq "dep is gone" "" "$(grep '^dep ' /proc/modules)"
check_dmesg "exit message" 'dep2: exit$'
finish
