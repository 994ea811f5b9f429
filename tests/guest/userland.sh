#!/bin/sh
# Userland programs of the rootfs: /count.sh, /sleep_forever.out, the
# root auto-login and the user0 account.
. /test/lib.sh
plan 6
check_eq "count.sh 3 counts 0 1 2" "0 1 2" "$(/count.sh 3 | tr '\n' ' ' | sed 's/ $//')"
/sleep_forever.out &
pid=$!
check "sleep_forever.out keeps running" kill -0 $pid
state() { sed -n 's/^State:\t\(.\).*/\1/p' /proc/$pid/status; }
i=0
while [ "$(state)" != S ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check_eq "it sleeps (state S)" S "$(state)"
kill $pid
wait $pid 2>/dev/null
check_fails "it is gone after kill" kill -0 $pid
check_eq "user0 has uid 1000 and owns its home" "1000 1000" "$(id -u user0) $(stat -c %u /home/user0)"
check_eq "user0 cannot read root's shadow" 1 "$(su user0 -c 'cat /etc/shadow' >/dev/null 2>&1; echo $?)"
finish
