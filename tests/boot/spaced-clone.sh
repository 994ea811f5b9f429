#!/usr/bin/env bash
# A clone whose path has a space, run from another directory: ./build -k
# builds modules, userland and rootfs from it, and ./run boots the result.
# (Its kernel and BusyBox are this clone's, linked read-only: building them
# again would take minutes; the spaces are in what -k reads from the clone.)
source "$(dirname "$0")/lib.sh"
[[ $ARCH == x86_64 ]] || skip_all "the paths are the same on every arch: checked on x86_64"
[[ -f $ARCH_OUT/images/$KERNEL_IMAGE_NAME ]] || skip_all "nothing built for $ARCH"
work=$(mktemp -d)
trap 'rm -rf "$work" "$OUT"' EXIT
clone="$work/my clone/lk mp"
mkdir -p "$clone"
git ls-files -z -c -o --exclude-standard | xargs -0 cp -p --parents -t "$clone"
out=$work/out
mkdir -p "$out/$ARCH/images"
ln -s "$ARCH_OUT/kernel" "$ARCH_OUT/busybox" "$out/$ARCH/"
ln -s "$LKMP_OUT/src" "$out/src"
ln "$ARCH_OUT/images/$KERNEL_IMAGE_NAME" "$out/$ARCH/images/"
# This clone's module and userland objects: only what the new paths change
# is rebuilt (same sources, same mtimes).
cp -a "$ARCH_OUT/modules" "$ARCH_OUT/userland" "$out/$ARCH/"
cd /
LKMP_OUT=$out "$clone/build" -a "$ARCH" -k >"$OUT" 2>&1
st=$?
expect "./build -k in a clone with spaces, from /" [ "$st" = 0 ]
expect "... built the modules from the clone" [ -f "$out/$ARCH/modules/hello.ko" ]
LKMP_OUT=$out "$clone/run" -a "$ARCH" -t 120 -E 'modprobe hello && dmesg | grep -q "hello: init" && echo spaced-ok' </dev/null >"$OUT" 2>&1
st=$?
expect "./run boots it, modprobe hello works" eval '[ "$st" = 0 ] && saw "^spaced-ok"'
exit $fail
