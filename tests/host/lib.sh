# shellcheck shell=bash
# Sourced by host checks: expect STATUS PATTERN CMD... runs CMD (no stdin),
# passes when it exits with STATUS and its output matches the ERE PATTERN;
# a failure sets fail=1 and shows the output's tail.
fail=0
expect() {
	local want=$1 pat=$2 out got
	shift 2
	out=$("$@" 2>&1 </dev/null)
	got=$?
	if [[ $got != "$want" ]] || ! grep -qE -- "$pat" <<<"$out"; then
		echo "FAIL: (in $PWD) $* -> exit $got (want $want, /$pat/):"
		echo "$out" | tail -n 5
		fail=1
	else
		echo "ok: $*"
	fi
}
