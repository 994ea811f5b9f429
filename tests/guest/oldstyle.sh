#!/bin/sh
# oldstyle: init_module()/cleanup_module() without module_init/module_exit.
. /test/lib.sh
plan 5
check "modprobe oldstyle" modprobe oldstyle
check_dmesg "init_module ran" 'oldstyle: init \(init_module\)$'
check "listed in /proc/modules" grep -q '^oldstyle ' /proc/modules
check "rmmod oldstyle (cleanup_module makes it removable)" rmmod oldstyle
check_dmesg "cleanup_module ran" 'oldstyle: exit \(cleanup_module\)$'
finish
