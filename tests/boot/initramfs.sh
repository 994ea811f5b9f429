#!/usr/bin/env bash
# ./build -I links the rootfs into the kernel; ./run -I boots it with no
# disk and no initrd.
source "$(dirname "$0")/lib.sh"
./build -a "$ARCH" -I >"$OUT" 2>&1
expect "./build -I makes the initramfs kernel" [ -f "$ARCH_OUT/images/$KERNEL_IMAGE_NAME.initramfs" ]
guest st -I -E 'grep -q "^rootfs / " /proc/mounts && ! grep -q /dev/vda /proc/mounts && modprobe hello && rmmod hello'
expect "-I: boots, root is the built-in initramfs, modules load" [ "$st" = 0 ]
grep -q -- -initrd "$ARCH_OUT/run.log" && { echo "FAIL: -I passed an -initrd"; fail=1; }
exit $fail
