#!/usr/bin/env bash
# Every command works from any directory, through a symlink, and from a
# clone whose path has a space (its outputs then go to the cache, linked as
# out/); an out dir the kernel cannot build in is refused at once.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
commands=(setup build run test bench qemu-monitor run-gdb run-gdb-user run-gdbserver tmu new-module)
mkdir -p "$work/a dir/bin"
cd "$work/a dir"
for cmd in "${commands[@]}"; do
	expect 0 "^usage: ./$cmd" "$root/$cmd" --help
	ln -s "$root/$cmd" "bin/lkmp-$cmd"
	expect 0 "^usage: ./$cmd" "bin/lkmp-$cmd" --help
done
# Real work from elsewhere: what reads files of the clone by path.
empty=$work/empty-out
expect 0 "^arches: " bin/lkmp-test --list
expect 0 "^left: +$root/run -d -a x86_64" bin/lkmp-tmu --print
expect 1 "no guest of x86_64 is running" env LKMP_OUT="$empty" bin/lkmp-qemu-monitor info status
expect 1 "no vmlinux built for x86_64" env LKMP_OUT="$empty" bin/lkmp-run-gdb
if "$root/setup" --check >/dev/null 2>&1; then
	# (./build calls ./setup --check first: by a relative path it failed.)
	expect 1 "no kernel built yet for x86_64" env LKMP_OUT="$empty" bin/lkmp-build -k
	# An LKMP_OUT of the user's is used as it is: no out/ link in the clone.
	[[ ! -L $root/out ]] || [[ $(readlink "$root/out") != "$empty" ]] ||
		{ echo "FAIL: LKMP_OUT=$empty left a link out/ in the clone"; fail=1; }
else
	echo "# host packages missing: ./build -k from elsewhere not checked"
fi

# A clone in a path with a space: its outputs go to the cache.
clone="$work/my clone/lkmp"
mkdir -p "$clone"
git -C "$root" ls-files -z -c -o --exclude-standard | (cd "$root" && xargs -0 cp --parents -t "$clone")
cd /
expect 0 "^arches: " "$clone/test" --list
if "$root/setup" --check >/dev/null 2>&1; then
	expect 1 "no kernel built yet for x86_64" env -u LKMP_OUT LKMP_CACHE="$work/cache" "$clone/build" -k
	out=$(readlink "$clone/out")
	[[ $out == "$work/cache/out/"* && -d $out ]] || { echo "FAIL: out/ of the clone is not a link into the cache: '$out'"; fail=1; }
	[[ $out != *' '* ]] || { echo "FAIL: the out dir has a space: $out"; fail=1; }
	expect 1 "has a space or a colon, which the kernel's build system cannot handle" \
		env LKMP_OUT="$work/out dir" "$root/build" -k
	[[ ! -e "$work/out dir" ]] || { echo "FAIL: a refused out dir was created"; fail=1; }
fi
exit $fail
