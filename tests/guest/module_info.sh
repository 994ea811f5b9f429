#!/bin/sh
# module_info: MODULE_VERSION/ALIAS/INFO seen by modinfo, sysfs and modprobe.
. /test/lib.sh
plan 15
check_eq "modinfo -F version" 1.2.3 "$(modinfo -F version module_info)"
check_eq "modinfo -F alias (both aliases)" "lkmp-demo-info lkmp-info-*" \
	"$(modinfo -F alias module_info | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "modinfo -F lkmp_topic (MODULE_INFO)" "the .modinfo section" \
	"$(modinfo -F lkmp_topic module_info)"
check_eq "modinfo -F license" GPL "$(modinfo -F license module_info)"
check_eq "modinfo -F author" lkmp "$(modinfo -F author module_info)"
check "depmod put the alias in modules.alias" \
	grep -q '^alias lkmp-demo-info module_info$' "/lib/modules/$(uname -r)/modules.alias"
check_fails "modprobe of an unknown alias fails" modprobe lkmp-no-such-alias
check "modprobe lkmp-demo-info (the alias)" modprobe lkmp-demo-info
check "module_info is loaded" grep -q '^module_info ' /proc/modules
check_dmesg "init message with the version" 'module_info: init \(version 1\.2\.3\)$'
check_eq "/sys/module/module_info/version" 1.2.3 "$(cat /sys/module/module_info/version)"
check "rmmod module_info" rmmod module_info
check_dmesg "exit message" 'module_info: exit$'
check "modprobe lkmp-info-xyz matches the wildcard alias" modprobe lkmp-info-xyz
check "modprobe -r module_info" modprobe -r module_info
finish
