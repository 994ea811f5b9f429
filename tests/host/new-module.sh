#!/usr/bin/env bash
# ./new-module, offline, in a scratch copy of the clone (the command finds
# its clone from its own path, so nothing lands in this one): NAME writes
# modules/NAME.c and tests/guest/NAME.sh with the catalogue's header lines,
# which pass module-style.sh (doc/modules.md regenerated) and checkpatch
# --strict; -o DIR writes a standalone Kbuild directory whose test sources
# nothing from /test and whose Makefile builds against out/ARCH/kernel;
# every refusal (bad NAME, a taken NAME, a kernel module's NAME, a DIR that
# is not empty, unknown options) exits with its message and writes nothing;
# nothing the user edited is ever overwritten.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/host/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# holds WHAT CMD...: a check of a file's contents or state.
holds() {
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; fi
}
# has FILE ERE: FILE has a line matching ERE.
# shellcheck disable=SC2317 # called through holds
has() { grep -qE -- "$2" "$1"; }

# The scratch clone: the command, the library, the arch files, the index
# generator, the style check, and a small catalogue (fast, and whatever
# state the clone's other examples are in).
clone=$work/clone
mkdir -p "$clone"/{doc,modules,tests/guest,tests/host}
cp -r "$root"/{new-module,lib,arch} "$clone/"
cp "$root/doc/modules.sh" "$clone/doc/"
cp "$root"/modules/{hello.c,miscdev.c,Kbuild} "$clone/modules/"
cp "$root"/tests/guest/{hello.sh,miscdev.sh,lib.sh,run,run-lib} "$clone/tests/guest/"
cp "$root/tests/host/module-style.sh" "$clone/tests/host/"
"$clone/doc/modules.sh" >"$clone/doc/modules.md"
# No kernel is built there; the user's lkmp.args must not change the arch.
export LKMP_OUT=$work/out LKMP_ARGS_FILE=$work/no-args
cd "$clone" || exit 1

# NAME: the two files, the commands it ran, the next steps.
expect 0 "\+ .*/doc/modules.sh >.*/doc/modules.md" ./new-module demo
c=modules/demo.c t=tests/guest/demo.sh
holds "$c and $t written, the test executable" test -f $c -a -x $t
holds "$c: SPDX first" test "$(head -n 1 $c)" = "// SPDX-License-Identifier: GPL-2.0"
holds "$c: Guest: line loads it" has $c '^ \* Guest:  modprobe demo;'
holds "$c: Test: line" has $c '^ \* Test:   /test/demo\.sh$'
holds "$c: pr_fmt before the includes" test "$(grep -n -m1 -e '^#define pr_fmt' -e '^#include' $c | cut -d: -f2-)" = '#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt'
for m in MODULE_LICENSE MODULE_AUTHOR MODULE_DESCRIPTION; do holds "$c: $m" has $c "^$m\\("; done
holds "$c: init unwinds through an err_ label" has $c '^err_[a-z_]+:$'
holds "$c: the device is /dev/demo" has $c '^	\.name = "demo",$'
holds "$c and $t: no placeholder left" sh -c "! grep -q @ $c $t"
holds "$c: lines within 80 columns for a short name" sh -c "expand $c | awk 'length > 80 { exit 1 }'"
holds "$t: sources /test/lib.sh" has $t '^\. /test/lib\.sh$'
holds "$t: loads with modprobe, checks the log, unloads" sh -c "grep -q 'modprobe demo' $t && grep -q '^check_dmesg' $t && grep -q 'rmmod demo' $t"
# The plan is the number of results the test prints (each check_* or ok).
holds "$t: plan N = its checks" test "$(sed -n 's/^plan //p' $t)" = "$(grep -cE '^(check|check_eq|check_fails|check_dmesg|ok) ' $t)"
holds "$t: sh -n" sh -n $t
holds "doc/modules.md has demo" has doc/modules.md '^## demo$'
expect 0 "^ok: 3 modules" bash tests/host/module-style.sh
# The next steps it prints, and what it ran.
out=$(./new-module demo2 2>&1)
for p in "writing modules/demo2\.c" "writing tests/guest/demo2\.sh" "^\+ chmod \+x .*/tests/guest/demo2\.sh" \
	"^  \./build -a x86_64 -k " "^  \./test -a x86_64 demo2 " "^  reload demo2 "; do
	holds "prints /$p/" grep -qE -- "$p" <<<"$out"
