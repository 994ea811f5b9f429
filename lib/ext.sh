# shellcheck shell=bash
# External module directories: ./build -M DIR, ./run -M DIR. DIR is any
# Kbuild directory as written for "make -C KDIR M=DIR" (a Kbuild file, or a
# Makefile with obj- lines), or a DKMS source tree (/usr/src/NAME-VERSION
# with its dkms.conf), built the way dkms builds it. Each is built against
# this arch's kernel in a copy, out/ARCH/ext-build/NAME, so arches never mix
# objects and DIR gets no object files. A build that succeeds is published
# to out/ARCH/modules/ext/NAME: its .ko files, the programs built beside them
# and modules.order. The running guest sees that at /mnt/modules/ext/NAME
# (reload NAME), the next rootfs has it at /ext/NAME, with the modules under
# /lib/modules/RELEASE/extra/NAME for modprobe. A build that fails shows the
# compiler's messages with DIR's paths, names the kernel options a missing
# symbol needs (lib/kconfig.sh), and leaves the published build as it was.

EXT_DIRS=()
# The dkms.conf settings we read (ext_dkms_conf) and clear between trees.
EXT_DKMS_VARS=(PACKAGE_NAME PACKAGE_VERSION MAKE BUILT_MODULE_NAME BUILT_MODULE_LOCATION
	BUILD_EXCLUSIVE_KERNEL BUILD_EXCLUSIVE_KERNEL_MIN BUILD_EXCLUSIVE_KERNEL_MAX
	BUILD_EXCLUSIVE_ARCH BUILD_EXCLUSIVE_CONFIG)
EXT_OUT_SUBDIR=ext # out/ARCH/modules/ext: what the guest and the rootfs get

