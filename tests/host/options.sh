#!/usr/bin/env bash
# Option parsing, one layer for every command (lib/options.sh): bad input
# gets usage and exit 2, never a half-done action; lkmp.args means the same
# to every command; ./test -a X tests X alone; ./tmu gives both panes the
# arch ./run boots.
set -uo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
cd "$(dirname "$0")/../.."
commands=(setup build run test bench qemu-monitor run-gdb run-gdb-user run-gdbserver tmu new-module)
# Every executable at the top is a command, and every command is checked.
for f in *; do
	[[ -f $f && -x $f ]] || continue
	[[ " ${commands[*]} " == *" $f "* ]] || { echo "FAIL: ./$f is not in this check's list"; fail=1; }
done
args=$(mktemp)
trap 'rm -f "$args"' EXIT
for cmd in "${commands[@]}"; do
	expect 2 "unknown option: --bogus" "./$cmd" --bogus
	expect 0 "^usage: ./$cmd" "./$cmd" --help
	expect 0 "^usage: ./$cmd" "./$cmd" -h
	expect 2 "nope is not a valid arch, options are: .*x86_64" "./$cmd" -a nope
	expect 2 "-a needs an arch" "./$cmd" -a
	# lkmp.args: the command's own line, and "*" lines, for every command.
	echo "$cmd --bogus-default" >"$args"
	expect 2 "unknown option: --bogus-default" env LKMP_ARGS_FILE="$args" "./$cmd"
	echo "* -a nope" >"$args"
	expect 2 "nope is not a valid arch" env LKMP_ARGS_FILE="$args" "./$cmd"
	# --help works whatever lkmp.args holds.
	expect 0 "^usage: ./$cmd" env LKMP_ARGS_FILE="$args" "./$cmd" --help
done
expect 2 "-m takes a size" ./run -m lots
expect 2 "-m needs a value" ./run -m
expect 2 "-c takes 1 to 8 CPUs" ./run -c 0
expect 2 "-S needs a directory \\(got /nonexistent\\)" ./run -S /nonexistent
expect 2 "-c needs CONFIG_NAME=value" ./build -c FOO=y
expect 2 "-K needs an existing .config file" ./build -K /nonexistent
expect 2 "--clean takes one of" ./build --clean everything
expect 2 "unexpected argument: extra" ./build extra
expect 2 "unexpected argument: extra" ./setup extra
expect 2 "needs PROGRAM and FUNCTION" ./run-gdb-user /bin/ls
echo "run -m lots" >"$args"
expect 2 "-m takes a size" env LKMP_ARGS_FILE="$args" ./run -E true

# ./test's arches: the default set, lkmp.args, and -a replacing both.
default=$(for f in arch/*.conf; do grep -q '^TEST_BY_DEFAULT=1' "$f" && basename "$f" .conf; done | tr '\n' ' ')
expect 0 "^arches: ${default% }\$" ./test --list
expect 0 "^arches: aarch64\$" ./test --list -a aarch64
expect 0 "^arches: arm riscv64\$" ./test --list -a arm,riscv64
expect 0 "^arches: arm riscv64\$" ./test --list -a arm -a riscv64
expect 0 "^arches: aarch64 arm mips64 riscv64 x86_64\$" ./test --list -a all
echo "test -a mips64" >"$args"
expect 0 "^arches: mips64\$" env LKMP_ARGS_FILE="$args" ./test --list
expect 0 "^arches: x86_64\$" env LKMP_ARGS_FILE="$args" ./test --list -a x86_64
expect 0 "^guest tests: hello\$" ./test --list hello
expect 0 "^stress: full" ./test --list --stress stress fuzz

# ./tmu: both panes on one arch: -a, a tmu line, or the arch of run's line.
expect 0 "left: +.*/run -d -a x86_64\$" ./tmu --print
echo "run -a aarch64 -m 512M" >"$args"
expect 0 "left: +.*/run -d -a aarch64\$" env LKMP_ARGS_FILE="$args" ./tmu --print
expect 0 "right: .*/run-gdb -a aarch64" env LKMP_ARGS_FILE="$args" ./tmu --print
expect 0 "right: .*/run-gdb -a riscv64 start_kernel" env LKMP_ARGS_FILE="$args" ./tmu --print -a riscv64 -- start_kernel
echo "* -a arm" >"$args"
expect 0 "right: .*/run-gdb -a arm -k" env LKMP_ARGS_FILE="$args" ./tmu --print -k
exit $fail
