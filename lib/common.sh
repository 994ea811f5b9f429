# shellcheck shell=bash
# The shared library of every lkmp command: paths, logging, running commands
# visibly, arch data files, and the private apt configuration.
# Sourced, never executed.

LKMP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LKMP_CACHE=${LKMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lkmp}
# Build outputs: out/ in the clone. Kbuild cannot work in a path with a
# space or a colon, so a clone in such a path keeps them in the cache
# instead (one directory per clone), and ./build links it as out/.
if [[ -z ${LKMP_OUT:-} ]]; then
	LKMP_OUT=$LKMP_ROOT/out
	if [[ $LKMP_ROOT == *[' :']* ]]; then
		LKMP_OUT=$LKMP_CACHE/out/$(printf '%s' "$LKMP_ROOT" | sha256sum | cut -c1-12)
		LKMP_OUT_MOVED=1
	fi
fi
LKMP_PROG=$(basename "$0")

log() { printf '%s: %s\n' "$LKMP_PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$LKMP_PROG" "$*" >&2; exit 1; }
usage_error() { printf '%s: %s\n' "$LKMP_PROG" "$*" >&2; usage >&2; exit 2; }

# Print a command shell-quoted (so it can be pasted), then run it.
quote_cmd() {
	local out="" a
	for a in "$@"; do out+="${out:+ }$(printf '%q' "$a")"; done
	printf '%s\n' "$out"
}
run() {
	printf '+ %s\n' "$(quote_cmd "$@")" >&2
	"$@"
}

# Arch data files: arch/NAME.conf, one per architecture, plain VAR=value lines.
arch_list() {
	local f
	for f in "$LKMP_ROOT"/arch/*.conf; do basename "$f" .conf; done
}
# Every arch file sets these (tests/host/arch-files.sh checks it); optional:
# QEMU_DEVICES, TEST_BY_DEFAULT, FOREIGN_PACKAGES (Debian packages of the
# guest's arch that ./setup unpacks into $LKMP_CACHE/foreign/DEBIAN_ARCH),
# KGDB_QEMU_ARGS (what attaches ./run -k's chardev "kgdb" to the guest;
# default: -serial chardev:kgdb, the board's second serial port),
# CMDLINE_MAX (the longest kernel command line the board passes), STUB_LIMIT
# (why QEMU's stub cannot debug modules on this arch: ./run-gdb notes it, the
# check skips with it), BUSYBOX_CFLAGS (extra compiler flags for the arch's
# BusyBox), SHARE_DEVICE (the virtio-9p device of ./run's shares; default
# virtio-9p-pci), SHARE_SLOTS (how many 9P devices the board has room for;
# default 4, all of them), DEBUG_FRAGMENTS (kernel/NAME.config fragments the
# --debug kernel adds on this arch: the sanitizers it has), KCSAN (1: the
# arch has KCSAN, --kcsan builds it), UNAME_M (the guest's uname -m, when it
# is not the arch's name), TEST_CPUS (the CPUs of ./test's guest boots;
# default 2, so that the concurrency examples really race),
# VARIANT_KERNEL_IMAGE and VARIANT_KERNEL_TARGETS (what a --debug or --kcsan
# kernel builds and boots instead of KERNEL_IMAGE and KERNEL_TARGETS).
ARCH_KEYS="QEMU QEMU_PACKAGE MACHINE CPU KVM_CPU CONSOLE KGDB_SERIAL KERNEL_ARCH
KERNEL_BASE KERNEL_FRAGMENT KERNEL_IMAGE KERNEL_TARGETS CROSS_COMPILE CROSS_PACKAGES
DEBIAN_ARCH GDB_ARCH ROOT_DEV DISK_DEVICE NET_DEVICE GRAPHIC_CONSOLE LIBC_ROOT
LIBC_DIRS DYNAMIC_LOADER GDBSERVER KERNEL_ARGS KERNEL_ENTRY"
ARCH_OPTIONAL_KEYS="QEMU_DEVICES TEST_BY_DEFAULT FOREIGN_PACKAGES KGDB_QEMU_ARGS
CMDLINE_MAX STUB_LIMIT BUSYBOX_CFLAGS SHARE_DEVICE SHARE_SLOTS DEBUG_FRAGMENTS KCSAN UNAME_M
TEST_CPUS VARIANT_KERNEL_IMAGE VARIANT_KERNEL_TARGETS"
load_arch() {
	local name=$1 f=$LKMP_ROOT/arch/$1.conf
	valid_arch "$name"
	# shellcheck disable=SC2086 # a word list
	unset $ARCH_KEYS $ARCH_OPTIONAL_KEYS
	# shellcheck source=/dev/null
	source "$f"
	ARCH=$name
	# A kernel variant (--debug, --kcsan) has its own build of everything.
	ARCH_OUT=$LKMP_OUT/$ARCH${LKMP_VARIANT:+-$LKMP_VARIANT}
	if [[ -n ${LKMP_VARIANT:-} && -n ${VARIANT_KERNEL_IMAGE:-} ]]; then
		KERNEL_IMAGE=$VARIANT_KERNEL_IMAGE KERNEL_TARGETS=${VARIANT_KERNEL_TARGETS:-$KERNEL_TARGETS}
	fi
	KERNEL_IMAGE_NAME=${KERNEL_IMAGE##*/}
}

