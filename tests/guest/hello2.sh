#!/bin/sh
# hello2: two modules loaded side by side, each logging under its own name.
. /test/lib.sh
plan 6
check "insmod /hello.ko" insmod /hello.ko
check "insmod /hello2.ko" insmod /hello2.ko
check "both listed by lsmod" sh -c 'lsmod | grep -q "^hello " && lsmod | grep -q "^hello2 "'
check_dmesg "hello2 init message" 'hello2: init$'
check "unload both" rmmod hello2 hello
check_dmesg "hello2 exit message" 'hello2: exit$'
finish
