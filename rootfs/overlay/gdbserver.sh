#!/bin/sh
# Guest side of ./run-gdbserver: bring eth0 up (QEMU user networking, static
# address) and run PROG ARGS under gdbserver on port 45459, which ./run -g
# forwards to 127.0.0.1 on the host.
#	/gdbserver.sh /gdb_demo.dyn.out 3
if [ $# -eq 0 ]; then
	echo "usage: /gdbserver.sh PROG [ARGS...]" >&2
	exit 2
fi
port=${LKMP_GDBSERVER_GUEST_PORT:-45459}
# The network card may still be probing right after boot (arm): wait for it.
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if ! ip -4 addr show dev eth0 2>/dev/null | grep -q 'inet '; then
	ip link set lo up
	ip link set eth0 up
	ip addr add 10.0.2.15/24 dev eth0
	ip route add default via 10.0.2.2
fi
exec gdbserver "0.0.0.0:$port" "$@"
