# shellcheck shell=bash
# Pinned sources (sources.lock): locate, verify by checksum, extract once.

lock_field() { # PACKAGE FIELD(2=version 3=file 4=sha256)
	awk -v p="$1" -v f="$2" '$1 == p { print $f }' "$LKMP_ROOT/sources.lock"
}

# Print the path of a verified source file, downloading it if needed.
source_file() {
	local pkg=$1 version file sum path
	version=$(lock_field "$pkg" 2) file=$(lock_field "$pkg" 3) sum=$(lock_field "$pkg" 4)
	if [[ $file == /* ]]; then
		path=$file
		[[ -f $path ]] || die "source $file of package $pkg is missing; install it with: ./setup"
	else
		path=$LKMP_CACHE/src/$file
		if [[ ! -f $path ]]; then
			mkdir -p "$LKMP_CACHE/src"
			(cd "$LKMP_CACHE/src" && lkmp_apt source --download-only "$pkg=$version" >&2) ||
				die "could not download source package $pkg=$version; run: (cd $LKMP_CACHE/src && apt-get source --download-only $pkg=$version) with lkmp's apt options (see lib/common.sh)"
			[[ -f $path ]] || die "source package $pkg=$version did not provide $file"
		fi
	fi
	if [[ $(sha256sum "$path" | cut -d' ' -f1) != "$sum" ]]; then
		die "checksum mismatch for $path (package $pkg, expected version $version); install that version, or update its line in sources.lock if you moved on deliberately"
	fi
	printf '%s\n' "$path"
}

# Extract PACKAGE's tarball to DIR once, then apply PATCH_DIR/*.patch (if
# given) in name order. A stamp holds the tarball's checksum and the patches'
# so that a new or changed patch extracts the tree afresh.
source_tree() {
	local pkg=$1 dir=$2 patch_dir=${3:-} stamp tarball tmp p
	local patches=()
	[[ -z $patch_dir ]] || patches=("$patch_dir"/*.patch)
	[[ -e ${patches[0]:-} ]] || patches=()
	stamp=$(lock_field "$pkg" 4)
	((${#patches[@]} == 0)) || stamp+=" patches $(cat "${patches[@]}" | sha256sum | cut -c1-16)"
	[[ -f $dir/.lkmp-source && $(cat "$dir/.lkmp-source") == "$stamp" ]] && return 0
	tarball=$(source_file "$pkg")
	log "extracting $tarball"
	tmp=$dir.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	run tar -xf "$tarball" -C "$tmp" --strip-components=1
	for p in ${patches[@]+"${patches[@]}"}; do
		run patch -d "$tmp" -p1 --forward --quiet -i "$p" ||
			die "patch $p does not apply to $pkg $(lock_field "$pkg" 2)"
	done
	echo "$stamp" >"$tmp/.lkmp-source"
	rm -rf "$dir" && mv "$tmp" "$dir"
}
