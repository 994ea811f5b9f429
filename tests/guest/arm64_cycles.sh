#!/bin/sh
# arm64_cycles: the PMU cycle counter, on; a fixed loop's cycles, more for a
# longer loop; off again on unload. Built on arm64 only.
. /test/lib.sh
have_module arm64_cycles || skip_all "arm64 only: PMCCNTR_EL0 is the Arm PMU's cycle counter (modules/Kbuild builds arm64_cycles there)"
D=/sys/kernel/debug/arm64_cycles
P=/sys/module/arm64_cycles/parameters/loops
plan 9
check "load" modprobe arm64_cycles
check_dmesg "init: the PMU version and the cycles of 1000000 loops" 'arm64_cycles: PMUv3 \(PMUVer 0x[0-9a-f]+\), 1000000 loops: [1-9][0-9]* cycles$'
echo 1000 >$P
short=$(cat $D/loop_cycles)
echo 1000000 >$P
long=$(cat $D/loop_cycles)
[ "${short:-0}" -gt 0 ] 2>/dev/null
ok $? "1000 loops take some cycles ($short)"
[ "${long:-0}" -gt "${short:-0}" ] 2>/dev/null
ok $? "1000000 loops take more ($long > $short)"
check_eq "loops reads back" 1000000 "$(cat $P)"
check_fails "loops refuses a non-number" sh -c "echo many > $P"
check_echo_fails "loops refuses more than 100000000 (a CPU would spin with preemption off)" $P 18446744073709551615 'Numerical result out of range'
check "unload" rmmod arm64_cycles
check_dmesg "exit message" 'arm64_cycles: exit: cycle counter off$'
finish
