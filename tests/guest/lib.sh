# shellcheck shell=sh
# Sourced by guest shell tests: print KTAP and check results.
#	. /test/lib.sh
#	plan 2
#	check "load" modprobe hello
#	check_dmesg "init message" 'hello: init'
#	finish			# exit 0 all passed, 1 a failure (or not as planned)
_n=0
_failed=0
_plan=""
plan() { _plan=$1; echo "KTAP version 1"; echo "1..$1"; }
diag() { echo "# $*"; }
# ok CONDITION-STATUS DESCRIPTION: report a result from a status (0 = pass).
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n $2"; else echo "not ok $_n $2"; _failed=$((_failed + 1)); fi
}
# check DESC CMD...: pass when CMD succeeds; its output goes to diagnostics on failure.
check() {
	_d=$1
	shift
	_out=$("$@" 2>&1)
	_s=$?
	ok $_s "$_d"
	[ $_s -eq 0 ] || printf '%s\n' "$_out" | sed 's/^/# /'
	return $_s
}
# check_fails DESC CMD...: pass when CMD fails (bad input must be refused).
check_fails() {
	_d=$1
	shift
	"$@" >/dev/null 2>&1
	[ $? -ne 0 ]
	ok $? "$_d"
}
# check_eq DESC EXPECTED ACTUAL
check_eq() {
	[ "$2" = "$3" ]
	_s=$?
	ok $_s "$1"
	[ $_s -eq 0 ] || diag "expected '$2', got '$3'"
	return $_s
}
# have_module NAME: NAME.ko was built for this kernel (the arch-specific
# examples are built only on their arch: modules/Kbuild).
have_module() { grep -q "/$1\.ko:" "/lib/modules/$(uname -r)/modules.dep"; }
# dmesg_has ERE: the kernel log (cleared by the runner before each test) matches.
dmesg_has() { dmesg | grep -qE "$1"; }
# check_dmesg DESC ERE: pass when dmesg_has ERE.
check_dmesg() {
	dmesg_has "$2"
	_s=$?
	ok $_s "$1"
	[ $_s -eq 0 ] || diag "no kernel log line matches: $2"
	return $_s
}
# poll_for SECONDS CMD...: poll (every 0.1 s, at most ~SECONDS) until CMD
# succeeds; CMD's final status.
poll_for() {
	_w=$(($1 * 10))
	shift
	while ! "$@" && [ $_w -gt 0 ]; do
		usleep 100000
		_w=$((_w - 1))
	done
	"$@"
}
# dmesg_block START ERE...: the block of the kernel log from the first line
# matching START to the next empty line (a section of a report: KASAN's
# "Freed by task N:" and its stack) has a line matching each ERE; if not,
# say which and print the block.
dmesg_block() {
	# (START through the environment: awk -v would eat its backslashes.)
	_blk=$(dmesg | START=$1 awk 'on && /^(\[ *[0-9.]+\] *)?$/ { exit } !on && $0 ~ ENVIRON["START"] { on = 1 } on')
	shift
	for _e in "$@"; do
		printf '%s\n' "$_blk" | grep -qE -e "$_e" && continue
		echo "no line matches '$_e' in:"
		printf '%s\n' "${_blk:-(no such block)}"
		return 1
	done
}
# tainted FLAG: the kernel's taint mask has FLAG (a power of 2: 32 is B, a
# bad page, which KASAN sets; 512 is W, a warning).
tainted() { [ $(($(cat /proc/sys/kernel/tainted) & $1)) -ne 0 ]; }
# kasan_armed: KASAN will print the next report. It reports the first bug
# of a boot only, unless the kernel command line says kasan_multi_shot; a
# report taints the kernel B (32).
kasan_armed() {
	grep -qw kasan_multi_shot /proc/cmdline && return 0
	tainted 32 || return 0
	echo "KASAN reported a bug earlier in this boot (taint B) and reports one a boot: boot with -e kasan_multi_shot, or run this test first"
	return 1
}
# wait_for CMD...: poll_for 10 s.
wait_for() { poll_for 10 "$@"; }
# wait_dmesg ERE: poll (at most ~10 s) until the kernel log matches.
wait_dmesg() { wait_for dmesg_has "$1"; }
# num_is FILE OP N: the number FILE holds compares to N by test's OP (-eq, -ge...).
num_is() { test "$(cat "$1")" "$2" "$3"; }
# echo_to FILE WORDS...: echo WORDS > FILE in a child shell; prints its error if any.
echo_to() {
	_f=$1
	shift
	sh -c "echo $* > $_f" 2>&1
}
# check_echo_fails DESC FILE WORDS BRE: echo WORDS > FILE prints one error line matching BRE.
check_echo_fails() {
	_e=$(echo_to "$2" "$3")
	check_eq "$1" 1 "$(echo "$_e" | grep -c "$4")"
}
# skip DESC REASON: a result that cannot be checked here, KTAP's SKIP.
skip() { _n=$((_n + 1)); echo "ok $_n $1 # SKIP $2"; }
skip_all() { echo "KTAP version 1"; echo "1..0 # SKIP $*"; exit 4; }
# finish: exit 0 when every planned result passed (kselftest's
# ksft_finished: a test that stops short of its plan fails).
finish() {
	if [ "$_n" != "$_plan" ]; then
		diag "planned $_plan results, gave $_n"
		exit 1
	fi
	[ $_failed -eq 0 ] && exit 0
	exit 1
}