done
expect 0 "^  \./test -a aarch64 demo3 " ./new-module -a aarch64 demo3

# -o DIR: a standalone directory; its Makefile's arch from the arch file.
x=$work/ext/demo_ext
expect 0 "^\+ mkdir -p $x\$" ./new-module -o "$x" demo_ext
holds "-o: the four files" test -f "$x/demo_ext.c" -a -f "$x/Kbuild" -a -f "$x/Makefile" -a -x "$x/demo_ext.sh"
holds "-o: Kbuild" test "$(grep -v '^#' "$x/Kbuild")" = "obj-m := demo_ext.o"
holds "-o: the module's Test: line" has "$x/demo_ext.c" '^ \* Test:   sh /ext/demo_ext/demo_ext\.sh$'
holds "-o: the test sources nothing" sh -c "! grep -qE '^[[:space:]]*(\\.|source) ' '$x/demo_ext.sh' && ! grep -q /test/ '$x/demo_ext.sh'"
holds "-o: the test falls back to NAME.ko of its own directory" has "$x/demo_ext.sh" 'insmod "[$]here/demo_ext\.ko"'
holds "-o: the test's plan = its checks" test "$(sed -n 's/^plan //p' "$x/demo_ext.sh")" = "$(grep -cE '^(check|check_eq|check_fails|check_dmesg|ok) ' "$x/demo_ext.sh")"
holds "-o: sh -n" sh -n "$x/demo_ext.sh"
holds "-o: the test has tests/guest/lib.sh inlined" sh -c "awk 'b || !/^#/ { b = 1; print }' tests/guest/lib.sh | grep -vxF -f '$x/demo_ext.sh' | grep -q . && exit 1 || exit 0"
holds "-o: the test's KTAP version line comes first" test "$(grep -m1 -E '^(plan [0-9]|diag |ok |check[a-z_]* )' "$x/demo_ext.sh")" = "plan 14"
# ./test runs host checks with ARCH=x86_64 in the environment: it must not
# reach the kernel's make (lkmp's arch names are not the kernel's); make
# ARCH=... on the command line does.
expect 0 "^-C $work/out/x86_64/kernel M=$x ARCH=x86 CROSS_COMPILE= W=1 modules\$" env ARCH=x86_64 CROSS_COMPILE=x- make -s -C "$x" MAKE=echo
expect 0 "^-C /k M=$x " make -s -C "$x" MAKE=echo KDIR=/k
expect 0 " ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- " env ARCH=x86_64 CROSS_COMPILE=x- make -s -C "$x" MAKE=echo ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# (The arch file's values, as lib/common.sh's load_arch sources them.)
read -r ka cc < <(LKMP_CACHE=$work/cache bash -c 'source arch/aarch64.conf && echo "$KERNEL_ARCH $CROSS_COMPILE"')
y=$work/ext/a64
expect 0 "make -C $y " ./new-module -a aarch64 -o "$y" a64
expect 0 "^-C $work/out/aarch64/kernel M=$y ARCH=$ka CROSS_COMPILE=$cc W=1 modules\$" env ARCH=x86_64 CROSS_COMPILE= make -s -C "$y" MAKE=echo
mkdir "$work/ext/empty"
expect 0 "writing $work/ext/empty/e\.c" ./new-module -o "$work/ext/empty" e
# From elsewhere through a symlink, DIR relative to where it is typed.
mkdir -p "$work/bin" "$work/elsewhere" && ln -s "$clone/new-module" "$work/bin/nm"
expect 0 "^  $clone/run -a x86_64 -M rel/r " sh -c "cd '$work/elsewhere' && ../bin/nm -o rel/r r"
holds "a relative DIR is the caller's" test -f "$work/elsewhere/rel/r/r.c"
# The longest NAME: still checkpatch clean (below).
long=$(printf 'l%.0s' {1..24}) long2=$(printf 'm%.0s' {1..24})
expect 0 "writing modules/$long\.c" ./new-module "$long"
expect 0 "writing $work/ext/long/$long2\.c" ./new-module -o "$work/ext/long" "$long2"
expect 0 "^ok: 6 modules" bash tests/host/module-style.sh