# ext_add DIR [FROM]: check DIR and remember it. From lkmp.args (FROM), a
# relative DIR is relative to the clone.
ext_add() {
	local d=$1
	[[ ${2:-} == lkmp.args && $d != /* ]] && d=$LKMP_ROOT/$d
	[[ -e $d ]] || usage_error "-M: no such directory: $1"
	[[ -d $d ]] || usage_error "-M needs a directory, and $1 is not one"
	d=$(realpath "$d")
	[[ -f $d/Kbuild || -f $d/dkms.conf ]] || grep -qsE '^[[:space:]]*obj-' "$d/Makefile" ||
		usage_error "-M $1: no Kbuild makefile there (a Kbuild file or a Makefile with obj-m lines, as for make -C KDIR M=DIR; or a dkms.conf)"
	EXT_DIRS+=("$d")
}

# The guest's "uname -m", for dkms.conf's $arch and BUILD_EXCLUSIVE_ARCH.
ext_uname_m() { echo "${UNAME_M:-$ARCH}"; }

# ext_dkms_conf DIR: dkms.conf's settings, read the way dkms reads it (sourced,
# with kernelver, arch, kernel_source_dir and dkms_tree set), as shell
# assignments to eval.
ext_dkms_conf() {
	(
		set +eu
		kernelver=$(kernel_release) arch=$(ext_uname_m)
		kernel_source_dir=$KBUILD dkms_tree=$ARCH_OUT/ext-build/dkms source_tree=$(dirname "$1")
		cd "$1" || exit 1
		# shellcheck source=/dev/null
		. ./dkms.conf >/dev/null || exit 1
		declare -p "${EXT_DKMS_VARS[@]}" 2>/dev/null || true # (the unset ones fail)
	) || die "-M $1: its dkms.conf cannot be read"
}

# dkms's BUILD_EXCLUSIVE_* rules: print why dkms would not build for this
# kernel, if it would not.
ext_dkms_exclusive() {
	local krel c
	krel=$(kernel_release)
	if [[ -n ${BUILD_EXCLUSIVE_KERNEL:-} && ! $krel =~ $BUILD_EXCLUSIVE_KERNEL ]]; then
		echo "BUILD_EXCLUSIVE_KERNEL=\"$BUILD_EXCLUSIVE_KERNEL\" does not match kernel $krel"
	elif [[ -n ${BUILD_EXCLUSIVE_KERNEL_MIN:-} ]] &&
		! printf '%s\n' "$BUILD_EXCLUSIVE_KERNEL_MIN" "$krel" | sort -V -C; then
		echo "kernel $krel is older than BUILD_EXCLUSIVE_KERNEL_MIN=$BUILD_EXCLUSIVE_KERNEL_MIN"
	elif [[ -n ${BUILD_EXCLUSIVE_KERNEL_MAX:-} ]] &&
		! printf '%s\n' "$krel" "$BUILD_EXCLUSIVE_KERNEL_MAX" | sort -V -C; then
		echo "kernel $krel is newer than BUILD_EXCLUSIVE_KERNEL_MAX=$BUILD_EXCLUSIVE_KERNEL_MAX"
	elif [[ -n ${BUILD_EXCLUSIVE_ARCH:-} && ! $(ext_uname_m) =~ $BUILD_EXCLUSIVE_ARCH ]]; then
		echo "BUILD_EXCLUSIVE_ARCH=\"$BUILD_EXCLUSIVE_ARCH\" does not match $(ext_uname_m)"
	else
		for c in ${BUILD_EXCLUSIVE_CONFIG:-}; do
			if [[ $c == !* ]]; then
				! grep -qE "^${c#!}=[ym]" "$KBUILD/.config" || { echo "BUILD_EXCLUSIVE_CONFIG: $c, but it is set"; return; }
			else
				grep -qE "^$c=[ym]" "$KBUILD/.config" || { echo "BUILD_EXCLUSIVE_CONFIG: needs $c"; return; }
			fi
		done
	fi
}

# Where DIR is built and published: sets EXT_NAME, EXT_WORK, EXT_PUB and,
# for a dkms tree, the dkms.conf variables.
ext_locate() {
	local src=$1
	unset "${EXT_DKMS_VARS[@]}"
	if [[ -f $src/dkms.conf ]]; then
		# (declare -g: globals, not locals of this function)
		eval "$(ext_dkms_conf "$src" | sed -E 's/^declare --/declare -g/; s/^declare -([a-zA-Z]+)/declare -g\1/')"
		[[ -n ${PACKAGE_NAME:-} && -n ${PACKAGE_VERSION:-} ]] || die "-M $src: dkms.conf sets no PACKAGE_NAME and PACKAGE_VERSION"
		EXT_NAME=$PACKAGE_NAME
		# dkms builds in $dkms_tree/NAME/VERSION/build, and MAKE lines say so.
		EXT_WORK=$ARCH_OUT/ext-build/dkms/$PACKAGE_NAME/$PACKAGE_VERSION/build
	else
		EXT_NAME=$(basename "$src" | tr -c 'A-Za-z0-9_.+\n-' _)
		EXT_WORK=$ARCH_OUT/ext-build/$EXT_NAME
	fi
	EXT_PUB=$ARCH_OUT/modules/$EXT_OUT_SUBDIR/$EXT_NAME
}

# The build's messages, with the copy's paths turned back into DIR's (as
# the compiler saw them: absolute, or relative to the kernel build
# directory where ccache's base_dir made them so).
ext_show_log() { # LOG WORK SRC
	local rel
	rel=$(realpath -m --relative-to="$KBUILD" "$2")
	grep -vE '^make(\[[0-9]+\])?: (Entering|Leaving) directory' "$1" |
		sed -e "s|$2/|$3/|g" -e "s|^$rel/|$3/|" -e "s|\([ ']\)$rel/|\1$3/|g" >&2
}

stage_ext() {
	local d names=" " extra_symbols=$ARCH_OUT/modules/Module.symvers
	for d in "${EXT_DIRS[@]}"; do
		ext_locate "$d"
		[[ $names != *" $EXT_NAME "* ]] || die "two -M directories are both named $EXT_NAME; rename one"
		names+="$EXT_NAME "
		ext_build "$d" "$extra_symbols"
		# A later directory may use what an earlier one exports.
		extra_symbols+=" $EXT_WORK/Module.symvers"
	done
}

# ext_build DIR EXTRA_SYMBOLS: build DIR in its copy; publish on success.
ext_build() {
	local src=$1 work=$EXT_WORK blog=$EXT_WORK.log why i cmd status=0
	if [[ -f $work/.lkmp-src && $(cat "$work/.lkmp-src") != "$src" ]]; then
		log "$EXT_NAME was built from $(cat "$work/.lkmp-src") before; building it afresh from $src"
		rm -rf "$work"
	fi
	mkdir -p "$work"
	# Objects of the user's own builds (for the host's kernel, say) stay
	# out; ours in the copy are kept, so make rebuilds only what changed.
	rsync -a --delete --exclude=.git --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='.*.cmd' --exclude='.tmp*' --exclude=Module.symvers \
		--exclude=modules.order --exclude=compile_commands.json --exclude=.clangd --exclude=.cache/ \
		--exclude=.lkmp-src "$src/" "$work/"
	echo "$src" >"$work/.lkmp-src"
	if [[ -n ${PACKAGE_NAME:-} ]]; then
		why=$(ext_dkms_exclusive)
		if [[ -n $why ]]; then
			log "$src: dkms would not build $PACKAGE_NAME $PACKAGE_VERSION for this kernel: $why"
			kconfig_hint_symbols $(grep -oE 'CONFIG_[A-Za-z0-9_]+' <<<"$why") || true
			die "-M $src: not built (its dkms.conf excludes this kernel)"
		fi
		# dkms runs each MAKE[i] in the build directory (default: a plain
		# M= build); cross builds take ARCH and CROSS_COMPILE from the
		# environment.
		[[ -n ${MAKE[0]:-} ]] || MAKE=("make -C $KBUILD M=$work")
		: >"$blog"
		for cmd in "${MAKE[@]}"; do
			printf '+ (cd %q && %s)\n' "$work" "$cmd" >&2
			(cd "$work" && ARCH=$KERNEL_ARCH CROSS_COMPILE=$CROSS_COMPILE KBUILD_EXTRA_SYMBOLS=$2 \
				MAKEFLAGS=-j$(jobs) bash -c "$cmd") >>"$blog" 2>&1 || { status=$?; break; }
		done
	else
		kmake M="$work" KBUILD_EXTRA_SYMBOLS="$2" modules >"$blog" 2>&1 || status=$?
	fi
	if ((status)); then
		ext_show_log "$blog" "$work" "$src"
		kconfig_hint_log "$blog" || true
		if [[ -d $EXT_PUB ]]; then
			die "-M $src failed to build (log: ${blog#"$LKMP_ROOT"/}); its previous build in ${EXT_PUB#"$LKMP_ROOT"/} is kept"
		fi
		die "-M $src failed to build (log: ${blog#"$LKMP_ROOT"/})"
	fi
	if [[ -n ${BUILT_MODULE_NAME[0]:-} ]]; then
		for i in "${!BUILT_MODULE_NAME[@]}"; do
			[[ -f $work/${BUILT_MODULE_LOCATION[i]:-}/${BUILT_MODULE_NAME[i]}.ko ]] ||
				die "-M $src: dkms.conf names ${BUILT_MODULE_LOCATION[i]:-}${BUILT_MODULE_NAME[i]}.ko, which the build did not make (log: ${blog#"$LKMP_ROOT"/})"
		done
	fi
	ext_publish "$work" "$EXT_PUB"
	log "$EXT_NAME: built $(cd "$EXT_PUB" && ls -- *.ko | tr '\n' ' ')-> ${EXT_PUB#"$LKMP_ROOT"/} (in the guest: /mnt/modules/$EXT_OUT_SUBDIR/$EXT_NAME; reload NAME)"
	# compile_commands.json and .clangd in DIR, for its editor (lib/editor.sh).
	if declare -F editor_files >/dev/null; then
		editor_files "$work" "$src" || log "$EXT_NAME: no editor files written in $src"
	fi
}

# ext_publish WORK PUB: the .ko files (flat), the programs built beside them
# (executable ELF files and scripts), and modules.order as module names.
ext_publish() {
	local work=$1 pub=$2 new=$2.new f
	rm -rf "$new" && mkdir -p "$new"
	find "$work" -name '*.ko' -exec cp -p {} "$new/" \;
	while IFS= read -r -d '' f; do
		case $(head -c 4 "$f" | od -An -c | tr -d ' ') in
		177ELF | '#!'*) cp -p "$f" "$new/" ;;
		esac
	done < <(find "$work" -type f -perm -u+x ! -name '*.ko' ! -path '*/.tmp*' -print0)
	if [[ -f $work/modules.order ]]; then
		sed -E 's|.*/||; s/\.(o|ko)$//' "$work/modules.order" >"$new/modules.order"
	else # a dkms MAKE that does not build through Kbuild's modules target
		(cd "$new" && ls -- *.ko | sed 's/\.ko$//') >"$new/modules.order"
	fi
	cp "$work/.lkmp-src" "$new/.lkmp-src"
	# In place, file by file: a guest that has the directory open through
	# 9P keeps seeing it.
	mkdir -p "$pub"
	rsync -a --delete "$new/" "$pub/"
	rm -rf "$new"
}

# The published external modules, in build order of modules.order: NAME per line.
ext_module_names() { # PUB-DIR...
	local d
	for d in "$@"; do cat "$d/modules.order"; done
}

# install_ext STAGING RELEASE: every published external build into the
# rootfs: /ext/NAME (programs; .ko links) and /lib/modules/RELEASE/extra/NAME
# (modules, debug info stripped); depmod runs after this.
install_ext() {
	local st=$1 krel=$2 d name ko
	for d in "$ARCH_OUT/modules/$EXT_OUT_SUBDIR"/*/; do
		[[ -f $d/modules.order ]] || continue
		d=${d%/} name=${d##*/}
		mkdir -p "$st/ext/$name" "$st/lib/modules/$krel/extra/$name"
		cp -a "$d/." "$st/ext/$name/"
		for ko in "$d"/*.ko; do
			rm -f "$st/ext/$name/${ko##*/}"
			"${CROSS_COMPILE}strip" --strip-debug -o "$st/lib/modules/$krel/extra/$name/${ko##*/}" "$ko"
			ln -s "/lib/modules/$krel/extra/$name/${ko##*/}" "$st/ext/$name/${ko##*/}"
		done
	done
}
