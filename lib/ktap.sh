# shellcheck shell=bash
# Reading KTAP from a console log. Only top-level results count (a test's own
# subtests are nested by indentation); any other line, kernel messages
# included, is ignored. Serial consoles add \r, which is dropped.

# Print "pass NAME", "fail NAME" or "skip NAME" for each top-level result.
ktap_results() {
	tr -d '\r' <"$1" | sed -nE \
		-e 's/^ok [0-9]+ ([^#]*[^# ]) *# *SKIP.*/skip \1/p; t' \
		-e 's/^ok [0-9]+ (.*[^ ]) *$/pass \1/p; t' \
		-e 's/^not ok [0-9]+ ([^#]*[^# ]).*/fail \1/p'
}

# The top-level plan's count (the first "1..N" at column 0), or empty.
ktap_plan() {
	tr -d '\r' <"$1" | sed -nE 's/^1\.\.([0-9]+).*/\1/p' | head -n 1
}

# Run guest tests NAME... on $ARCH: boot once per batch with /test/run; if
# the guest dies mid-run, report the test it was in and go on with the rest
# in a new boot. Results go to the caller's count RESULT NAME. GUEST_RUN
# replaces ./run (tests/host/guest-resume.sh gives a guest that dies).
guest_tests() {
	local todo=("$@") log=$ARCH_OUT/test-console.log results plan n status rest=()
	local boot_timeout=${LKMP_TEST_BOOT_TIMEOUT:-600}
	while ((${#todo[@]})); do
		status=0
		"${GUEST_RUN:-$LKMP_ROOT/run}" -a "$ARCH" -s -t "$boot_timeout" -E "/test/run ${todo[*]}" \
			</dev/null >"$log" 2>&1 || status=$?
		results=$(ktap_results "$log")
		plan=$(ktap_plan "$log")
		n=0
		while read -r res name; do
			[[ -n $res ]] || continue
			count "$res" "$ARCH/$name"
			n=$((n + 1))
			[[ $res == skip ]] && tr -d '\r' <"$log" | sed -n "s/^ok [0-9]* $name # SKIP \(..*\)/    # SKIP: \1/p"
			[[ $res == fail ]] && sed -n "/^# lkmp-test-start [0-9]* $name\r*\$/,/^\(not \)\?ok [0-9]* $name/p" "$log" | tr -d '\r' | tail -n 60 | sed 's/^/    /'
		done <<<"$results"
		if [[ -z $plan ]]; then
			count fail "$ARCH/boot"
			log "the guest never started its tests (exit $status); last 30 console lines:"
			tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
			return
		fi
		((n < ${#todo[@]})) || break
		# The guest died in todo[n]: count it, go on after it.
		count fail "$ARCH/${todo[n]}"
		log "the guest died during ${todo[n]} (exit $status); last 30 console lines:"
		tail -n 30 "$log" | tr -d '\r' | sed 's/^/    /'
		rest=("${todo[@]:n+1}")
		todo=(${rest[@]+"${rest[@]}"})
	done
}
