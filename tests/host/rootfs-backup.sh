#!/usr/bin/env bash
# A rebuild never destroys a disk the guest changed: keep_modified_disk moves
# a changed image aside and says so, and leaves an unchanged one alone.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/rootfs.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
img=$dir/rootfs.ext4
echo built >"$img"
stat -c '%Y %s' "$img" >"$img.stamp"
keep_modified_disk "$img"
[[ -f $img && -z $(ls "$dir" | grep bak) ]] || { echo "FAIL: an unchanged image was moved"; exit 1; }
echo "ok: unchanged image left alone"
echo "guest wrote this" >>"$img"
touch -d '+2 seconds' "$img"
msg=$(keep_modified_disk "$img" 2>&1)
bak=$(ls "$dir" | grep 'rootfs.ext4.bak-' || true)
[[ ! -e $img && -n $bak ]] || { echo "FAIL: a changed image was not kept"; exit 1; }
grep -q 'guest wrote this' "$dir/$bak" || { echo "FAIL: backup lost the content"; exit 1; }
[[ $msg == *"kept it as $dir/$bak"* ]] || { echo "FAIL: no message: $msg"; exit 1; }
echo "ok: changed image kept as $bak, and said so"
