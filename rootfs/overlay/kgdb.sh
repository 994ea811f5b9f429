#!/bin/sh
# Break into the kernel debugger (KGDB, or KDB if no GDB talks to it) with
# SysRq g. With ./run -k the debugger listens on the second serial port:
# connect from the host with ./run-gdb -k (KDB: see doc/kgdb.md).
#	/kgdb.sh        # the guest freezes until GDB says continue
if ! grep -q . /sys/module/kgdboc/parameters/kgdboc 2>/dev/null; then
	echo "kgdb.sh: kgdboc is not configured; boot with ./run -k" >&2
	exit 1
fi
echo g >/proc/sysrq-trigger
