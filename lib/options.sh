# shellcheck shell=bash
# The option layer of every command, in one place: the default arguments of
# lkmp.args, -a ARCH (and the default arch), -h/--help and --.
#
# A command defines usage() and, for its own options and arguments,
# command_option WORDS...: it looks at $1 (the next word; $2... follow),
# sets OPT_SHIFT to how many words it took and returns 0, or returns 1 for a
# word it does not take. Then it calls parse_options "$@". Results:
#   OPT_ARCH        the arch (-a; else lkmp.args; else LKMP_DEFAULT_ARCH)
#   OPT_ARCHS[]     with OPTS_MULTI_ARCH=1: every arch given (-a A,B; all),
#                   empty when none was: the command picks its default set
#   OPT_ARCH_FROM   where the arch came from: lkmp.args, cmdline or empty
#   OPT_REST[]      the words after --
#   LKMP_VARIANT    --debug or --kcsan (commands that set OPTS_VARIANT=1):
#                   the kernel variant, with its own out/ARCH-VARIANT;
#                   exported, so the commands this one runs use it too
# While command_option runs, OPT_FROM says where its words come from
# (lkmp.args or cmdline): a path in lkmp.args is relative to the clone.
# Words of lkmp.args come first, so the command line overrides them; a -a
# on the command line replaces the arches lkmp.args gave, it does not add.

LKMP_DEFAULT_ARCH=x86_64

# "  -a ARCH   architecture: LIST (default D)", for usage texts; WIDTH is
# the column of the text after the option (default 10).
arch_help() {
	printf '  %-*s%s\n' "${1:-10}" "-a ARCH" "architecture: $(arch_list | tr '\n' ' ')(default $LKMP_DEFAULT_ARCH)"
}

# Default arguments a user keeps: lines of "COMMAND ARGS..." in lkmp.args
# (git-ignored; "*" for every command), e.g. "run -m 512M" or "* -a aarch64".
# Prints the words for COMMAND (default: this command), one per line.
default_args() {
	local f=${LKMP_ARGS_FILE:-$LKMP_ROOT/lkmp.args} cmd=${1:-$LKMP_PROG} c rest w
	[[ -f $f ]] || return 0
	while read -r c rest; do
		[[ $c == "$cmd" || $c == '*' ]] || continue
		read -ra w <<<"$rest"
		((${#w[@]} == 0)) || printf '%s\n' "${w[@]}"
	done <"$f"
}

# The arch COMMAND gets from lkmp.args (its lines and "*" lines), else the
# default: how ./tmu finds the arch ./run will boot.
default_arch_of() {
	local a=$LKMP_DEFAULT_ARCH prev="" w
	while read -r w; do
		[[ $prev == -a ]] && a=$w
		prev=$w
	done < <(default_args "$1")
	printf '%s\n' "$a"
}

valid_arch() {
	[[ -f $LKMP_ROOT/arch/$1.conf ]] ||
		usage_error "$1 is not a valid arch, options are: $(arch_list | tr '\n' ' ')"
}

parse_options() {
	local defaults=() w
	# Help first, whatever lkmp.args holds.
	for w in "$@"; do
		[[ $w == -- ]] && break
		[[ $w == -h || $w == --help ]] && { usage; exit 0; }
	done
	mapfile -t defaults < <(default_args)
	OPT_ARCH=$LKMP_DEFAULT_ARCH OPT_ARCHS=() OPT_REST=()
	OPT_ARCH_FROM=""
	_parse_words lkmp.args ${defaults[@]+"${defaults[@]}"}
	_parse_words cmdline "$@"
}

_parse_words() {
	local from=$1 a
	shift
	while (($#)); do
		case $1 in
		-a)
			[[ $# -ge 2 && -n $2 ]] || usage_error "-a needs an arch"
			# The command line's -a replaces what lkmp.args said.
			[[ $OPT_ARCH_FROM == "$from" ]] || OPT_ARCHS=()
			OPT_ARCH_FROM=$from
			if [[ ${OPTS_MULTI_ARCH:-0} == 1 ]]; then
				for a in ${2//,/ }; do
					[[ $a == all ]] || valid_arch "$a"
					OPT_ARCHS+=("$a")
				done
			else
				valid_arch "$2"
				OPT_ARCH=$2
			fi
			shift 2
			;;
		-h | --help) usage; exit 0 ;;
		--debug | --kcsan)
			[[ ${OPTS_VARIANT:-0} == 1 ]] || usage_error "unknown option: $1"
			export LKMP_VARIANT=${1#--}
			shift
			;;
		--) shift; OPT_REST=("$@"); return 0 ;;
		*)
			OPT_SHIFT=1 OPT_FROM=$from
			if ! command_option "$@"; then
				[[ $1 == -* ]] && usage_error "unknown option: $1"
				usage_error "unexpected argument: $1"
			fi
			shift "$OPT_SHIFT"
			;;
		esac
	done
}

# opt_value "$@" (in command_option): the option takes the next word as its value.
opt_value() { [[ $# -ge 2 ]] || usage_error "$1 needs a value"; OPT_SHIFT=2; }

# "  --debug   ...", for usage texts of commands with OPTS_VARIANT=1.
variant_help() {
	printf '  %-*s%s\n' "${1:-10}" "--debug" "the debug kernel (KASAN, UBSAN, lockdep, kmemleak...: doc/debug-kernel.md)," \
		"${1:-10}" "" "built and run in out/ARCH-debug; --kcsan: the KCSAN kernel, out/ARCH-kcsan"
}
