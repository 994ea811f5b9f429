# shellcheck shell=bash
# Reading KTAP from a console log: the verdict of each top-level test of
# /test/run. Any line that is not KTAP, kernel messages included, is
# ignored; serial consoles add \r, which is dropped.

# ktap_results LOG: one line per test, "RESULT NAME" or "RESULT NAME # WHY":
#   skip   its result line has the SKIP directive ("ok" or "not ok": KTAP
#          allows both), or its own KTAP is "1..0 # SKIP ..."
#   fail   "not ok" (WHY: the directive, e.g. "TIMEOUT after 60 s"), or
#          "ok" with KTAP that does not bear it out: it printed nothing, has
#          no plan, fewer or more results than its plan, or a "not ok"
#          subtest; nested subtests are checked the same way, each level
#          against its own plan (a test fails if any of its subtests fail:
#          Documentation/dev-tools/ktap.rst)
#   pass   "ok", and its KTAP is whole
#   crash  it started ("# lkmp-test-start N NAME") and the console stopped
#          before its result: the guest died in it
# and, after them, "bail # WHY" for a "Bail out!" line, and "missing # ..."
# when fewer tests have a result (or crashed) than the top-level plan says.
# A test's lines are those indented below the top level since the previous
# result; indentation (two spaces a level) gives the nesting. Reading stops
# where ./run reports a guest that died and repeats the console's last lines.
ktap_results() {
	tr -d '\r' <"$1" | awk '
	function reset(from,  d) {
		for (d = from; d <= deepest; d++) {
			plan[d] = ""; n[d] = 0; bad[d] = ""; lines[d] = 0; skipwhy[d] = ""
		}
	}
	# Why the KTAP at depth d (what one result at depth d - 1 sums up) does
	# not bear out an "ok"; "" when it does, "SKIP why" for "1..0 # SKIP".
	# At depth 1 (a test'"'"'s own output) output and a plan are required;
	# deeper, a result with no lines below it is a plain test case.
	function whole(d) {
		if (lines[d] == 0)
			return d == 1 ? "it printed nothing" : ""
		if (plan[d] == "")
			return d == 1 || n[d] ? "its KTAP has no plan (1..N)" : ""
		if (plan[d] == 0 && n[d] == 0)
			return "SKIP " skipwhy[d]
		if (n[d] != plan[d])
			return sprintf("%d results for a plan of %d", n[d], plan[d])
		if (bad[d] != "")
			return "subtest " bad[d]
		return ""
	}
	# The text after "#" in a result line, or "".
	function directive(s) { return index(s, "#") ? trim(substr(s, index(s, "#") + 1)) : "" }
	function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
	function describe(s) {
		sub(/^(not )?ok [0-9]+ */, "", s); sub(/^- /, "", s)
		return trim(index(s, "#") ? substr(s, 1, index(s, "#") - 1) : s)
	}
	function verdict(res, why) { print res " " cur (why == "" ? "" : " # " why); done++ }
	BEGIN { deepest = 0; cur = "" }
	# ./run on a guest that died: what follows repeats the console'"'"'s tail.
	/^run: .*last [0-9]+ console lines:$/ { exit }
	/^# lkmp-test-start [0-9]+ / {
		if (cur != "") verdict("crash", "the console stopped during it")
		cur = $4; reset(1); next
	}
	/^Bail out!/ { bailed = trim(substr($0, 11)); next }
	/^  / {
		match($0, /^ +/); d = int(RLENGTH / 2); s = substr($0, RLENGTH + 1)
		if (d > deepest) { deepest = d; reset(d) }
		for (k = 1; k <= d; k++) lines[k]++
		if (s ~ /^1\.\.[0-9]+/ && plan[d] == "") {
			plan[d] = substr(s, 4) + 0
			if (toupper(directive(s)) ~ /^SKIP/) skipwhy[d] = trim(substr(directive(s), 5))
		} else if (s ~ /^(not )?ok [0-9]+( |$)/) {
			n[d]++
			dir = toupper(directive(s))
			why = dir ~ /^SKIP/ ? "" : s ~ /^not / ? "not ok" : whole(d + 1)
			if (why ~ /^SKIP/) why = ""
			if (why != "" && bad[d] == "") {
				num = s; sub(/^(not )?ok /, "", num); sub(/ .*/, "", num)
				bad[d] = num " (" describe(s) "): " why
			}
			reset(d + 1)
		}
		next
	}
	/^(not )?ok [0-9]+ / {
		if (cur == "") cur = describe($0)
		dir = directive($0)
		if (toupper(dir) ~ /^SKIP/)
			verdict("skip", trim(substr(dir, 5)))
		else if ($1 == "not")
			verdict("fail", dir)
		else if ((why = whole(1)) ~ /^SKIP/)
			verdict("skip", trim(substr(why, 5)))
		else
			verdict(why == "" ? "pass" : "fail", why)
		cur = ""; reset(1)
		next
	}
	/^1\.\.[0-9]+/ && top == "" { top = $1; sub(/^1\.\./, "", top); top += 0 }
	END {
		if (cur != "") verdict("crash", "the console stopped during it")
		if (bailed != "") print "bail # " bailed
		if (top != "" && done < top)
			printf "missing # %d of the plan'"'"'s %d tests have no result\n", top - done, top
	}'
}

