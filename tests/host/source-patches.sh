#!/usr/bin/env bash
# source_tree applies a patch directory to the tree it extracts, extracts
# afresh when a patch is added, and stops with the patch's name when one
# does not apply. A small tarball stands in for linux-source.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/sources.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkg-1.0/kernel" "$work/patches"
printf 'one\ntwo\nthree\n' >"$work/pkg-1.0/kernel/file.c"
tar -cJf "$work/pkg.tar.xz" -C "$work" pkg-1.0
# The lock entry of the stand-in package: its tarball and checksum.
# (work, not dir: the stubs see source_tree's locals, dir among them.)
lock_field() { case $2 in 2) echo 1.0 ;; 4) sha256sum "$work/pkg.tar.xz" | cut -d' ' -f1 ;; esac; }
source_file() { echo "$work/pkg.tar.xz"; }
mkpatch() { # NAME OLD1 OLD2 OLD3 NEW1 NEW2 NEW3: a patch of kernel/file.c
	{
		echo "Subject: $1"
		echo '---'
		diff -u --label a/kernel/file.c --label b/kernel/file.c \
			<(printf '%s\n' "${@:2:3}") <(printf '%s\n' "${@:5:3}") || true
	} >"$work/patches/$1.patch"
}
tree=$work/src
mkpatch 0001-two one two three one TWO three
source_tree pkg "$tree" "$work/patches" 2>"$work/log" || { cat "$work/log"; exit 1; }
[[ $(sed -n 2p "$tree/kernel/file.c") == TWO ]] || { echo "FAIL: the patch was not applied"; exit 1; }
echo "ok: the patch is applied to the extracted tree"

msg=$(source_tree pkg "$tree" "$work/patches" 2>&1)
[[ $msg != *extracting* ]] || { echo "FAIL: extracted again with nothing changed: $msg"; exit 1; }
echo "ok: nothing changed, nothing extracted"

mkpatch 0002-three one TWO three one TWO THREE
msg=$(source_tree pkg "$tree" "$work/patches" 2>&1)
[[ $msg == *extracting* && $(tr '\n' ' ' <"$tree/kernel/file.c") == "one TWO THREE " ]] ||
	{ echo "FAIL: a new patch did not give a fresh tree with both patches: $msg"; exit 1; }
echo "ok: a new patch extracts afresh and applies both, in name order"

mkpatch 0003-bad one nope three one x three
if msg=$(source_tree pkg "$tree" "$work/patches" 2>&1); then
	echo "FAIL: a patch that does not apply was accepted"; exit 1
fi
[[ $msg == *"patch $work/patches/0003-bad.patch does not apply to pkg 1.0"* ]] ||
	{ echo "FAIL: no clear error: $msg"; exit 1; }
[[ $(tr '\n' ' ' <"$tree/kernel/file.c") == "one TWO THREE " ]] ||
	{ echo "FAIL: the previous tree was lost"; exit 1; }
echo "ok: a patch that does not apply stops the build, names the patch, keeps the old tree"
