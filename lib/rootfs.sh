# shellcheck shell=bash
# The root filesystem: a staging tree assembled from BusyBox, our overlay,
# userland, tests and modules, then packed as an ext4 disk and a cpio archive.

kernel_release() { cat "$KBUILD/include/config/kernel.release"; }

assemble_rootfs() {
	local st=$1 krel mods
	krel=$(kernel_release)
	rm -rf "$st" && mkdir -p "$st"
	cp -a "$ARCH_OUT/busybox/_install/." "$st/"
	cp -a "$LKMP_ROOT/rootfs/overlay/." "$st/"
	find "$st" -name .keep -delete
	mkdir -p "$st"/{proc,sys,dev,tmp,mnt/9p,run,var/log,test,usr/share/udhcpc} "$st/lib/modules/$krel"
	cp "$BUSYBOX_SRC/examples/udhcp/simple.script" "$st/usr/share/udhcpc/default.script"
	chmod +x "$st/usr/share/udhcpc/default.script"
	# Userland programs at /NAME.out and /NAME.sh; tests in /test.
	cp "$ARCH_OUT"/userland/*.out "$LKMP_ROOT"/user/*.sh "$st/"
	cp "$ARCH_OUT"/userland/test/*.out "$st/test/" 2>/dev/null || true
	install_dynamic "$st"
	cp "$LKMP_ROOT"/tests/guest/*.sh "$LKMP_ROOT"/tests/guest/run{,-lib} "$st/test/"
	# Executable whatever the checkout's modes: headers say "Test: /test/NAME.sh".
	chmod 755 "$st"/test/*.sh "$st"/test/*.out "$st/test/run" 2>/dev/null || true
	chmod 644 "$st/test/lib.sh"
	example_table "$LKMP_ROOT/modules" "$KBUILD/include/config/auto.conf" >"$st/test/examples"
	stress_table "$LKMP_ROOT/modules" >"$st/test/stress"
	# Modules under /lib/modules/RELEASE/extra (depmod runs, so modprobe works),
	# and /NAME.ko links for insmod.
	cp "$KBUILD"/modules.builtin* "$KBUILD/modules.order" "$st/lib/modules/$krel/" 2>/dev/null || true
	install_ext "$st" "$krel" # before modules_install, whose depmod then covers them
	kmake M="$ARCH_OUT/modules" INSTALL_MOD_PATH="$st" INSTALL_MOD_DIR=extra \
		INSTALL_MOD_STRIP=1 modules_install >/dev/null
	for mods in "$st/lib/modules/$krel/extra"/*.ko; do
		ln -s "/lib/modules/$krel/extra/${mods##*/}" "$st/${mods##*/}"
	done
}

# What every guest test needs besides its modules' "Needs:" lines: it
# unloads its module.
TEST_NEEDS="CONFIG_MODULE_UNLOAD"
# example_table MODULES-DIR CONFIG: the guest runner's /test/examples, one
# line per module, "TEST MODULE [CONFIG_X...]": the test its header's "Test:"
# line names, and the symbols of its "Needs:" line (modules/Kbuild reads the
# same line) and of TEST_NEEDS that CONFIG (auto.conf) has neither y nor m.
# /test/run unloads a test's modules if left loaded, and skips the test when
# one of them lacks a symbol.
example_table() {
	local dir=$1 config=$2 set line file name key rest sym unmet
	local -A test=() needs=()
	set=" $(sed -nE 's/^(CONFIG_[A-Za-z0-9_]+)=[ym]$/\1/p' "$config" | tr '\n' ' ') "
	# One grep for all headers: "DIR/NAME.c: * Test:   /test/T.sh (...)".
	while IFS= read -r line; do
		file=${line%%: \**} name=${file##*/} name=${name%.c}
		read -r key rest <<<"${line#*: \* }"
		if [[ $key == Test: ]]; then
			rest=${rest%% *} rest=${rest#/test/} test[$name]=${rest%.*}
		else
			needs[$name]=$rest
		fi
	done < <(grep -E '^ \* (Test|Needs):' "$dir"/*.c)
	for file in "$dir"/*.c; do
		name=${file##*/} name=${name%.c}
		[[ $name == *.mod ]] && continue
		unmet=""
		for sym in ${needs[$name]:-} $TEST_NEEDS; do
			[[ $set == *" $sym "* ]] || unmet+=" $sym"
		done
		echo "${test[$name]:-$name} $name$unmet"
	done
}

# stress_table MODULES-DIR: the guest's /test/stress, read by the stress and
# fuzz tests (doc/testing.md, "Stress and bad input"): one line per module
# whose header has a "Stress:" line, "MODULE MODE REST": MODE skip (neither
# loaded again and again nor fuzzed) or no-fuzz (not fuzzed), REST the
# reason; or MODE args, REST the words modprobe gets (the guest's shell
# expands them).
stress_table() {
	grep -E '^ \* Stress:' "$1"/*.c | sed -E 's|^(.*/)?([^/]*)\.c: \* Stress: *([a-z-]+):? *|\2 \3 |'
}

# The C library (loader and the libraries our dynamic programs need) and
# gdbserver, from the arch's LIBC_ROOT, at the same paths in the guest.
install_dynamic() {
	local st=$1 f
	[[ -n ${LIBC_ROOT:-} ]] || return 0
	if [[ -n $GDBSERVER ]]; then # empty: the arch has no gdbserver
		[[ -f $GDBSERVER ]] || die "no gdbserver for $ARCH at $GDBSERVER; install it with: ./setup -a $ARCH"
		mkdir -p "$st/usr/bin"
		cp "$GDBSERVER" "$st/usr/bin/gdbserver"
	fi
	mkdir -p "$st/$(dirname "$DYNAMIC_LOADER")"
	cp -L "$LIBC_ROOT/$DYNAMIC_LOADER" "$st/$DYNAMIC_LOADER"
	for f in "$st/usr/bin/gdbserver" "$st"/*.dyn.out; do
		if [[ -f $f ]]; then copy_needed_libs "$st" "$f"; fi
	done
}
copy_needed_libs() { # STAGING ELF: copy its DT_NEEDED libraries, recursively
	local st=$1 lib d found
	for lib in $(readelf -d "$2" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		found=""
		for d in $LIBC_DIRS; do
			[[ -e $st/$d/$lib ]] && { found=1; break; }
			if [[ -e $LIBC_ROOT/$d/$lib ]]; then
				mkdir -p "$st/$d"
				cp -L "$LIBC_ROOT/$d/$lib" "$st/$d/$lib"
				copy_needed_libs "$st" "$st/$d/$lib"
				found=1
				break
			fi
		done
		[[ -n $found ]] || die "$lib (needed by ${2##*/}) is in none of $LIBC_DIRS under $LIBC_ROOT"
	done
}