cp=$root/out/src/linux/scripts/checkpatch.pl
if [[ -x $cp ]]; then
	# (--no-tree: one perl start for every generated file.)
	expect 0 "" "$cp" --no-tree --strict --quiet --no-summary -f modules/demo.c "modules/$long.c" \
		"$x/demo_ext.c" "$y/a64.c" "$work/ext/long/$long2.c"
else
	echo "# checkpatch skipped: no kernel source in out/src/linux (run ./build)"
fi

# Refusals: the status, one message, and nothing written or changed.
echo "/* my edit */" >>modules/demo.c
mkdir -p "$work/ext/full" "$work/out/x86_64/kernel" && touch "$work/ext/full/keep" "$work/ext/file"
printf 'kernel/drivers/block/loop.ko\n' >"$work/out/x86_64/kernel/modules.builtin"
printf 'drivers/misc/snd-dummy.o\n' >"$work/out/x86_64/kernel/modules.order"
snapshot() { (cd "$work" && find . -path ./out -prune -o -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N && find . -type f ! -path './out/*' -print0 | sort -z | xargs -0 sha256sum); }
before=$(snapshot)
holds "the snapshot lists the files" grep -q "clone/modules/demo.c$" <<<"$before"
expect 2 "NAME is missing" ./new-module
expect 2 "NAME must be a C identifier .*'9lives' is not" ./new-module 9lives
expect 2 "NAME must be a C identifier .*'my-mod' is not" ./new-module my-mod
expect 2 "NAME must be a C identifier .*'a b' is not" ./new-module "a b"
expect 2 "NAME is missing" ./new-module ""
expect 2 "NAME has 25 characters, at most 24" ./new-module "x$long"
expect 2 "one NAME only \(got a and b\)" ./new-module a b
expect 2 "unknown option: --bogus" ./new-module --bogus x
expect 2 "unknown option: -x" ./new-module -x
expect 2 "-o needs a directory" ./new-module x -o
expect 2 "-o needs a directory" ./new-module -o "" x
expect 2 "nope is not a valid arch" ./new-module -a nope x
expect 2 "unexpected argument: y" ./new-module x -- y
expect 1 "error: demo is taken by an example \(modules/demo\.c, tests/guest/demo\.sh\)" ./new-module demo
expect 1 "error: hello is taken by an example \(modules/hello\.c, tests/guest/hello\.sh\)" ./new-module -o "$work/ext/new" hello
expect 1 "error: run is taken by an example \(tests/guest/run\)" ./new-module run
expect 1 "error: lib is taken by an example \(tests/guest/lib\.sh\)" ./new-module lib
expect 1 "error: the x86_64 kernel has a module loop \(.*modules\.builtin\)" ./new-module loop
expect 1 "error: the x86_64 kernel has a module snd_dummy \(.*modules\.order\)" ./new-module snd_dummy
expect 1 "error: .*/ext/full exists and is not empty" ./new-module -o "$work/ext/full" f
expect 1 "error: .*/ext/demo_ext exists and is not empty" ./new-module -o "$x" demo_ext
expect 1 "error: .*/ext/file exists and is not a directory" ./new-module -o "$work/ext/file" f
expect 2 "Kbuild cannot build in a path with a space or a colon" ./new-module -o "$work/ext/a dir" f
expect 2 "Kbuild cannot build in a path with a space or a colon" ./new-module -o "$work/ext/a:b" f
holds "the refusals wrote and changed nothing" test "$before" = "$(snapshot)"
holds "the user's edit is kept" has modules/demo.c '^/\* my edit \*/$'
exit $fail
