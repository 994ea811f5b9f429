#!/bin/sh
# myinsmod/myrmmod: load and unload through the raw syscalls.
. /test/lib.sh
plan 5
check "myinsmod hello.ko" /myinsmod.out /hello.ko
check_dmesg "init message" 'hello: init$'
check "myrmmod hello" /myrmmod.out hello
check_dmesg "exit message" 'hello: exit$'
_err=$(/myrmmod.out hello 2>&1)
check_eq "removing it again reports ENOENT" "myrmmod: delete_module hello: No such file or directory" "$_err"
finish
