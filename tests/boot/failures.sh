#!/usr/bin/env bash
# What goes wrong is reported: a hung guest times out with its console tail,
# a busy port is named, -E without a status (guest died) fails.
source "$(dirname "$0")/lib.sh"

BOOT_TIMEOUT=8 guest st -s -E 'echo about-to-hang; sleep 1000'
expect "hang: ./run exits 124 after -t" [ "$st" = 124 ]
expect "hang: it says so" saw 'did not finish within 8s; last 30 console lines'
expect "hang: the console tail is shown" saw '^about-to-hang'

guest st -s -E 'echo c >/proc/sysrq-trigger'
expect "panic: ./run fails" [ "$st" != 0 ]
expect "panic: the guest's panic is in the output" saw 'Kernel panic'
expect "panic: reported as no exit status" saw 'stopped before reporting an exit status'

port=${LKMP_GDB_PORT:-45457}
socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr,fork /dev/null &
pid=$!
sleep 0.3
guest st -d -E true
kill "$pid"
expect "busy port: ./run fails" [ "$st" = 1 ]
expect "busy port: names the port" saw "port 127.0.0.1:$port is in use"
exit $fail
