# Sourced by guest shell tests: print KTAP and check results.
#	. /test/lib.sh
#	plan 2
#	check "load" modprobe hello
#	check_dmesg "init message" 'hello: init'
#	finish			# exit 0 all passed, 1 a failure
_n=0
_failed=0
plan() { echo "KTAP version 1"; echo "1..$1"; }
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
# check_dmesg DESC ERE: the kernel log (cleared by the runner before each test) matches.
check_dmesg() {
	dmesg | grep -qE "$2"
	_s=$?
	ok $_s "$1"
	[ $_s -eq 0 ] || diag "no kernel log line matches: $2"
	return $_s
}
skip_all() { echo "KTAP version 1"; echo "1..0 # SKIP $*"; exit 4; }
finish() { [ $_failed -eq 0 ] && exit 0; exit 1; }
