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
	elif [[ $file == pool/* ]]; then # a file of the mirror's pool, by its path there
		path=$LKMP_CACHE/src/${file##*/}
		if [[ ! -f $path ]]; then
			mkdir -p "$LKMP_CACHE/src"
			run curl -fsS -o "$path.part" "$LKMP_DEBIAN_MIRROR/$file" && mv "$path.part" "$path" ||
				die "could not download $LKMP_DEBIAN_MIRROR/$file (package $pkg $version); check the network or set LKMP_DEBIAN_MIRROR"
		fi
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

# An extracted tree is a git repository: the pristine import is its first
# commit (tag lkmp-pristine), each patch of PATCH_DIR one commit on top
# (tag lkmp-patched, the tree ./build expects). So your edits show with
# git -C DIR status / diff, and are never lost:
# - edits and an unchanged stamp (tarball and patches checksums): the tree
#   is used as it is (edit, then ./build -l);
# - a changed stamp (a patch added or changed, a new tarball) and edits of
#   yours (changed or new files, commits of your own): refused, saying how
#   to keep them as a patch;
# - a changed stamp and no edits: the new patches are applied in place, so
#   only the files they touch change and make rebuilds only those (a new
#   tarball extracts afresh);
# - a tree extracted before trees were repositories is moved aside, kept.
git_q() { git -C "$1" -c user.name=lkmp -c user.email=lkmp@localhost -c core.autocrlf=false "${@:2}"; }
tree_stamp() { # PKG PATCH...: the tarball's checksum, then the patches'
	local stamp
	stamp=$(lock_field "$1" 4)
	(($# == 1)) || stamp+=" patches $(cat "${@:2}" | sha256sum | cut -c1-16)"
	printf '%s\n' "$stamp"
}
# Does DIR differ from what lkmp made of it (lkmp-patched)?
tree_edits() {
	! git_q "$1" diff --quiet lkmp-patched -- 2>/dev/null ||
		[[ -n $(git_q "$1" ls-files --others --exclude-standard | head -n 1) ]]
}
apply_patches() { # DIR PKG PATCH...
	local dir=$1 pkg=$2 p
	for p in "${@:3}"; do
		# A dry run first: a patch that does not apply leaves no .rej behind.
		patch -d "$dir" -p1 --forward --quiet --dry-run -i "$p" >/dev/null ||
			die "patch $p does not apply to $pkg $(lock_field "$pkg" 2)"
		run patch -d "$dir" -p1 --forward --quiet --no-backup-if-mismatch -i "$p"
		git_q "$dir" add -A -f
		git_q "$dir" commit -q --no-verify -m "lkmp: ${p##*/}"
	done
	git_q "$dir" tag -f lkmp-patched >/dev/null
}
# Extract PKG into TMP as a repository: the pristine import, then the patches.
new_repo() { # PKG TMP STAMP PATCH...
	local pkg=$1 tmp=$2 tarball
	tarball=$(source_file "$pkg")
	log "extracting $tarball"
	rm -rf "$tmp" && mkdir -p "$tmp"
	run tar -xf "$tarball" -C "$tmp" --strip-components=1
	# Every file (-f: some match the tree's own .gitignore).
	git_q "$tmp" init -q
	git_q "$tmp" add -A -f
	git_q "$tmp" commit -q --no-verify -m "lkmp: $pkg $(lock_field "$pkg" 2), pristine (${tarball##*/})"
	git_q "$tmp" tag lkmp-pristine
	lock_field "$pkg" 4 >"$tmp/.git/lkmp-tarball"
	if ! (apply_patches "$tmp" "$pkg" "${@:4}"); then
		rm -rf "$tmp"
		exit 1
	fi
	echo "$3" >"$tmp/.git/lkmp-source"
}
source_tree() {
	local pkg=$1 dir=$2 patch_dir=${3:-} stamp tmp=$2.tmp old
	local patches=()
	[[ -z $patch_dir ]] || patches=("$patch_dir"/*.patch)
	[[ -e ${patches[0]:-} ]] || patches=()
	stamp=$(tree_stamp "$pkg" ${patches[@]+"${patches[@]}"})
	if [[ -d $dir/.git ]]; then
		[[ $(cat "$dir/.git/lkmp-source" 2>/dev/null) == "$stamp" ]] && return 0
		if tree_edits "$dir"; then
			die "${dir#"$LKMP_ROOT"/} has edits of yours (git -C $dir status), and ${patch_dir:+kernel/patches or }sources.lock changed since it was extracted: it is left as it is. To keep the edits as a patch that ./build applies, run: git -C $dir add -A && git -C $dir diff --cached lkmp-patched >${patch_dir:-PATCH_DIR}/9000-my-change.patch && git -C $dir reset -q --hard lkmp-patched ; then ./build again. To drop them: ./build --clean src"
		fi
		if [[ $(cat "$dir/.git/lkmp-tarball" 2>/dev/null) == "$(lock_field "$pkg" 4)" ]]; then
			log "${dir#"$LKMP_ROOT"/}: the patches changed; applying them in place"
			# (Stat data refreshed first: reset --hard rewrites, with a new
			# mtime, every file whose index entry looks stale.)
			git_q "$dir" update-index -q --refresh >/dev/null || true
			git_q "$dir" reset -q --hard lkmp-pristine
			if ! (apply_patches "$dir" "$pkg" ${patches[@]+"${patches[@]}"}); then
				git_q "$dir" reset -q --hard lkmp-patched # the tree as it was
				exit 1
			fi
			echo "$stamp" >"$dir/.git/lkmp-source"
			return 0
		fi
	elif [[ -e $dir ]]; then
		# A tree extracted before trees were repositories.
		if [[ $(cat "$dir/.lkmp-source" 2>/dev/null) == "$stamp" ]]; then
			# Up to date: give it the repository, its files untouched (no
			# rebuild); edits made before show in git status from now on.
			log "${dir#"$LKMP_ROOT"/}: making it a git repository (the pristine import and the patches); its files stay as they are"
			new_repo "$pkg" "$tmp" "$stamp" ${patches[@]+"${patches[@]}"}
			rm -rf "$dir/.git" && mv "$tmp/.git" "$dir/.git" && rm -rf "$tmp" "$dir/.lkmp-source"
			git_q "$dir" reset -q
			return 0
		fi
		old=$dir.old-$(date +%Y%m%d-%H%M%S)
		mv "$dir" "$old"
		log "${dir#"$LKMP_ROOT"/} was extracted before source trees were git repositories (edits could not be told apart): kept it as $old"
	fi
	new_repo "$pkg" "$tmp" "$stamp" ${patches[@]+"${patches[@]}"}
	rm -rf "$dir" && mv "$tmp" "$dir"
}

# dkms_source PKG: the source tree a Debian *-dkms package ships under
# /usr/src (pinned in sources.lock), unpacked once into the cache; prints
# its path, for ./build -M. (Debian 13's packages: made for 6.12.)
dkms_source() {
	local deb dir
	deb=$(source_file "$1")
	dir=$LKMP_CACHE/dkms/$1-$(lock_field "$1" 2)
	if [[ ! -d $dir/usr/src ]]; then
		rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
		run dpkg-deb -x "$deb" "$dir.tmp"
		rm -rf "$dir" && mv "$dir.tmp" "$dir"
	fi
	find "$dir/usr/src" -mindepth 1 -maxdepth 1 -type d | head -n 1
}
