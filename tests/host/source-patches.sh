#!/usr/bin/env bash
# source_tree: the extracted tree is a git repository (pristine import, one
# commit per patch); a new patch is applied in place; a patch that does not
# apply stops the build and keeps the tree; edits of the user's are never
# lost: with a changed patch set the build stops and says how to keep them,
# and that advice works. A small tarball stands in for linux-source.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/sources.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkg-1.0/kernel" "$work/patches"
printf 'one\ntwo\nthree\n' >"$work/pkg-1.0/kernel/file.c"
printf 'other\n' >"$work/pkg-1.0/kernel/other.c"
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
fail() { echo "FAIL: $*"; exit 1; }
file() { tr '\n' ' ' <"$tree/kernel/$1"; }
st() { source_tree pkg "$tree" "$work/patches"; }
tree=$work/src
mkpatch 0001-two one two three one TWO three
st 2>"$work/log" || { cat "$work/log"; exit 1; }
[[ $(file file.c) == "one TWO three " ]] || fail "the patch was not applied"
[[ $(git -C "$tree" log --format=%s | tr '\n' '|') == "lkmp: 0001-two.patch|lkmp: pkg 1.0, pristine (pkg.tar.xz)|" ]] ||
	fail "not a repository of the pristine import + one commit per patch: $(git -C "$tree" log --oneline)"
echo "ok: the tree is a git repository: the pristine import, then one commit per patch"

msg=$(st 2>&1)
[[ -z $msg ]] || fail "something was done with nothing changed: $msg"
echo "ok: nothing changed, nothing done"

touch -d '2020-01-01' "$tree/kernel/other.c"
mkpatch 0002-three one TWO three one TWO THREE
msg=$(st 2>&1) || fail "a new patch was refused: $msg"
[[ $(file file.c) == "one TWO THREE " ]] || fail "a new patch did not give both patches: $msg"
[[ $msg == *"applying them in place"* && $(stat -c %Y "$tree/kernel/other.c") == "$(date -d 2020-01-01 +%s)" ]] ||
	fail "a new patch extracted the tree afresh (other.c's mtime changed): $msg"
echo "ok: a new patch is applied in place, in name order; untouched files keep their mtime"

mkpatch 0003-bad one nope three one x three
if msg=$(st 2>&1); then fail "a patch that does not apply was accepted"; fi
[[ $msg == *"patch $work/patches/0003-bad.patch does not apply to pkg 1.0"* ]] || fail "no clear error: $msg"
[[ $(file file.c) == "one TWO THREE " && -z $(git -C "$tree" status --porcelain) ]] ||
	fail "the previous tree was not kept as it was: $(git -C "$tree" status --porcelain)"
rm "$work/patches/0003-bad.patch"
msg=$(st 2>&1) || fail "after the bad patch was removed, the tree was refused: $msg"
echo "ok: a patch that does not apply stops the build, names the patch, keeps the old tree"

echo 'my edit' >>"$tree/kernel/other.c"
msg=$(st 2>&1) || fail "an edit with unchanged patches was refused: $msg"
echo "ok: an edit with the patches unchanged is built as it is (./build -l)"

mkpatch 0003-one one TWO THREE ONE TWO THREE
if msg=$(st 2>&1); then fail "a changed patch set was applied over an edited tree: $msg"; fi
[[ $msg == *"has edits of yours"*"git -C $tree diff --cached lkmp-patched"* ]] || fail "no clear message: $msg"
[[ $(file other.c) == "other my edit " ]] || fail "the edit was lost"
echo "ok: edits + a new patch: the build stops, says how to keep the edits, the edit survives"

echo 'new file' >"$tree/kernel/mine.c"
git -C "$tree" checkout -q kernel/other.c
if msg=$(st 2>&1); then fail "a new file of the user's was not counted as an edit"; fi
[[ -f $tree/kernel/mine.c ]] || fail "the user's new file was lost"
rm "$tree/kernel/mine.c"
echo "ok: a new file counts as an edit too"

echo 'my edit' >>"$tree/kernel/other.c"
echo 'new file' >"$tree/kernel/mine.c"
msg=$(st 2>&1) && fail "edits + a new patch were accepted"
advice=$(sed -n 's/.*as a patch that .\/build applies, run: \(.*\) ; then .*/\1/p' <<<"$msg")
[[ -n $advice ]] || fail "no command to keep the edits in: $msg"
eval "$advice"
[[ -s $work/patches/9000-my-change.patch ]] || fail "the advised command wrote no patch: $msg"
msg=$(st 2>&1) || fail "the advised patch did not apply: $msg"
[[ $(file other.c) == "other my edit " && $(file file.c) == "ONE TWO THREE " && -f $tree/kernel/mine.c ]] ||
	fail "after following the advice the tree lacks the edit or the new patch"
[[ -z $(git -C "$tree" status --porcelain) ]] || fail "the edit, now a patch, still shows as an edit"
echo "ok: the advice works: the edit, made a patch, is applied with the new one"

# Trees from before trees were repositories: a .lkmp-source stamp, no .git.
stamp=$(cat "$tree/.git/lkmp-source")
rm -rf "$tree/.git"
echo "$stamp" >"$tree/.lkmp-source"
echo 'old edit' >>"$tree/kernel/other.c"
touch -d '2020-01-01' "$tree/kernel/other.c"
msg=$(st 2>&1) || fail "an old-style, up-to-date tree was refused: $msg"
[[ -d $tree/.git && $(stat -c %Y "$tree/kernel/other.c") == "$(date -d 2020-01-01 +%s)" ]] ||
	fail "an up-to-date old-style tree did not become a repository with its files untouched: $msg"
[[ $(git -C "$tree" status --porcelain) == " M kernel/other.c" ]] ||
	fail "the edit made before the conversion does not show: $(git -C "$tree" status --porcelain)"
echo "ok: an up-to-date tree from before becomes a repository, files untouched, old edits visible"

rm -rf "$tree/.git"
echo "an older stamp" >"$tree/.lkmp-source"
msg=$(st 2>&1) || fail "an old-style, outdated tree was refused: $msg"
old=$(ls -d "$tree".old-* 2>/dev/null | head -n 1)
[[ -n $old && $(tail -n 1 "$old/kernel/other.c") == "old edit" && -d $tree/.git ]] ||
	fail "an outdated old-style tree was not kept aside: $msg"
echo "ok: an outdated tree from before is moved aside, kept, and extracted afresh"
