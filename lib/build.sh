# shellcheck shell=bash
# Build stages. Each writes into $ARCH_OUT and records its time.

KERNEL_SRC=${LKMP_KERNEL_SRC:-$LKMP_OUT/src/linux}
BUSYBOX_SRC=$LKMP_OUT/src/busybox

jobs() { printf '%s' "${LKMP_JOBS:-$(nproc)}"; }
kmake() {
	run make -C "$KERNEL_SRC" O="$KBUILD" ARCH="$KERNEL_ARCH" \
		CROSS_COMPILE="$CROSS_COMPILE" CC="ccache ${CROSS_COMPILE}gcc" \
		HOSTCC="ccache gcc" -j"$(jobs)" "$@"
}

# Run one stage: print its name, time it, append it to the breakdown.
STAGE_TIMES=()
stage() {
	local name=$1 t0 ms
	shift
	log "== $name"
	t0=$(now_ms)
	"$@"
	ms=$(($(now_ms) - t0))
	STAGE_TIMES+=("$name $ms")
	log "== $name done in $(fmt_ms "$ms")"
}
write_breakdown() {
	local total=0 line
	{
		printf '# stage ms (./build %s, %s)\n' "$*" "$(date -Is)"
		for line in "${STAGE_TIMES[@]}"; do
			printf '%s\n' "$line"
			total=$((total + ${line##* }))
		done
		printf 'total %d\n' "$total"
	} >"$ARCH_OUT/build-times.txt"
	log "total $(fmt_ms "$total"); breakdown in ${ARCH_OUT#"$LKMP_ROOT"/}/build-times.txt"
}

stage_sources() {
	[[ -n ${LKMP_KERNEL_SRC:-} ]] || source_tree linux-source-6.12 "$KERNEL_SRC" "$LKMP_ROOT/kernel/patches"
	source_tree busybox "$BUSYBOX_SRC"
}

# The fragments of this build, in merge order.
config_fragments() {
	local f
	for f in base virtio 9p debug kgdb tracing; do echo "$LKMP_ROOT/kernel/$f.config"; done
	echo "$LKMP_ROOT/kernel/$KERNEL_FRAGMENT"
	case ${LKMP_VARIANT:-} in
	debug) for f in debug-kernel ${DEBUG_FRAGMENTS:-}; do echo "$LKMP_ROOT/kernel/$f.config"; done ;;
	kcsan) echo "$LKMP_ROOT/kernel/kcsan.config" ;;
	esac
	for f in ${EXTRA_FRAGMENTS:-}; do echo "$f"; done
}
# A hash of everything the kernel config is made from.
config_inputs_hash() {
	{
		echo "$ARCH $KERNEL_BASE ${USER_CONFIG:-}"
		[[ -n ${USER_CONFIG:-} ]] && cat "$USER_CONFIG"
		config_fragments | xargs -d '\n' cat
		printf '%s\n' "${CONFIG_OPTS[@]}"
	} | sha256sum | cut -d' ' -f1
}
# Fail naming every requested symbol whose value did not reach .config.
check_config() {
	local frag line sym val bad=()
	while read -r frag; do
		while IFS= read -r line; do
			if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
				sym=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
				grep -qxF "$sym=$val" "$KBUILD/.config" || bad+=("$sym=$val (${frag##*/})")
			elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set ]]; then
				sym=${BASH_REMATCH[1]}
				! grep -q "^$sym=" "$KBUILD/.config" || bad+=("$sym off (${frag##*/})")
			fi
		done <"$frag"
	done
	((${#bad[@]} == 0)) || die "requested kernel options did not reach .config (missing dependency?): ${bad[*]}"
}
stage_kernel_config() {
	local hash extra=$KBUILD/lkmp-cmdline.config
	hash=$(config_inputs_hash)
	if [[ -z ${FORCE_KERNEL:-} && -f $KBUILD/.config && $(cat "$KBUILD/.lkmp-config-hash" 2>/dev/null) == "$hash" ]]; then
		log "kernel config unchanged"
		return 0
	fi
	mkdir -p "$KBUILD"
	[[ -f $KBUILD/.config ]] && cp "$KBUILD/.config" "$KBUILD/.config.good"
	printf '%s\n' "${CONFIG_OPTS[@]}" >"$extra"
	if ! configure_kernel "$extra"; then
		[[ -f $KBUILD/.config.good ]] && mv "$KBUILD/.config.good" "$KBUILD/.config"
		die "kernel configuration failed; the previous .config is kept"
	fi
	echo "$hash" >"$KBUILD/.lkmp-config-hash"
	KERNEL_CONFIG_CHANGED=1
}
configure_kernel() {
	local extra=$1 frags
	if [[ -n ${USER_CONFIG:-} ]]; then
		run cp "$USER_CONFIG" "$KBUILD/.config"
		frags=("$extra")
	else
		kmake "$KERNEL_BASE" >/dev/null
		# Copied into the build dir: the record of what was merged, and
		# paths without spaces (merge_config.sh splits its list on them).
		rm -rf "$KBUILD/fragments" && mkdir -p "$KBUILD/fragments"
		frags=()
		local f i=0
		while read -r f; do
			i=$((i + 1))
			cp "$f" "$KBUILD/fragments/$i-${f##*/}"
			frags+=("$KBUILD/fragments/$i-${f##*/}")
		done < <(config_fragments)
		frags+=("$extra")
	fi
	(cd "$KBUILD" && run env ARCH="$KERNEL_ARCH" "$KERNEL_SRC/scripts/kconfig/merge_config.sh" \
		-m -O "$KBUILD" "$KBUILD/.config" "${frags[@]}") >"$KBUILD/merge.log" 2>&1 ||
		{ cat "$KBUILD/merge.log" >&2; return 1; }
	kmake olddefconfig >/dev/null
	printf '%s\n' "${frags[@]}" | check_config
}

# The extracted tree's stamp (tarball and kernel/patches checksums; empty for
# a tree of your own): a kernel built from another one is rebuilt.
source_stamp() { cat "$KERNEL_SRC/.git/lkmp-source" 2>/dev/null || true; }
stage_kernel() {
	local images=$ARCH_OUT/images
	if [[ -z ${FORCE_KERNEL:-} && -z ${KERNEL_CONFIG_CHANGED:-} && -f $images/$KERNEL_IMAGE_NAME &&
		$(cat "$KBUILD/.lkmp-source-built" 2>/dev/null) == "$(source_stamp)" ]]; then
		log "kernel up to date (./build -l rebuilds it)"
		editor_kernel || true
		return 0
	fi
	kmake $KERNEL_TARGETS modules scripts_gdb ||
		die "kernel build failed; the previous kernel in ${images#"$LKMP_ROOT"/} is kept"
	source_stamp >"$KBUILD/.lkmp-source-built"
	publish_kernel
	editor_kernel || true
}
# Put the kernel images where ./run and GDB take them. Hard links: the next
# kernel link writes a new file, these stay intact.
publish_kernel() {
	local images=$ARCH_OUT/images
	mkdir -p "$images"
	ln -f "$KBUILD/$KERNEL_IMAGE" "$images/$KERNEL_IMAGE_NAME"
	ln -f "$KBUILD/vmlinux" "$images/vmlinux.debug" 2>/dev/null || true
	# System.map is rewritten in place by the next link: copy it.
	cp -f "$KBUILD/System.map" "$images/System.map.tmp" && mv "$images/System.map.tmp" "$images/System.map"
}

busybox_make() {
	run make -C "$BUSYBOX_SRC" O="$ARCH_OUT/busybox" CROSS_COMPILE="$CROSS_COMPILE" \
		CC="ccache ${CROSS_COMPILE}gcc" HOSTCC="ccache gcc" -j"$(jobs)" "$@"
}
stage_busybox() {
	local bb=$ARCH_OUT/busybox hash
	hash=$(echo "$CROSS_COMPILE${BUSYBOX_CFLAGS:+ $BUSYBOX_CFLAGS}" | cat - "$LKMP_ROOT/rootfs/busybox.config" | sha256sum | cut -d' ' -f1)
	if [[ -x $bb/_install/bin/busybox && $(cat "$bb/.lkmp-hash" 2>/dev/null) == "$hash" ]]; then
		log "busybox up to date"
		return 0
	fi
	mkdir -p "$bb"
	busybox_make defconfig >/dev/null
	# Our changes to the defconfig: static, and what we turn off.
	merge_busybox_config "$bb/.config" "$LKMP_ROOT/rootfs/busybox.config"
	# The arch's own compiler flags (BUSYBOX_CFLAGS in arch/ARCH.conf).
	if [[ -n ${BUSYBOX_CFLAGS:-} ]]; then
		merge_busybox_config "$bb/.config" <(printf 'CONFIG_EXTRA_CFLAGS="%s"\n' "$BUSYBOX_CFLAGS")
	fi
	busybox_make oldconfig </dev/null >/dev/null
	busybox_make >"$bb/build.log" 2>&1 || { tail -n 30 "$bb/build.log" >&2; die "busybox build failed (log: $bb/build.log)"; }
	rm -rf "$bb/_install"
	busybox_make install >/dev/null
	echo "$hash" >"$bb/.lkmp-hash"
}
# BusyBox has no merge_config.sh: replace each symbol's line by ours.
merge_busybox_config() {
	local config=$1 frag=$2 sym line
	while IFS= read -r line; do
		[[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=|^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set ]] || continue
		sym=${BASH_REMATCH[1]:-${BASH_REMATCH[2]}}
		sed -i -e "/^$sym=/d" -e "/^# $sym is not set/d" "$config"
		printf '%s\n' "$line" >>"$config"
	done <"$frag"
}

# Modules are built in a per-arch copy of modules/, so arches never mix objects.
stage_modules() {
	local mb=$ARCH_OUT/modules
	mkdir -p "$mb"
	rsync -a --delete --filter='P *.o' --filter='P *.ko' --filter='P *.mod*' \
		--filter='P .*.cmd' --filter='P Module.symvers' --filter='P modules.order' \
		--filter='P .tmp*' --filter='P .module-common.o' --filter="P /${EXT_OUT_SUBDIR:-ext}/" \
		--filter='P /mutants/' \
		--exclude=/compile_commands.json --exclude=/.clangd --exclude=/.cache/ \
		"$LKMP_ROOT/modules/" "$mb/"
	modules_make "$mb" module
	build_mutants "$mb"
	editor_files "$mb" "$LKMP_ROOT/modules" || true
}
# modules_make DIR WHAT [MAKE_ARGS...]: build the Kbuild dir DIR (WHAT names
# it in the errors); fail on an error or a W=1 warning, showing them.
modules_make() {
	local dir=$1 what=$2
	shift 2
	kmake M="$dir" W=1 "$@" modules >"$dir/build.log" 2>&1 || { grep -E 'error|warning' "$dir/build.log" >&2 || tail -n 30 "$dir/build.log" >&2; die "$what build failed (log: ${dir#"$LKMP_ROOT"/}/build.log)"; }
	if grep -q 'warning:' "$dir/build.log"; then
		grep 'warning:' "$dir/build.log" >&2
		die "$what build has warnings (W=1 must be clean)"
	fi
}

# The mutants (doc/testing.md, "Mutations"): each example built above that
# has an "#if...LKMP_MUTATION" is built again with -DLKMP_MUTATION, in a copy
# of its own (out/ARCH/mutants), and published in MB/mutants (the guest's
# /mnt/modules/mutants; never in the rootfs), with "list": one line per
# mutant, "NAME CPUS", the CPUs its test needs to catch it (its header's
# "Mutation: ... (needs N CPUs)"; 1 without). Skipped when none of its
# inputs changed (those sources, modules/'s Kbuild and headers, the
# kernel's config, release and symbols): an edit of another module costs a
# grep and a hash.
build_mutants() {
	local mb=$1 md=$ARCH_OUT/mutants pub=$1/mutants names=() srcs=() f name hash
	while IFS= read -r f; do
		name=${f##*/} name=${name%.c}
		[[ -f $mb/$name.ko ]] || continue # not built: its Needs: are not met
		names+=("$name") srcs+=("$f")
	done < <(grep -lE '^#if.*\bLKMP_MUTATION\b' "$LKMP_ROOT"/modules/*.c)
	hash=$(cat "$LKMP_ROOT"/modules/{Kbuild,*.h} ${srcs[@]+"${srcs[@]}"} "$KBUILD/include/config/kernel.release" \
		"$KBUILD/include/generated/autoconf.h" "$KBUILD/Module.symvers" | sha256sum | cut -d' ' -f1)
	if [[ $(cat "$pub/.lkmp-hash" 2>/dev/null) == "$hash" ]]; then
		log "mutants up to date"
		return 0
	fi
	rm -rf "$pub.new" && mkdir -p "$md" "$pub.new"
	if ((${#names[@]})); then
		# modules/'s Kbuild, headers and the mutants' sources, times kept (make
		# rebuilds only what changed).
		find "$md" -maxdepth 1 -name '*.c' ! -name '*.mod.c' -delete
		cp -p "$LKMP_ROOT"/modules/{Kbuild,*.h} "${srcs[@]}" "$md/"
		modules_make "$md" mutant KCFLAGS=-DLKMP_MUTATION
		for name in "${names[@]}"; do
			cp "$md/$name.ko" "$pub.new/"
			f=$(sed -nE 's/^ \* Mutation:.*\(needs ([0-9]+) CPUs\)$/\1/p' "$LKMP_ROOT/modules/$name.c")
			echo "$name ${f:-1}" >>"$pub.new/list"
		done
	fi
	touch "$pub.new/list"
	echo "$hash" >"$pub.new/.lkmp-hash"
	rm -rf "$pub" && mv "$pub.new" "$pub"
	log "mutants: ${names[*]:-none} -> ${pub#"$LKMP_ROOT"/} (in the guest: /mnt/modules/mutants)"
}

stage_userland() {
	run make -s -C "$LKMP_ROOT/user" O="$ARCH_OUT/userland" CC="ccache ${CROSS_COMPILE}gcc" -j"$(jobs)"
}
