#!/usr/bin/env bash
# External modules (./build -M DIR, ./run -M DIR): a directory of two
# modules, one using the other's export, and a program built beside them,
# builds against this arch's kernel, loads at boot in order, reloads and
# unloads; real out-of-tree modules written by others (the sources of
# Debian 13's vpoll-dkms and lime-forensics-dkms) build the way dkms builds
# them and work in the guest; a broken module shows the compiler's
# file:line and keeps the previous build; a module that needs a kernel
# option we leave out is told which; bad directories get a clear error.
source "$(dirname "$0")/lib.sh"
source lib/sources.sh
work=$(mktemp -d)
trap 'rm -rf "$work" "$OUT"; rm -f "$ARCH_OUT/share/lkmp-ext.lime"' EXIT
pub=$ARCH_OUT/modules/ext

pair=$work/pair
mkdir -p "$pair"
cat >"$pair/Kbuild" <<-'KBUILD'
obj-m := pair_lib.o pair_user.o
userprogs-always-y += pair_prog
userccflags += -static
KBUILD
cat >"$pair/pair_lib.c" <<-'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
int pair_lib_value(void)
{
	return 42;
}
EXPORT_SYMBOL_GPL(pair_lib_value);
static int __init pair_lib_init(void)
{
	pr_info("pair_lib: init\n");
	return 0;
}
static void __exit pair_lib_exit(void)
{
	pr_info("pair_lib: exit\n");
}
module_init(pair_lib_init);
module_exit(pair_lib_exit);
MODULE_LICENSE("GPL");
C
user_c() {
	cat <<-C
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	int pair_lib_value(void);
	static int __init pair_user_init(void)
	{
		pr_info("pair_user: got %d ($1)\n", pair_lib_value());
		return 0;
	}
	static void __exit pair_user_exit(void)
	{
		pr_info("pair_user: exit\n");
	}
	module_init(pair_user_init);
	module_exit(pair_user_exit);
	MODULE_LICENSE("GPL");
	C
}
user_c v1 >"$pair/pair_user.c"
printf '#include <stdio.h>\nint main(void)\n{\n\tputs("pair_prog: hello");\n\treturn 0;\n}\n' >"$pair/pair_prog.c"

vpoll=$(dkms_source vpoll-dkms 2>/dev/null) || { echo "FAIL: could not fetch vpoll-dkms"; exit 1; }
lime=$(dkms_source lime-forensics-dkms 2>/dev/null) || { echo "FAIL: could not fetch lime-forensics-dkms"; exit 1; }

# ./new-module -o: a module and its standalone test, as generated.
gen=$work/lkmp_gen
./new-module -a "$ARCH" -o "$gen" lkmp_gen >/dev/null 2>&1 || echo "FAIL: ./new-module -o"

./build -a "$ARCH" -k -M "$pair" -M "$vpoll" -M "$lime" -M "$gen" </dev/null >"$OUT" 2>&1
st=$?
expect "./build -M: the pair, vpoll, lime and ./new-module's build" [ "$st" = 0 ]
expect "... published: two modules and the program" eval '[ -f "$pub/pair/pair_lib.ko" ] && [ -f "$pub/pair/pair_user.ko" ] && [ -x "$pub/pair/pair_prog" ]'
expect "... in build order (modules.order)" [ "$(tr '\n' ' ' <"$pub/pair/modules.order" 2>/dev/null)" = "pair_lib pair_user " ]
expect "... vpoll.ko and lime.ko, named by their dkms.conf" eval '[ -f "$pub/vpoll/vpoll.ko" ] && [ -f "$pub/lime-forensics/lime.ko" ]'
expect "... no object files in the source directory" eval '[ -z "$(find "$pair" -name "*.o" -o -name "*.ko")" ]'
good=$(sha256sum "$pub/pair/pair_user.ko" 2>/dev/null)

mkdir -p "$ARCH_OUT/share"
rm -f "$ARCH_OUT/share/lkmp-ext.lime"
# The dump goes to the exchange share where the arch has one (mips64 has
# a single share slot, /mnt/modules: there it goes to /dev/null).
source lib/qemu.sh
dump=/dev/null
if share_names | grep -qx share; then dump=/mnt/share/lkmp-ext.lime; fi
guest st -s -m 128M -M "$pair" -M "$vpoll" -M "$gen" -E 'sh /ext/lkmp_gen/lkmp_gen.sh | sed "s/^/gen: /"
lsmod | awk "{ print \"loaded:\", \$1 }"
dmesg | grep -E "pair_(lib: init|user: got)" | sed "s/^\[[^]]*\] /log: /"
/ext/pair/pair_prog
[ -c /dev/vpoll ] && echo "vpoll: /dev/vpoll"
insmod /ext/lime-forensics/lime.ko "path='"$dump"' format=lime" && echo "lime: dumped" && rmmod lime
reload pair_lib >/dev/null && echo "reload: $(lsmod | grep -c "^pair_")"
sleep 30 </dev/vpoll & holder=$!; usleep 200000
reload vpoll; echo "reload in use: $? $(lsmod | grep -c "^vpoll ")"; kill $holder; wait $holder 2>/dev/null
rmmod pair_user pair_lib vpoll && echo "unloaded: $(lsmod | grep -cE "^(pair_|vpoll)")"'
expect "./run -M: the guest ran" [ "$st" = 0 ]
expect "... loaded the pair and vpoll at boot" eval 'saw "^loaded: pair_user" && saw "^loaded: pair_lib" && saw "^loaded: vpoll"'
expect "... pair_lib before pair_user, which called it" eval 'tr -d "\r" <"$OUT" | grep "^log: pair_" | head -n 2 | tr "\n" " " | grep -qx "log: pair_lib: init log: pair_user: got 42 (v1) "'
expect "... the program built beside them runs" saw '^pair_prog: hello'
expect "./new-module -o: its module passes its test as generated" eval 'saw "^gen: ok 14 " && ! saw "^gen: not ok"'
expect "vpoll (vpoll-dkms): /dev/vpoll" saw '^vpoll: /dev/vpoll'
expect "lime (lime-forensics-dkms): dumped guest memory" saw '^lime: dumped'
# A LiME file: ranges, each a 32-byte header ("EMiL", version 1, start, end).
hdr=$(od -An -tx1 -N8 "$ARCH_OUT/share/lkmp-ext.lime" 2>/dev/null | tr -d ' \n')
[ "$dump" = /dev/null ] ||
	expect "... the host reads its LiME header (magic EMiL, version 1): $hdr" [ "$hdr" = 454d694c01000000 ]
