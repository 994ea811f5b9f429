#!/bin/sh
# hello: load, see the init line, unload, see the exit line.
. /test/lib.sh
plan 5
check "modprobe hello" modprobe hello
check_dmesg "init message" '^\[.*\] hello: init$'
check "listed in /proc/modules" grep -q '^hello ' /proc/modules
check "rmmod hello" rmmod hello
check_dmesg "exit message" '^\[.*\] hello: exit$'
finish
