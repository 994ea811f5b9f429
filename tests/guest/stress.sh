#!/bin/sh
# stress: every example module loaded and unloaded again and again
# (LKMP_STRESS_CYCLES times; default 3, with LKMP_STRESS=full 100: ./test
# --stress), by modprobe (its dependencies first: dep2 loads dep) and
# modprobe -r (they go with it), with the arguments of its "Stress: args"
# header line. A module fails when a load or an unload fails, or when the
# kernel logged a report meanwhile (an oops, BUG, WARNING, UBSAN's, a hung
# task...: the runner's REPORTS, /test/run-lib). Skipped: the
# modules this kernel lacks a symbol for or did not build, and those whose
# header says "Stress: skip" (/test/stress), and, when 80% of the runner's
# timeout (LKMP_TEST_TIMEOUT, default 60 s) would be spent before a module's
# end, the rest (a debug kernel is ten times slower: there a plain run
# covers a part; it starts at a module the clock picks, so that runs cover
# different parts). doc/testing.md, "Stress and bad input".
#	/test/stress.sh [MODULE...]	(default: every module of /test/examples)
. /test/lib.sh
. /test/run-lib # REPORTS, reported, show_report, uptime_cs
cycles=${LKMP_STRESS_CYCLES:-3}
[ "${LKMP_STRESS:-}" = full ] && cycles=${LKMP_STRESS_CYCLES:-100}
# cycle MODULE ARGS: $cycles loads and unloads; prints why it stopped early.
cycle() {
	_i=0
	while [ $_i -lt "$cycles" ]; do
		_i=$((_i + 1))
		_e=$(eval "modprobe $1 $2" 2>&1) || { echo "load $_i of $cycles failed: ${_e:-modprobe $1 $2}"; return 1; }
		_e=$(modprobe -r "$1" 2>&1) || { echo "unload $_i of $cycles failed: ${_e:-modprobe -r $1}"; return 1; }
	done
}
# "MODULE|UNMET|MODE REST" a line: the symbols it lacks (/test/examples)
# and its Stress: line (/test/stress); of the modules named, else of all.
table=$(awk -v only=" $* " '
	FILENAME == ARGV[1] { m = $1; sub(/^[^ ]+ */, ""); st[m] = $0; next }
	only != "  " && !index(only, " " $2 " ") { next }
	{ u = ""; for (i = 3; i <= NF; i++) u = u " " $i; print $2 "|" substr(u, 2) "|" st[$2]; seen[$2] = 1 }
	END { n = split(only, o, " "); for (i = 1; i <= n; i++) if (!(o[i] in seen)) print o[i] "||" st[o[i]] }
' /test/stress /test/examples | sort -u)
# (From the Nth line on, then the first N - 1.)
n=$(echo "$table" | wc -l)
first=$(($(date +%s) % n))
table=$(echo "$table" | awk -v f="$first" 'NR > f { print } NR <= f { rest = rest $0 "\n" } END { printf "%s", rest }')
built=" $(sed -n 's|.*/\([^/]*\)\.ko:.*|\1|p' "/lib/modules/$(uname -r)/modules.dep" | tr '\n' ' ') "
plan "$n"
diag "$cycles loads and unloads of each module, from module $((first + 1)) of $n on"
total=0 t_all=$(uptime_cs) done_n=0 spent=0 avg=0 late=""
end=$((t_all + ${LKMP_TEST_TIMEOUT:-60} * 80))
while IFS='|' read -r m unmet line; do
	mode=${line%% *} rest=${line#* }
	if [ -n "$unmet" ]; then
		skip "$m" "needs $unmet"
	elif [ "${built#* "$m" }" = "$built" ]; then
		skip "$m" "not built for this kernel"
	elif [ "$mode" = skip ]; then
		skip "$m" "Stress: skip: $rest"
	elif [ -n "$late" ] || [ $(($(uptime_cs) + avg)) -gt $end ]; then
		# (Once late, no more forks: on a slow kernel they take time too.)
		late=${late:-"out of time: $((($(uptime_cs) - t_all) / 100)) s of the runner's ${LKMP_TEST_TIMEOUT:-60} were spent"}
		skip "$m" "$late"
	else
		[ "$mode" = args ] || rest=""
		dmesg -c >/dev/null
		t0=$(uptime_cs)
		why=$(cycle "$m" "$rest")
		s=$?
		t=$(($(uptime_cs) - t0))
		done_n=$((done_n + 1)) spent=$((spent + t))
		avg=$((spent / done_n))
		if reported; then
			diag "$m: the kernel logged a report:"
			show_report
			s=1
		fi
		[ -z "$why" ] || diag "$m: $why"
		if [ $s -eq 0 ]; then
			total=$((total + cycles))
			ok 0 "$m: $cycles cycles in $((t / 100)).$((t % 100 / 10)) s"
		else
			ok 1 "$m: $cycles cycles"
		fi
	fi
done <<-EOF
	$table
EOF
t=$(($(uptime_cs) - t_all))
diag "$total loads and unloads in $((t / 100)).$((t % 100 / 10)) s"
finish
