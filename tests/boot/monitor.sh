#!/usr/bin/env bash
# ./qemu-monitor talks to the running guest's monitor: commands as
# arguments and on stdin; quit stops the guest.
source "$(dirname "$0")/lib.sh"
./run -a "$ARCH" -s -t 120 -E 'sleep 100' </dev/null >"$OUT" 2>&1 &
pid=$!
for _ in $(seq 100); do
	[[ -S $ARCH_OUT/monitor.sock ]] && ./qemu-monitor -a "$ARCH" info status 2>/dev/null | grep -q running && break
	sleep 0.2
done
expect "a command as arguments: info status" eval './qemu-monitor -a "$ARCH" info status | grep -q "VM status: running"'
expect "commands on stdin: info version, info kvm" eval 'printf "info version\ninfo kvm\n" | ./qemu-monitor -a "$ARCH" | grep -q "kvm support"'
./qemu-monitor -a "$ARCH" quit >/dev/null 2>&1
wait "$pid"
st=$?
expect "quit stops the guest (./run reports no exit status)" [ "$st" = 1 ]
expect "no guest left: the monitor says so" eval '! ./qemu-monitor -a "$ARCH" info status 2>/dev/null'
exit $fail
