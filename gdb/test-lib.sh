# shellcheck shell=bash
# Sourced by tests/boot/gdb-*.sh after tests/boot/lib.sh: start a guest in the
# background, drive GDB in batch mode, check its transcript, and always clean
# up. Every QEMU and GDB runs under timeout; ports are random, on 127.0.0.1.
GLOG=$(mktemp) QLOG=$(mktemp) QPID=""
gdb_test_cleanup() {
	stop_guest
	rm -f "$OUT" "$GLOG" "$QLOG"
}
trap gdb_test_cleanup EXIT

# Random free ports, so a check never meets another guest's stub.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 20000))
		[[ -z $(ss -Hltn "sport = :$p") ]] && { echo "$p"; return; }
	done
}
LKMP_GDB_PORT=$(free_port) LKMP_KGDB_PORT=$(free_port) LKMP_GDBSERVER_PORT=$(free_port)
export LKMP_GDB_PORT LKMP_KGDB_PORT LKMP_GDBSERVER_PORT

# start_guest ./run-ARGS...: the guest in the background, its output in QLOG.
# timeout leads its own process group: stop_guest kills ./run and QEMU both.
start_guest() {
	: >"$QLOG"
	timeout 150 ./run -a "$ARCH" -s -t 140 "$@" </dev/null >"$QLOG" 2>&1 &
	QPID=$!
}
stop_guest() {
	[[ -n $QPID ]] || return 0
	kill -- -"$QPID" 2>/dev/null
	wait "$QPID" 2>/dev/null
	QPID=""
}
# guest_ends SECONDS: the guest exits by itself within SECONDS.
guest_ends() {
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		kill -0 "$QPID" 2>/dev/null || { wait "$QPID" 2>/dev/null; QPID=""; return 0; }
		sleep 0.1
	done
	return 1
}
# wait_for SECONDS CMD...: poll until CMD succeeds.
wait_for() {
	local i n=$1
	shift
	for ((i = 0; i < n * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
listening() { [[ -n $(ss -Hltn "sport = :$1") ]]; }
# (Not grep -q: see saw in tests/boot/lib.sh.)
console_has() { tr -d '\r' <"$QLOG" | grep -E -- "$1" >/dev/null; }

# gdb_session CMD...: run CMD (./run-gdb ... -- -batch ...) under timeout,
# its transcript in GLOG; the status in GST.
GST=0 SHOWN=0 NSESSION=0
gdb_session() {
	local t0
	t0=$(now_ms)
	timeout -k 5 90 "$@" </dev/null >"$GLOG" 2>&1
	GST=$?
	SHOWN=0
	NSESSION=$((NSESSION + 1))
	mkdir -p "$ARCH_OUT/gdb-tests"
	cp "$GLOG" "$ARCH_OUT/gdb-tests/$(basename "$0" .sh)-$NSESSION.log"
	echo "# gdb session: $(fmt_ms $(($(now_ms) - t0))), exit $GST"
}
# gdb_saw ERE: the GDB transcript matches.
gdb_saw() { grep -qE -- "$1" "$GLOG"; }
gdb_count() { grep -cE -- "$1" "$GLOG"; }
# gdb_stopped: GDB reached the target: the transcript shows a stop (at the
# stub's first instruction, or a breakpoint) or the inferior killed or
# detached by the session's last command.
gdb_stopped() { gdb_saw '^(0x[0-9a-f]+ in |(Thread [0-9]+ hit )?Breakpoint [0-9.]+, |\[Inferior 1 \(process [0-9]+\) (killed|detached)\])'; }
# gdb_lacks ERE: GDB reached the target and its transcript does not match
# ERE. (An absence alone proves nothing: a GDB that never connected shows
# none of anything.) A check asserts the stops it expects first.
gdb_lacks() { gdb_stopped && ! gdb_saw "$1"; }

# check DESC CONDITION...: expect (tests/boot/lib.sh), showing on the first
# failure the GDB transcript's and the console's tails.
show_failure() {
	((SHOWN)) && return
	SHOWN=1
	echo "  GDB transcript (tail, kernel log lines left out; all in out/$ARCH/gdb-tests/):"
	grep -v '^\[ *[0-9]*\.[0-9]*\]' "$GLOG" | tail -n 40 | cut -c1-300 | sed 's/^/  | /'
	echo "  console (tail):"
	tr -d '\r' <"$QLOG" | tail -n 15 | sed 's/^/  | /'
}
check() { expect "$@"; }