# The ports ./run opens (always on 127.0.0.1) for QEMU's GDB stub (-d), KGDB
# (-k) and the guest's gdbserver (-g); the debugger commands connect to them.
LKMP_GDB_PORT=${LKMP_GDB_PORT:-45457}
LKMP_KGDB_PORT=${LKMP_KGDB_PORT:-45458}
LKMP_GDBSERVER_PORT=${LKMP_GDBSERVER_PORT:-45459}

# Is something listening on PORT? (ss: no connection is made, since a
# connection to QEMU's stub would stop the guest.)
port_listening() {
	[[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
}

# Is a guest of the loaded arch running? (Its monitor socket answers.)
guest_running() {
	local sock=$ARCH_OUT/monitor.sock
	[[ -S $sock ]] && socat -u OPEN:/dev/null "UNIX-CONNECT:$sock" 2>/dev/null
}

# Private apt configuration in the cache: deb + deb-src lines for bookworm
# and bookworm-backports; the host's own apt setup is never touched.
LKMP_APT=$LKMP_CACHE/apt
LKMP_DEBIAN_MIRROR=${LKMP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
apt_opts() {
	printf '%s\n' -o "Dir::Etc::SourceList=/dev/null" \
		-o "Dir::Etc::SourceParts=$LKMP_APT/sources.list.d" \
		-o "Dir::State::Lists=$LKMP_APT/lists" \
		-o "Dir::Cache=$LKMP_APT/cache" \
		-o "APT::Sandbox::User=root" \
		-o "APT::Architectures::=amd64" $(arch_apt_archs)
}
# Foreign architectures whose packages (e.g. gdbserver:arm64) setup may download.
arch_apt_archs() {
	local a
	for a in ${LKMP_APT_EXTRA_ARCHS:-}; do printf -- '-o\nAPT::Architectures::=%s\n' "$a"; done
}
apt_config_write() {
	mkdir -p "$LKMP_APT/sources.list.d" "$LKMP_APT/lists/partial" "$LKMP_APT/cache/archives/partial"
	cat >"$LKMP_APT/sources.list.d/lkmp.sources.new" <<-SRC
	Types: deb deb-src
	URIs: $LKMP_DEBIAN_MIRROR
	Suites: bookworm bookworm-updates bookworm-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	SRC
	mv "$LKMP_APT/sources.list.d/lkmp.sources.new" "$LKMP_APT/sources.list.d/lkmp.sources"
}
# apt-get with the private configuration. Updates the lists once a day.
lkmp_apt() {
	local -a opts
	mapfile -t opts < <(apt_opts)
	local a stale=""
	for a in amd64 ${LKMP_APT_EXTRA_ARCHS:-}; do
		[[ -n $(find "$LKMP_APT/lists" -maxdepth 1 -name "*binary-${a}_Packages*" -mtime -1 2>/dev/null | head -n 1) ]] || stale=1
	done
	if [[ ! -f $LKMP_APT/sources.list.d/lkmp.sources || -n $stale ]]; then
		apt_config_write
		run apt-get -q "${opts[@]}" update >&2 ||
			die "apt-get update failed (mirror $LKMP_DEBIAN_MIRROR); check the network or set LKMP_DEBIAN_MIRROR"
	fi
	run apt-get "${opts[@]}" "$@"
}

# ccache lives in the cache so a fresh clone reuses it. base_dir makes paths
# relative, so the same file in another clone is a hit.
ccache_env() {
	export CCACHE_DIR=$LKMP_CACHE/ccache
	export CCACHE_BASEDIR=$LKMP_ROOT
	export CCACHE_NOHASHDIR=1
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
	export CCACHE_COMPILERCHECK=content
	export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
	# A fixed build number too: relinking then gives the same layout.
	export KBUILD_BUILD_USER=lkmp KBUILD_BUILD_HOST=lkmp KBUILD_BUILD_VERSION=1
	# The source tree is a git repository (lib/sources.sh): set, even empty,
	# LOCALVERSION keeps setlocalversion from adding "+" to the release.
	export LOCALVERSION=
}

source "$LKMP_ROOT/lib/options.sh"

# ./build's first step: an out dir Kbuild can use, linked from the clone.
need_out_dir() {
	[[ $LKMP_OUT != *[' :']* ]] ||
		die "the build output dir '$LKMP_OUT' has a space or a colon, which the kernel's build system cannot handle; set LKMP_OUT to a path without them"
	mkdir -p "$LKMP_OUT"
	# (Only an out dir moved for a space: an LKMP_OUT of the user's is not
	# linked, so a scratch one never leaves a link in the clone.)
	if [[ -n ${LKMP_OUT_MOVED:-} && ! -e $LKMP_ROOT/out ]]; then
		ln -s "$LKMP_OUT" "$LKMP_ROOT/out"
		log "the clone's path has a space or a colon: outputs go to $LKMP_OUT (linked as out/)"
	fi
}

now_ms() { date +%s%3N; }
fmt_ms() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }
