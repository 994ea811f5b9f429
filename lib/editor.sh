# shellcheck shell=bash
# Editor support (doc/editor.md): a compile_commands.json and a .clangd
# beside the sources the user edits, so that clangd, and every editor that
# runs it, resolves the kernel's headers and macros. The database is the
# kernel's own (scripts/clang-tools/gen_compile_commands.py, run as its
# compile_commands.json target runs it); lib/editor.py drops ccache from it,
# maps the build copy's paths back to the sources and measures which GCC
# flags clang rejects. Sourced by ./build: uses KBUILD, KERNEL_SRC,
# CROSS_COMPILE, ARCH and LKMP_OUT. Inputs unchanged: nothing is run.

# The first line of every .clangd lkmp writes: one without it is the user's,
# and is never replaced.
EDITOR_MARK="# Written by lkmp's ./build (lib/editor.sh): delete this line to keep your edits."
EDITOR_STAMPS=$LKMP_OUT/editor

# editor_files BUILD_DIR SOURCE_DIR: SOURCE_DIR/compile_commands.json and
# SOURCE_DIR/.clangd for the external modules built (kmake M=BUILD_DIR) in
# BUILD_DIR, a copy of SOURCE_DIR or SOURCE_DIR itself; every path under
# BUILD_DIR is mapped to SOURCE_DIR, where the user edits.
editor_files() {
	local build src
	build=$(realpath "$1") src=$(realpath "$2")
	[[ -f $build/modules.order ]] || { log "editor: no modules built in $build"; return 1; }
	# The inputs: modules.order, and the .cmd file of each object of its
	# modules (their NAME.mod files list them), as gen_compile_commands.py
	# reads them; paths are relative to KBUILD, where make ran.
	{
		echo "$build/modules.order"
		(cd "$KBUILD" && sed 's/\.o$/.mod/' "$build/modules.order" | xargs -r -d '\n' cat |
			sed -E 's#(^|/)([^/]+)$#\1.\2.cmd#')
	} | editor_update "$src" "$build" "$build/modules.order"
}

# The kernel's database, in KERNEL_SRC (shared by every arch): the one of
# the arch whose kernel stage ran last. Nothing is mapped: the sources are
# there, the generated headers in KBUILD, where the database's commands run.
editor_kernel() {
	local f
	# (.cache: where clangd keeps its index, beside the database.)
	editor_exclude compile_commands.json .clangd .cache || return 1
	for f in "$KBUILD"/{vmlinux.a,lib/lib.a,arch/*/lib/lib.a,modules.order}; do
		[[ -f $f ]] && printf '%s\n' "$f"
	done | editor_update "$KERNEL_SRC" "$KERNEL_SRC"
}

# editor_update DIR BUILD_DIR [GEN_INPUT...] <INPUT_FILES: write DIR's
# database from the kernel's (of GEN_INPUT: .a archives and modules.order;
# by default the INPUT_FILES that are) and DIR's .clangd, unless the stamp
# says that neither the inputs (names and times) nor the outputs changed.
editor_update() {
	local dir=$1 build=$2 stamp inputs old new
	shift 2
	mapfile -t inputs
	((${#inputs[@]})) || { log "editor: no build of $dir to describe"; return 1; }
	(($#)) || set -- "${inputs[@]}"
	stamp=$EDITOR_STAMPS/$(printf '%s' "$dir" | sha256sum | cut -c1-12)
	new=$(editor_stamp "$dir" "$build" "${inputs[@]}")
	old=$(cat "$stamp" 2>/dev/null) || true
	[[ $new == "$old" ]] && return 0
	mkdir -p "$EDITOR_STAMPS" || return 1
	# gen_compile_commands.py as the kernel's compile_commands.json target
	# runs it (from KBUILD), inside lib/editor.py.
	if ! (cd "$KBUILD" && python3 "$LKMP_ROOT/lib/editor.py" "$dir/compile_commands.json" "$build" "$dir" \
		"$dir/.clangd" "$EDITOR_MARK" "$LKMP_CACHE/editor" \
		"$KERNEL_SRC/scripts/clang-tools/gen_compile_commands.py" -a "${CROSS_COMPILE}ar" "$@"); then
		log "editor: $dir/compile_commands.json not written"
		return 1
	fi
	editor_stamp "$dir" "$build" "${inputs[@]}" >"$stamp"
	log "editor: wrote ${dir#"$LKMP_ROOT"/}/compile_commands.json for $ARCH (doc/editor.md)"
}
# What a database depends on: the lib/editor.* that write it, the build's
# files, and the outputs themselves (a rewrite by another arch, a removal).
editor_stamp() {
	local dir=$1 build=$2
	shift 2
	{
		printf '%s\n' "$dir" "$build" "$KBUILD" "$CROSS_COMPILE"
		stat -c '%n %.9Y %s' "$LKMP_ROOT"/lib/editor.{sh,py} "$@" "$dir"/{compile_commands.json,.clangd} 2>/dev/null
	} | sha256sum | cut -d' ' -f1
}

# editor_exclude FILE...: git must not count what lkmp writes into the
# kernel's tree as the user's edits (lib/sources.sh refuses to update a tree
# with untracked files).
editor_exclude() {
	local ex=$KERNEL_SRC/.git/info/exclude f
	[[ -d $KERNEL_SRC/.git ]] || return 0
	mkdir -p "${ex%/*}" || return 1
	for f; do
		grep -qxF "/$f" "$ex" 2>/dev/null || printf '/%s\n' "$f" >>"$ex" || return 1
	done
}
