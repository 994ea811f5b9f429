#!/usr/bin/env bash
# Examples gated on the kernel config (the "Needs:" line of each header):
# 1. offline, for every symbol any example needs: with that one symbol off,
#    modules/Kbuild builds exactly the examples whose /test/examples line
#    (lib/rootfs.sh) lacks nothing, so the build and the guest's skips agree;
# 2. against the built kernel (exit 4 if there is none): a scratch copy of a
#    few examples builds with CONFIG_KPROBES and CONFIG_NET off on the make
#    command line, without kprobe.ko and netlink.ko, with the others; and
#    /test/run skips kprobe's test naming CONFIG_KPROBES.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/build.sh"
source "$LKMP_ROOT/lib/rootfs.sh"
load_arch "${ARCH:-x86_64}"
KBUILD=$ARCH_OUT/kernel
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
mods=$LKMP_ROOT/modules

# kbuild_objs DIR CONFIG [VAR=VALUE...]: the obj-m list DIR/Kbuild makes for
# CONFIG (auto.conf lines), as Kbuild reads it (Kbuild.include's $(comma)).
kbuild_objs() {
	local d=$1 config=$2
	shift 2
	make -s -f - "$@" <<-EOF
		comma := ,
		src := $d
		include $config
		include $d/Kbuild
		all: ; @echo \$(sort \$(obj-m))
	EOF
}
# unmet_names TABLE: the modules whose line names a symbol besides TEST_NEEDS.
unmet_names() {
	local t m rest
	while read -r t m rest; do
		rest=" $rest "
		for s in $TEST_NEEDS; do rest=${rest// $s / }; done
		[[ -z ${rest// /} ]] || echo "$m"
	done <"$1" | sort
}

# 1. Every needed symbol in turn off, all others on.
symbols=$(sed -n 's/^ \* Needs://p' "$mods"/*.c | tr ' ' '\n' | sed '/^$/d' | sort -u)
[[ -n $symbols ]] || bad "no module has a 'Needs:' line"
n=0
for off in $symbols; do
	grep -vx "$off" <<<"$symbols" | sed 's/$/=y/' >"$dir/config"
	printf '%s=y\n' $TEST_NEEDS >>"$dir/config"
	built=$(kbuild_objs "$mods" "$dir/config" | tr ' ' '\n' | sed -n 's/\.o$//p' | sort)
	example_table "$mods" "$dir/config" >"$dir/examples"
	skipped=$(unmet_names "$dir/examples")
	all=$(awk '{ print $2 }' "$dir/examples" | sort)
	expect=$(comm -23 <(echo "$all") <(echo "$skipped"))
	[[ $built == "$expect" ]] || bad "$off off: Kbuild builds [$(echo $built)], the guest would run [$(echo $expect)]"
	[[ -n $skipped ]] || bad "$off off: no example skipped"
	n=$((n + 1))
done
((fail)) || echo "ok: with each of $n needed symbols off, Kbuild and /test/examples agree"

# 2. A real build with symbols off on the command line.
if [[ ! -f $KBUILD/include/config/auto.conf || ! -f $KBUILD/Module.symvers ]]; then
	((fail)) && exit 1
	echo "# SKIP: no kernel built in ${KBUILD#"$LKMP_ROOT"/} (./build -a $ARCH)"
	exit 4
fi
sc=$dir/modules
mkdir "$sc"
cp "$mods"/{Kbuild,hello.c,debugfs.c,dep.c,dep2.c,dep.h,kprobe.c,netlink.c,netlink.h} "$sc/"
off=(CONFIG_KPROBES= CONFIG_NET=)
if ! kmake M="$sc" W=1 "${off[@]}" modules >"$dir/build.log" 2>&1; then
	bad "the build with ${off[*]} failed:"
	tail -n 20 "$dir/build.log"
fi
for m in hello debugfs dep dep2; do
	[[ -f $sc/$m.ko ]] || bad "$m.ko was not built with ${off[*]}"
done
for m in kprobe netlink; do
	[[ ! -e $sc/$m.ko && ! -e $sc/$m.o ]] || bad "$m was built with ${off[*]}"
done
((fail)) || echo "ok: with ${off[*]}, the build goes on without kprobe.ko and netlink.ko"

# The guest's view: the table for that config, and the runner's skip line.
grep -v -e '^CONFIG_KPROBES=' -e '^CONFIG_NET=' "$KBUILD/include/config/auto.conf" >"$dir/config"
mkdir "$dir/test"
example_table "$sc" "$dir/config" >"$dir/test/examples"
grep -qx 'kprobe kprobe CONFIG_KPROBES' "$dir/test/examples" || bad "/test/examples: $(grep kprobe "$dir/test/examples")"
grep -qx 'hello hello' "$dir/test/examples" || bad "/test/examples: $(grep hello "$dir/test/examples")"
printf '#!/bin/sh\necho "not ok 1 ran"; exit 1\n' >"$dir/test/kprobe.out"
chmod +x "$dir/test/kprobe.out"
out=$(LKMP_TEST_DIR=$dir/test sh "$LKMP_ROOT/tests/guest/run" kprobe 2>&1)
grep -qx 'ok 1 kprobe # SKIP needs CONFIG_KPROBES' <<<"$out" || bad "/test/run kprobe without CONFIG_KPROBES said: $out"
((fail)) || echo "ok: /test/run kprobe says: ok 1 kprobe # SKIP needs CONFIG_KPROBES"
exit $fail
