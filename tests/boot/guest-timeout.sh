#!/usr/bin/env bash
# /test/run against tests that block or lie, in one boot (a short timeout:
# LKMP_TEST_TIMEOUT=2, LKMP_TEST_GRACE=1). A test blocked in the kernel
# (the msleep example's interruptible sleep, under a command substitution) is
# shown where it blocked, killed with all it started, reported
# "not ok N NAME # TIMEOUT", and the next test runs in the same boot; a test
# that exits 0 with fewer results than its plan, or with no output, fails;
# a process a test leaves running is killed; lib.sh's finish fails a test
# that stops short of its plan. A test blocked in state D
# (msleep's uninterruptible sleep) cannot be killed: SysRq-w shows it, and
# the runner stops with "Bail out!" (./test goes on in a new boot).
source "$(dirname "$0")/lib.sh"
have=$(sed -n 's|^extra/\(msleep\)\.ko:.*|\1|p' "$ARCH_OUT/rootfs/lib/modules/"*/modules.dep 2>/dev/null)
[[ $have == msleep ]] || skip_all "no msleep.ko in this build (its Needs: line)"

# The tests, written into /tmp/tt by the guest; each line one line of a file.
tests='
sleeper	. /test/lib.sh; plan 2; check "load msleep" modprobe msleep
sleeper	x=$(sh -c "echo interruptible 10000 >/sys/kernel/debug/msleep/sleep"); check "not reached" true; finish
after	. /test/lib.sh; plan 1; check "it ran" true; finish
short	echo "KTAP version 1"; echo "1..2"; echo "ok 1 only one of two"
stops	. /test/lib.sh; plan 2; check "only one of two" true; finish
silent	true
leaver	. /test/lib.sh; plan 1; sleep 1000 & check "started a sleep" true; finish
dstate	. /test/lib.sh; plan 2; check "load msleep" modprobe msleep
dstate	echo msleep 10000 >/sys/kernel/debug/msleep/sleep; check "not reached" true; finish
'
script='mkdir -p /tmp/tt
while IFS="	" read -r t line; do [ -n "$t" ] && printf "%s\n" "$line" >>/tmp/tt/$t.sh; done <<"EOF"'"$tests"'EOF
export LKMP_TEST_DIR=/tmp/tt LKMP_TEST_TIMEOUT=2 LKMP_TEST_GRACE=1
t0=$(date +%s); /test/run sleeper after short silent leaver stops; echo "run-1=$? in $(($(date +%s) - t0)) s"
t0=$(date +%s); /test/run dstate after; echo "run-2=$? in $(($(date +%s) - t0)) s"'
guest st -s -E "$script"
expect "the guest ran both /test/run" eval '[ "$st" = 0 ] && saw "^run-1=" && saw "^run-2="'

expect "blocked test: not ok, # TIMEOUT after 2 s, its tasks killed" saw '^not ok 1 sleeper # TIMEOUT after 2 s; its tasks were killed$'
# (arm's /proc/PID/stack is empty for another task: there its wait channel
# names the function.)
expect "... where it blocked shown: in the module's write" \
	eval 'saw "^#     \[<0>\] sleep_write\+0x[0-9a-f]+/0x[0-9a-f]+ \[msleep\]$" || saw "^#   [0-9]+ \(sh\) state S, in sleep_write:$"'
expect "... the command substitution's reader too, in pipe_read" saw '^#   [0-9]+ \(sh\) state S, in pipe_read:$'
expect "... the blocked write was interrupted (killed, not waited for)" saw 'msleep: interruptible sleep cut short by a signal'
expect "... and the next test ran in the same boot" saw '^ok 2 after$'
expect "exit 0 with 1 of 2 planned results: not ok, saying so" \
	eval "saw '^# short: exit status 0, but 1 results for a plan of 2$' && saw '^not ok 3 short$'"
expect "lib.sh's finish fails a test that stops short of its plan" \
	eval "saw '^  # planned 2 results, gave 1$' && saw '^not ok 6 stops$'"
expect "a test that printed nothing: not ok" eval "saw '^# silent: exit status 0, but it printed nothing$' && saw '^not ok 4 silent$'"
expect "a process left running is killed; the test passes" \
	eval "saw '^# leaver: killing what it left running: [0-9]+$' && saw '^ok 5 leaver$'"
n=$(tr -d '\r' <"$OUT" | sed -n 's/^run-1=1 in \([0-9]*\) s$/\1/p')
# (Not an upper bound: that it did not wait out the 10 s sleep is the "cut
# short by a signal" check above; a busy host may take any time.)
expect "... all six ran, the blocked one for its 2 s timeout at least (${n:-?} s)" eval '[ -n "$n" ] && [ "$n" -ge 2 ]'

expect "state D: # TIMEOUT, SIGKILL could not end it" saw '^not ok 1 dstate # TIMEOUT after 2 s; SIGKILL could not end [0-9]+ \(state D\)$'
expect "... its stack in msleep, and SysRq-w's report" \
	eval "{ saw '^#     \\[<0>\\] msleep\\+0x' || saw '^#   [0-9]+ \\(sh\\) state D, in msleep:\$'; } && saw '^#   .*task:sh +state:D '"
expect "... Bail out!, /test/run exits 1" eval "saw '^Bail out! dstate left tasks in state D \\([0-9]+\\) that SIGKILL cannot end' && saw '^run-2=1 in'"
# What the second /test/run printed.
run2() { tr -d '\r' <"$OUT" | sed -n '/^run-1=/,/^run-2=/p'; }
expect "... and after it nothing ran in that boot" eval "run2 | grep -q '^Bail out!' && ! run2 | grep -q 'lkmp-test-start 2 after'"
exit $fail
