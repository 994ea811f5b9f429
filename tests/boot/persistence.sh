#!/usr/bin/env bash
# The ext4 disk keeps what the guest writes, across boots (on a copy of the
# image, so the user's own disk is untouched).
source "$(dirname "$0")/lib.sh"
disk=$(mktemp)
trap 'rm -f "$OUT" "$disk"' EXIT
cp "$ARCH_OUT/images/rootfs.ext4" "$disk"
export LKMP_DISK=$disk
guest st -E 'echo "kept $$" >/root/persist; sync'
expect "first boot writes a file" [ "$st" = 0 ]
guest st -E 'cat /root/persist'
expect "second boot reads it back" saw '^kept [0-9]+$'
guest st -s -E 'rm /root/persist; sync'
guest st -E 'test -f /root/persist'
expect "-s discards the guest's writes" [ "$st" = 0 ]
exit $fail
