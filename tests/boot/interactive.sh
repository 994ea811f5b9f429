#!/usr/bin/env bash
# S1 as a person does it: ./run on a terminal (tmux here) gives a root shell
# on the console; modprobe hello prints "hello: init"; poweroff ends ./run.
source "$(dirname "$0")/lib.sh"
s=lkmp-interactive-$$
trap 'tmux kill-session -t "$s" 2>/dev/null; rm -f "$OUT"' EXIT
tmux new-session -d -s "$s" -x 200 -y 50 "./run -a $ARCH -s -t 120; echo RUN-EXIT=\$?; sleep 60"
pane() { tmux capture-pane -p -J -S -200 -t "$s" | tee "$OUT" | grep -qE -- "$1"; }
# Up to 180 s: a loaded machine (CI ran it beside other builds) boots slowly.
wait_pane() { local i; for ((i = 0; i < 900; i++)); do pane "$1" && return 0; sleep 0.2; done; return 1; }
expect "a root shell prompt on the console" wait_pane 'lkmp:/root# $'
tmux send-keys -t "$s" 'modprobe hello' Enter
expect "modprobe hello prints 'hello: init' on the console" wait_pane '\] hello: init$'
tmux send-keys -t "$s" 'id -u; poweroff' Enter
expect "the shell is root's" wait_pane '^0$'
expect "poweroff ends ./run with status 0" wait_pane '^RUN-EXIT=0$'
exit $fail
