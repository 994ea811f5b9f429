#!/usr/bin/env bash
# /test/run resets what the user left: after a manual modprobe it unloads
# the module (and says so) before testing it, dependents first (dep2, then
# dep); a module kept in use is reported, not run into a confusing failure.
# And hello's header "Test:" line, typed as it is, runs the test.
source "$(dirname "$0")/lib.sh"
line=$(sed -n 's|^ \* Test: *\(/test/[^ ]*\).*|\1|p' modules/hello.c)
[[ -n $line ]] || skip_all "modules/hello.c has no Test: line"

guest st -s -E "modprobe hello; /test/run hello; echo \"run-hello=\$?\"
$line; echo \"test-line=\$?\"
modprobe dep2; /test/run dep; echo \"run-dep=\$?\"
modprobe miscdev; exec 3</dev/miscdev; /test/run miscdev; echo \"run-miscdev=\$?\""
expect "the guest ran the script (exit 0)" [ "$st" = 0 ]
expect "run hello after modprobe hello: says it unloaded hello" saw '^# unloaded hello: it was left loaded$'
expect "... and the test passes" saw '^ok 1 hello$'
expect "... and /test/run exits 0" saw '^run-hello=0$'
expect "'$line' (hello.c's Test: line) runs and passes" saw '^test-line=0$'
expect "run dep after modprobe dep2: dep2 unloaded before dep" \
	bash -c "tr -d '\r' <'$OUT' | grep -A1 -x '# unloaded dep2: it was left loaded' | grep -qx '# unloaded dep: it was left loaded'"
expect "... and the test passes" saw '^ok 1 dep$'
expect "miscdev held open: reported as loaded and in use" saw '^# miscdev is loaded and cannot be unloaded \(refcount 1\): .*'
expect "... the test is not run, and says why" saw '^# miscdev: not run: it tests miscdev, left loaded and in use'
expect "... it is not ok, and /test/run exits 1" bash -c "tr -d '\r' <'$OUT' | grep -qx 'not ok 1 miscdev' && tr -d '\r' <'$OUT' | grep -qx 'run-miscdev=1'"
exit $fail