expect "reload pair_lib: pair_user unloaded first, both loaded again" saw '^reload: 2'
expect "reload of a module in use: refused, saying why; the module stays" eval 'saw "^reload: cannot unload vpoll" && saw "^reload in use: 1 1"'
expect "rmmod: all unloaded" saw '^unloaded: 0'

# A broken module: the compiler's error at the user's file:line; the
# published build stays.
user_c v2 | sed 's/return 0;/return 0/' >"$pair/pair_user.c"
./build -a "$ARCH" -k -M "$pair" </dev/null >"$OUT" 2>&1
st=$?
line=$(grep -n 'return 0$' "$pair/pair_user.c" | head -n 1 | cut -d: -f1)
expect "a broken module fails the build" [ "$st" != 0 ]
expect "... with the compiler's error at $pair/pair_user.c:$line" saw "^$pair/pair_user\.c:$line:[0-9]+: error:"
expect "... and says the previous build is kept" saw 'its previous build in .* is kept'
expect "... which it is" [ "$(sha256sum "$pub/pair/pair_user.ko" 2>/dev/null)" = "$good" ]

# A module of a subsystem this config leaves out (device mapper).
needs=$work/needdm
mkdir -p "$needs"
echo 'obj-m := needdm.o' >"$needs/Kbuild"
cat >"$needs/needdm.c" <<-'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/device-mapper.h>
static struct target_type needdm_target = {
	.name = "needdm",
	.module = THIS_MODULE,
};
static int __init needdm_init(void)
{
	return dm_register_target(&needdm_target);
}
module_init(needdm_init);
MODULE_LICENSE("GPL");
C
if grep -q '^CONFIG_BLK_DEV_DM=[ym]' "$ARCH_OUT/kernel/.config"; then
	echo "# this kernel has CONFIG_BLK_DEV_DM: no missing option to name"
else
	./build -a "$ARCH" -k -M "$needs" </dev/null >"$OUT" 2>&1
	st=$?
	expect "a module using device mapper fails to build" [ "$st" != 0 ]
	expect "... modpost names dm_register_target undefined, and we name its file" saw '"dm_register_target" is undefined; drivers/md/dm-target\.c exports it'
	expect "... and the options, with the ./build line that adds them" saw "^build:   \./build -a $ARCH -c CONFIG_MD=y -c CONFIG_BLK_DEV_DM=y\$"
fi

# Bad input.
./build -a "$ARCH" -k -M "$work/nosuch" </dev/null >"$OUT" 2>&1
st=$?
expect "-M a missing directory: usage error" eval '[ "$st" = 2 ] && saw "no such directory: $work/nosuch"'
mkdir -p "$work/plain"
echo 'all:' >"$work/plain/Makefile"
./build -a "$ARCH" -k -M "$work/plain" </dev/null >"$OUT" 2>&1
st=$?
expect "-M a directory without a Kbuild makefile: usage error" eval '[ "$st" = 2 ] && saw "no Kbuild makefile there"'
spaced="$work/my modules/pair two"
mkdir -p "$spaced" && cp "$pair/Kbuild" "$pair"/pair_lib.c "$pair/pair_prog.c" "$spaced/" && user_c v3 >"$spaced/pair_user.c"
./build -a "$ARCH" -k -M "$spaced" </dev/null >"$OUT" 2>&1
st=$?
expect "-M a path with spaces builds (in a copy without them)" eval '[ "$st" = 0 ] && [ -f "$pub/pair_two/pair_user.ko" ]'
# What this check published leaves the rootfs again.
for n in pair pair_two needdm lkmp_gen vpoll lime-forensics; do rm -rf "${pub:?}/$n" "$ARCH_OUT/ext-build/$n"*; done
rm -rf "$ARCH_OUT/ext-build/dkms/vpoll" "$ARCH_OUT/ext-build/dkms/lime-forensics"
./build -a "$ARCH" -k </dev/null >/dev/null 2>&1 || echo "FAIL: ./build -k after the check"
exit $fail