# The top-level plan's count (the first "1..N" at column 0), or empty.
ktap_plan() {
	tr -d '\r' <"$1" | sed -nE 's/^1\.\.([0-9]+).*/\1/p' | head -n 1
}

# ktap_kunit LOG: the kernel's parser's view of LOG (lib/ktap-kunit.py), or
# status 1 when the kernel tree (./build extracts it) or python3 is missing.
KUNIT_DIR=${KUNIT_DIR:-$LKMP_OUT/src/linux/tools/testing/kunit}
ktap_kunit() {
	[[ -f $KUNIT_DIR/kunit_parser.py ]] && command -v python3 >/dev/null || return 1
	# (No __pycache__ written into the kernel tree.)
	PYTHONDONTWRITEBYTECODE=1 python3 "$LKMP_ROOT/lib/ktap-kunit.py" "$KUNIT_DIR" "$1"
}

# ktap_verdicts LOG: ktap_results, with kunit.py's parser as a second
# opinion: a test ours passes fails when that parser does not pass it, or
# found errors in its KTAP (numbering, structure). Where ours is stricter
# (a test that printed nothing, a failed subtest under an "ok") ours stands,
# and so does a pass of a test that parser lost track of (after a test with
# more results than its plan, it can take the next ones for subtests).
ktap_verdicts() {
	local ours theirs
	ours=$(ktap_results "$1")
	if ! theirs=$(ktap_kunit "$1" 2>&1); then
		printf '%s\n' "$ours"
		return
	fi
	THEIRS=$theirs awk '
	BEGIN {
		m = split(ENVIRON["THEIRS"], t, "\n")
		for (j = 1; j <= m; j++) {
			res = t[j]; sub(/ .*/, "", res)
			name = substr(t[j], length(res) + 2); sub(/ # .*/, "", name)
			why = index(t[j], " # ") ? substr(t[j], index(t[j], " # ") + 3) : ""
			theirs[name] = res (why == "" ? "" : ": " why)
		}
	}
	$1 == "pass" {
		name = substr($0, 6)
		if ((name in theirs) && theirs[name] != "pass")
			$0 = "fail " name " # kunit.py parse: " theirs[name]
	}
	{ print }' <<<"$ours"
}

# Run guest tests NAME... on $ARCH: boot once per batch with /test/run, on
# TEST_CPUS CPUs (arch file; default 2); if the guest dies mid-run, report
# the test it was in and go on with the rest in a new boot; so too after a
# "Bail out!" (a test left tasks that SIGKILL cannot end). A boot that stops
# short of its plan with no such reason is a failure, ARCH/boot (and the
# rest run in a new boot). Results go to the caller's count RESULT NAME.
# GUEST_RUN replaces ./run (tests/host/guest-resume.sh gives a guest that
# dies). guest_tests --mutants NAME...: the mutation run of those tests
# (/test/run --mutants), counted as ARCH/mutant/NAME (and ARCH/mutant/boot),
# its console in out/ARCH/mutant-console.log.
# Two markers in a test's source change where it runs (not in a mutation
# run): "lkmp: own-boot [CONFIG_X]" gives it a boot of its own (where the
# kernel has CONFIG_X, if one is named): a detector that reports once per
# boot (lockdep turns itself off after its first report) must be fresh for
# it. "lkmp: expect-trace" tests run after the others: the report they cause
# taints the kernel, and a taint turns lockdep off for the rest of the boot.
guest_tests() {
	[[ ${1:-} == --mutants ]] && { guest_batch "$@"; return; }
	local t first=() last=() own=()
	for t in "$@"; do
		if test_wants "$t" own-boot; then
			own+=("$t")
		elif test_wants "$t" expect-trace; then
			last+=("$t")
		else
			first+=("$t")
		fi
	done
	guest_batch ${first[@]+"${first[@]}"} ${last[@]+"${last[@]}"}
	for t in ${own[@]+"${own[@]}"}; do
		GUEST_LOG=$ARCH_OUT/test-console.$t.log guest_batch "$t"
	done
}

# test_wants NAME MARK: does guest test NAME's source say "lkmp: MARK"? For
# own-boot, only where the kernel has the CONFIG_ symbol named after it.
test_wants() {
	local f sym
	for f in "$LKMP_ROOT/tests/guest/$1".{sh,c}; do
		[[ -f $f ]] || continue
		sym=$(sed -n "s/.*lkmp: $2\( \(CONFIG_[A-Z0-9_]*\)\)\?.*/x\2/p" "$f" | head -n 1)
		[[ -n $sym ]] || return 1
		sym=${sym#x}
		[[ -z $sym ]] || grep -qx "$sym=y" "$ARCH_OUT/kernel/.config" 2>/dev/null
		return
	done
	return 1
}

# guest_batch [--mutants] NAME...: the tests in one boot (more if one dies).
guest_batch() {
	(($#)) || return 0
	local runner=/test/run prefix=$ARCH/ log=${GUEST_LOG:-$ARCH_OUT/test-console.log}
	if [[ ${1:-} == --mutants ]]; then
		runner+=" --mutants" prefix+=mutant/ log=$ARCH_OUT/mutant-console.log
		shift
	fi
	local todo=("$@") verdicts plan n status rest=()
	local res name why crashed bailed line
	local boot_timeout=${LKMP_TEST_BOOT_TIMEOUT:-600}
	# (A kernel variant runs slower, and kmemleak's scans add ~6 s a test.)
	[[ -z ${LKMP_VARIANT:-} || -n ${LKMP_TEST_BOOT_TIMEOUT:-} ]] || boot_timeout=1800
	while ((${#todo[@]})); do
		status=0
		"${GUEST_RUN:-$LKMP_ROOT/run}" -a "$ARCH" -c "${TEST_CPUS:-2}" -s -t "$boot_timeout" -E "$runner ${todo[*]}" \
			</dev/null >"$log" 2>&1 || status=$?
		plan=$(ktap_plan "$log")
		if [[ -z $plan ]]; then
			count fail "${prefix}boot"
			log "the guest never started its tests (exit $status); last 30 console lines:"
			tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
			return
		fi
		verdicts=$(ktap_verdicts "$log")
		n=0 crashed="" bailed=""
		while read -r line; do
			why=""
			[[ $line == *" # "* ]] && why=${line#* # }
			res=${line%% *} name=${line%% # *}
			name=${name#"$res"} name=${name# }
			case $res in
			pass | skip | fail)
				count "$res" "$prefix$name"
				n=$((n + 1))
				[[ -z $why ]] || echo "    # ${res^^}: $why"
				[[ $res == fail ]] && sed -n "/^# lkmp-test-start [0-9]* $name\r*\$/,/^\(not \)\?ok [0-9]* $name/p" "$log" | tr -d '\r' | tail -n 80 | sed 's/^/    /'
				;;
			crash) crashed=$name ;;
			bail) bailed=$why ;;
			esac
		done <<<"$verdicts"
		((n < ${#todo[@]})) || break
		if [[ -n $crashed ]]; then
			# The guest died in todo[n]: count it, go on after it.
			count fail "$prefix$crashed"
			log "the guest died during $crashed (exit $status); last 30 console lines:"
			tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
			n=$((n + 1))
		elif [[ -n $bailed ]]; then
			log "/test/run stopped: Bail out! $bailed"
			log "${todo[n]} and the tests after it run in a new boot"
		elif ((n == 0)); then
			count fail "${prefix}boot"
			log "/test/run stopped before its first result (exit $status); last 30 console lines:"
			tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
			return
		else
			# Fewer results than the plan, and nothing says why: a failure.
			count fail "${prefix}boot"
			log "/test/run stopped after ${todo[n - 1]}, $n of ${#todo[@]} results (exit $status); last 30 console lines:"
			tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
			log "${todo[n]} and the tests after it run in a new boot"
		fi
		rest=("${todo[@]:n}")
		todo=(${rest[@]+"${rest[@]}"})
	done
}