# A hash of the tree's names, modes, link targets and file contents.
tree_hash() {
	(cd "$1" && { find . -printf '%p %m %l\n' | sort; find . -type f -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)
}

# Never replace a disk the guest changed without keeping it.
keep_modified_disk() {
	local img=$1 stamp=$1.stamp bak
	[[ -f $img ]] || return 0
	[[ -f $stamp && $(stat -c '%Y %s' "$img") == "$(cat "$stamp")" ]] && return 0
	bak=$img.bak-$(date +%Y%m%d-%H%M%S)
	mv "$img" "$bak"
	log "the guest changed $img since it was built: kept it as $bak"
}

pack_rootfs() {
	local st=$1 images=$2 kb size
	kb=$(du -sk "$st" | cut -f1)
	size=$((kb * 5 / 4 + 65536)) # room for what the guest writes
	# fakeroot: files owned by root (user0 owns its home), a console node,
	# all without privileges.
	run fakeroot -- sh -c '
		set -e
		chown -R 0:0 "$1" && chown -R 1000:1000 "$1/home/user0"
		chmod 600 "$1/etc/shadow"
		mknod -m 600 "$1/dev/console" c 5 1
		mke2fs -q -F -t ext4 -L lkmp -d "$1" "$2/rootfs.ext4.tmp" "$3k" >/dev/null
		(cd "$1" && find . | cpio --quiet -o -H newc) >"$2/rootfs.cpio.tmp"
	' sh "$st" "$images" "$size"
	keep_modified_disk "$images/rootfs.ext4"
	mv "$images/rootfs.ext4.tmp" "$images/rootfs.ext4"
	mv "$images/rootfs.cpio.tmp" "$images/rootfs.cpio"
	stat -c '%Y %s' "$images/rootfs.ext4" >"$images/rootfs.ext4.stamp"
}

stage_rootfs() {
	local st=$ARCH_OUT/rootfs images=$ARCH_OUT/images hash
	mkdir -p "$images"
	assemble_rootfs "$st"
	hash=$(tree_hash "$st")
	if [[ -f $images/rootfs.ext4 && -f $images/rootfs.cpio && $(cat "$images/rootfs.hash" 2>/dev/null) == "$hash" ]]; then
		log "rootfs unchanged"
		return 0
	fi
	pack_rootfs "$st" "$images"
	echo "$hash" >"$images/rootfs.hash"
}

# -I: link the cpio into the kernel as its initramfs (images/NAME.initramfs),
# then link the plain kernel again, so out/ARCH/kernel/vmlinux (what GDB
# reads) keeps matching the images ./run boots by default.
stage_initramfs() {
	local images=$ARCH_OUT/images cfg=$KERNEL_SRC/scripts/config
	run "$cfg" --file "$KBUILD/.config" --set-str INITRAMFS_SOURCE "$images/rootfs.cpio"
	kmake olddefconfig >/dev/null
	kmake $KERNEL_TARGETS || die "initramfs kernel build failed"
	ln -f "$KBUILD/$KERNEL_IMAGE" "$images/$KERNEL_IMAGE_NAME.initramfs"
	run "$cfg" --file "$KBUILD/.config" --set-str INITRAMFS_SOURCE ""
	kmake olddefconfig >/dev/null
	kmake $KERNEL_TARGETS || die "kernel relink failed"
	publish_kernel
}
