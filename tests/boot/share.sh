#!/usr/bin/env bash
# The 9P shares of ./run: this arch's module and userland builds at
# /mnt/modules and /mnt/userland (read-only), the exchange dir out/ARCH/share
# both ways, -S DIR at /mnt/host; --no-share mounts none. And the edit loop:
# a module rebuilt on the host while the guest runs is reloaded (reload)
# with its new code.
source "$(dirname "$0")/lib.sh"
source lib/build.sh
KBUILD=$ARCH_OUT/kernel
work=$(mktemp -d)
trap 'rm -rf "$work" "$OUT"; [[ -z ${pid:-} ]] || kill "$pid" 2>/dev/null' EXIT
source lib/qemu.sh
names=$(share_names | sort | tr '\n' ' ')
has_share() { [[ " $names" == *" $1 "* ]]; }
mkdir -p "$ARCH_OUT/share"
echo "from-host-$$" >"$ARCH_OUT/share/lkmp-check"
rm -f "$ARCH_OUT/share/lkmp-check-guest"
guest st -s -E 'mount | grep " type 9p " | cut -d" " -f1,3 | sort | tr "\n" " "; echo
if [ -d /mnt/share ]; then cat /mnt/share/lkmp-check; echo from-guest >/mnt/share/lkmp-check-guest; fi
test -f /mnt/modules/hello.ko && echo modules-seen
test -x /mnt/userland/poweroff.out && echo userland-seen
touch /mnt/modules/x 2>/dev/null || echo modules-read-only'
expect "boots with the shares" [ "$st" = 0 ]
want=$(for n in $names; do printf 'lkmp-%s /mnt/%s ' "$n" "$n"; done)
expect "the shares are mounted: ${names% }" saw "^$want\r?\$"
if has_share share; then
	expect "host -> guest through out/ARCH/share" saw "^from-host-$$"
	expect "guest -> host through out/ARCH/share" [ "$(cat "$ARCH_OUT/share/lkmp-check-guest" 2>/dev/null)" = from-guest ]
fi
expect "the guest sees this arch's module build" saw '^modules-seen'
has_share userland && expect "... and its userland build" saw '^userland-seen'
expect "... read-only" saw '^modules-read-only'
rm -f "$ARCH_OUT/share/lkmp-check" "$ARCH_OUT/share/lkmp-check-guest"

guest st -s --no-share -E 'mount | grep -c " type 9p "'
expect "--no-share: no 9P mount" eval '[ "$st" != 0 ] && saw "^0\r?$"'

# A share that cannot be mounted (a mount option 9P refuses): a clear
# message, and the guest goes on.
guest st -s -e lkmp_cache=bogus -E 'echo "alive: $(mount | grep -c " type 9p ")"'
expect "a share that cannot be mounted: init says which" saw 'lkmp: could not mount the host.s share lkmp-modules at /mnt/modules'
expect "... and the guest runs on" eval '[ "$st" = 0 ] && saw "^alive: 0"'

# The edit loop, on a module of the host's (-S DIR): version 1 is loaded,
# rebuilt as version 2 while the guest runs, reloaded.
mod=$work/mod
mkdir -p "$mod"
echo 'obj-m := lkmp_share_check.o' >"$mod/Kbuild"
build_mod() {
	cat >"$mod/lkmp_share_check.c" <<-C
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	static int __init lkmp_share_check_init(void)
	{
		pr_info("lkmp_share_check: version $1\n");
		return 0;
	}
	static void __exit lkmp_share_check_exit(void)
	{
	}
	module_init(lkmp_share_check_init);
	module_exit(lkmp_share_check_exit);
	MODULE_LICENSE("GPL");
	C
	kmake M="$mod" modules >"$work/build.log" 2>&1
}
ccache_env
build_mod 1 || { cat "$work/build.log"; exit 1; }
./run -a "$ARCH" -s -t 180 -S "$mod" -E 'export LKMP_RELOAD_DIR=/mnt/host
reload lkmp_share_check; echo "loaded: $(dmesg | grep -o "version [0-9]" | tail -n 1)"
touch /mnt/host/go; while [ ! -e /mnt/host/rebuilt ]; do usleep 50000; done
reload lkmp_share_check; echo "reloaded: $(dmesg | grep -o "version [0-9]" | tail -n 1)"
reload nosuch; echo "unknown: $?"' </dev/null >"$OUT" 2>&1 &
pid=$!
i=0
while [[ ! -e $mod/go ]] && ((i++ < 1200)); do sleep 0.1; done
build_mod 2 && touch "$mod/rebuilt"
wait "$pid"
st=$? pid=""
expect "edit loop: the guest ran" [ "$st" = 0 ]
expect "edit loop: version 1 loaded from -S DIR" saw '^loaded: version 1'
expect "edit loop: rebuilt on the host, reloaded: version 2" saw '^reloaded: version 2'
expect "reload of an unknown module: a clear error" eval 'saw "reload: no module nosuch in /mnt/host" && saw "^unknown: 1"'
exit $fail
