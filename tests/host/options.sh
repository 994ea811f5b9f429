#!/usr/bin/env bash
# Option parsing: bad input gets usage and exit 2, never a half-done action.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0
expect() { # STATUS PATTERN CMD...
	local want=$1 pat=$2 out got
	shift 2
	out=$("$@" 2>&1 </dev/null)
	got=$?
	if [[ $got != "$want" ]] || ! grep -qE -- "$pat" <<<"$out"; then
		echo "FAIL: $* -> exit $got (want $want, /$pat/):"
		echo "$out" | head -n 5
		fail=1
	else
		echo "ok: $*"
	fi
}
for cmd in setup build run test; do
	expect 2 "unknown option: --bogus" "./$cmd" --bogus
	expect 0 "^usage: ./$cmd" "./$cmd" --help
done
expect 2 "nope is not a valid arch, options are: .*x86_64" ./run -a nope
expect 2 "nope is not a valid arch, options are: .*x86_64" ./build -a nope
expect 2 "-m takes a size" ./run -m lots
expect 2 "-c takes 1 to 8 CPUs" ./run -c 0
expect 2 "-c needs CONFIG_NAME=value" ./build -c FOO=y
expect 2 "-K needs an existing .config file" ./build -K /nonexistent
expect 2 "-a needs a value" ./run -a
expect 2 "--clean takes one of" ./build --clean everything
# lkmp.args: default arguments, per command, read by every command.
args=$(mktemp)
echo "run -m lots" >"$args"
expect 2 "-m takes a size" env LKMP_ARGS_FILE="$args" ./run -E true
echo "build --bogus-default" >"$args"
expect 2 "unknown option: --bogus-default" env LKMP_ARGS_FILE="$args" ./build
rm -f "$args"
exit $fail
