#!/usr/bin/env bash
# ./test's guest runner (guest_tests, lib/ktap.sh) with a stand-in for ./run
# whose guest dies in the test named "crash": that test fails, the guest's
# last lines are shown, and the tests after it run in a new boot, although
# ./run's repeat of the console's last lines holds an earlier result again.
# A test named "stuck" leaves a task in state D: /test/run reports its
# TIMEOUT and bails out; the tests after it run in a new boot, with no
# failure for them. A guest whose runner stops after "quits" with no reason
# (no crash, no Bail out!) fails as "ARCH/boot", and the rest run in a new
# boot. A guest that never starts its tests is one failure, "ARCH/boot".
# A test marked "lkmp: own-boot CONFIG_X" (bug_lock_order) gets a boot of its
# own where the kernel has CONFIG_X, and the "lkmp: expect-trace" ones
# (oops) run after the rest (their reports taint the kernel).
# Every boot gets the arch's TEST_CPUS (default 2); guest_tests --mutants
# runs /test/run --mutants and counts ARCH/mutant/NAME.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/ktap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ARCH=x86_64 ARCH_OUT=$work

# The stand-in: prints what /test/run would print, for "-E '/test/run A B...'".
cat >"$work/run" <<'STUB'
#!/usr/bin/env bash
while (($#)); do
	[[ $1 == -E ]] && script=$2
	[[ $1 == -c ]] && cpus=$2
	shift
done
set -- ${script#/test/run }
echo "boot ${cpus:-1} CPUs" >>"${0%/*}/boots"
echo "$*" >>"${0%/*}/batches"
[[ $1 == --mutants ]] && shift
[[ $1 == nostart ]] && { echo "Kernel panic - not syncing: VFS: Unable to mount root fs"; exit 1; }
echo "KTAP version 1"
echo "1..$#"
n=0
for t in "$@"; do
	n=$((n + 1))
	echo "# lkmp-test-start $n $t"
	printf '  KTAP version 1\n  1..1\n  ok 1 loaded\n'
	case $t in
	crash)
		echo "Kernel panic - not syncing: Fatal exception"
		echo "run: the guest stopped before reporting an exit status; last 30 console lines:"
		printf 'ok %d %s\n' $((n - 1)) "${*:n-1:1}"
		exit 1
		;;
	stuck)
		echo "not ok $n $t # TIMEOUT after 60 s; SIGKILL could not end 80 (state D)"
		echo "Bail out! $t left tasks in state D (80) that SIGKILL cannot end; the remaining tests need a new boot"
		echo "<<lkmp-exit-status 1>>"
		exit 1
		;;
	quits) printf 'ok %d %s\n' "$n" "$t"; exit 0 ;;
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
guest_tests one stuck two three >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
want="pass x86_64/one,fail x86_64/stuck,pass x86_64/two,pass x86_64/three,"
[[ $got == "$want" ]] || { echo "FAIL: results $got, expected $want"; cat "$work/log" "$work/out"; exit 1; }
if ! grep -q '^    # FAIL: TIMEOUT after 60 s; SIGKILL could not end 80 (state D)$' "$work/out" ||
	! grep -q 'Bail out! stuck left tasks in state D' "$work/log" ||
	! grep -q 'two and the tests after it run in a new boot' "$work/log" ||
	[[ $(wc -l <"$work/boots") != 2 ]]; then
	echo "FAIL: the bail out was not reported, or no second boot:"
	cat "$work/log" "$work/out"
	exit 1
fi
echo "ok: a test left in state D: its TIMEOUT fails it, Bail out! is shown, the rest pass in a second boot"

seen=() && rm -f "$work/boots"
guest_tests one quits two >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
want="pass x86_64/one,pass x86_64/quits,fail x86_64/boot,pass x86_64/two,"
[[ $got == "$want" ]] || { echo "FAIL: results $got, expected $want"; cat "$work/log"; exit 1; }
grep -q '/test/run stopped after quits, 2 of 3 results (exit 0)' "$work/log" ||
	{ echo "FAIL: the short run was not reported:"; cat "$work/log"; exit 1; }
echo "ok: a run that stops short of its plan with no reason fails (ARCH/boot); the rest run in a new boot"

seen=() && rm -f "$work/boots"
guest_tests nostart one >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
[[ $got == "fail x86_64/boot," ]] || { echo "FAIL: a guest that never started gave: $got"; exit 1; }
grep -q 'the guest never started its tests' "$work/log" ||
	{ echo "FAIL: not reported:"; cat "$work/log"; exit 1; }
echo "ok: a guest that never starts its tests is one failure, ARCH/boot, and says so"

seen=() && rm -f "$work/boots"
guest_tests --mutants one crash two >"$work/out" 2>"$work/log"
got=$(printf '%s\n' "${seen[@]}" | tr '\n' ',')
want="pass x86_64/mutant/one,fail x86_64/mutant/crash,pass x86_64/mutant/two,"
[[ $got == "$want" ]] || { echo "FAIL: --mutants gave $got, expected $want"; cat "$work/log"; exit 1; }
[[ $(sort -u "$work/boots") == "boot 2 CPUs" ]] || { echo "FAIL: boots: $(cat "$work/boots"), expected 2 CPUs each"; exit 1; }
echo "ok: guest_tests --mutants counts ARCH/mutant/NAME, resumes after a crash, boots 2 CPUs"

seen=() && rm -f "$work/boots"
TEST_CPUS=1 guest_tests one >"$work/out" 2>"$work/log"
[[ $(cat "$work/boots") == "boot 1 CPUs" ]] || { echo "FAIL: TEST_CPUS=1 booted: $(cat "$work/boots")"; exit 1; }
echo "ok: an arch's TEST_CPUS=1 boots 1 CPU"

mkdir -p "$work/kernel" && rm -f "$work/batches"
echo CONFIG_PROVE_LOCKING=y >"$work/kernel/.config"
guest_tests bug_lock_order oops hello list >"$work/out" 2>"$work/log"
got=$(tr '\n' ',' <"$work/batches")
want="hello list oops,bug_lock_order,"
[[ $got == "$want" ]] || { echo "FAIL: with lockdep the boots ran $got, expected $want"; exit 1; }
: >"$work/kernel/.config" && rm -f "$work/batches"
guest_tests bug_lock_order oops hello list >"$work/out" 2>"$work/log"
got=$(tr '\n' ',' <"$work/batches")
want="hello list bug_lock_order oops,"
[[ $got == "$want" ]] || { echo "FAIL: without lockdep the boot ran $got, expected $want"; exit 1; }
echo "ok: own-boot tests get a boot of their own where the kernel has the option; expect-trace tests run last"
