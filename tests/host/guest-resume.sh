#!/usr/bin/env bash
# ./test's guest runner (guest_tests, lib/ktap.sh) with a stand-in for ./run
# whose guest dies in the test named "crash": that test fails, the guest's
# last lines are shown, and the tests after it run in a new boot. A guest
# that never starts its tests is one failure, "ARCH/boot".
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/ktap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ARCH=x86_64 ARCH_OUT=$work

# The stand-in: prints what /test/run would print, for "-E '/test/run A B...'".
cat >"$work/run" <<'STUB'
#!/usr/bin/env bash
while (($#)); do [[ $1 == -E ]] && script=$2; shift; done
set -- ${script#/test/run }
echo boot >>"${0%/*}/boots"
[[ $1 == nostart ]] && { echo "Kernel panic - not syncing: VFS: Unable to mount root fs"; exit 1; }
echo "KTAP version 1"
echo "1..$#"
n=0
for t in "$@"; do
	n=$((n + 1))
	echo "# lkmp-test-start $n $t"
	case $t in
	crash) echo "  ok 1 loaded"; echo "Kernel panic - not syncing: Fatal exception"; exit 1 ;;
	bad*) echo "not ok $n $t" ;;
	*) echo "ok $n $t" ;;
	esac
done
echo "<<lkmp-exit-status 0>>"
STUB
chmod +x "$work/run"
export GUEST_RUN=$work/run

seen=()
# (seen, not results: guest_tests has a local of that name.)
count() { seen+=("$1 $2"); }
guest_tests one crash two bad three >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
want="pass x86_64/one,fail x86_64/crash,pass x86_64/two,fail x86_64/bad,pass x86_64/three,"
[[ $got == "$want" ]] || { echo "FAIL: results $got, expected $want"; cat "$work/log"; exit 1; }
echo "ok: the test the guest died in fails, the ones before and after it pass or fail on their own"
[[ $(wc -l <"$work/boots") == 2 ]] || { echo "FAIL: $(wc -l <"$work/boots") boots, expected 2"; exit 1; }
echo "ok: the tests after it ran in a second boot"
grep -q 'the guest died during crash (exit 1); last 30 console lines:' "$work/log" &&
	grep -q '^    Kernel panic - not syncing: Fatal exception' "$work/out" ||
	{ echo "FAIL: the death was not reported with the console's last lines:"; cat "$work/log" "$work/out"; exit 1; }
echo "ok: it says which test the guest died in, with the console's last lines"

seen=() && rm -f "$work/boots"
guest_tests nostart one >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
[[ $got == "fail x86_64/boot," ]] || { echo "FAIL: a guest that never started gave: $got"; exit 1; }
grep -q 'the guest never started its tests' "$work/log" ||
	{ echo "FAIL: not reported:"; cat "$work/log"; exit 1; }
echo "ok: a guest that never starts its tests is one failure, ARCH/boot, and says so"
