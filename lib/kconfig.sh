# shellcheck shell=bash
# Which kernel options a module is missing, found from the kernel tree
# itself. Our config is lean, so an external module often needs an option
# we left out: modpost then says a symbol is undefined, or the compiler
# that a function or struct member is not declared. For a symbol: the file
# that exports it, then the makefile lines that build that file (composite
# objects followed) and each directory above it; for a declaration: the
# #if blocks around it in the headers. Then each option's Kconfig "depends
# on" and enclosing "if" that this config lacks. Needs KERNEL_SRC, KBUILD,
# ARCH, KERNEL_ARCH (lib/build.sh).

ktree_grep() { # GREP-ARGS...: grep -n -E over the kernel tree, paths relative to it
	if [[ -d $KERNEL_SRC/.git ]]; then
		git -C "$KERNEL_SRC" grep -n -E "$@" 2>/dev/null
	else
		(cd "$KERNEL_SRC" && grep -rn -E "$@" 2>/dev/null | sed 's|^\./||')
	fi
}
config_is_set() { grep -qE "^CONFIG_$1=[ym]$" "$KBUILD/.config"; }

# A file of the tree that another arch builds is no answer for this one.
this_arch_path() { [[ $1 != arch/* || $1 == arch/$KERNEL_ARCH/* ]]; }

# The makefile lines of DIR (Kbuild, then Makefile), continuations joined.
kbuild_lines() {
	local f
	for f in "$KERNEL_SRC/$1/Kbuild" "$KERNEL_SRC/$1/Makefile"; do
		[[ -f $f ]] && awk '{ if (sub(/\\$/, "")) { acc = acc $0 " "; next } print acc $0; acc = "" }' "$f"
	done
	return 0
}
# The variables of DIR's makefiles whose value lists WORD (foo.o, sub/).
kbuild_vars_listing() { # DIR WORD
	kbuild_lines "$1" | awk -v w="$2" '
		match($0, /^[ \t]*[A-Za-z0-9_$(){}.-]+[ \t]*[:+?]?=/) {
			lhs = substr($0, RSTART, RLENGTH); rhs = substr($0, RSTART + RLENGTH)
			sub(/[ \t]*[:+?]?=$/, "", lhs); gsub(/^[ \t]+/, "", lhs)
			n = split(rhs, a, /[ \t]+/)
			for (i = 1; i <= n; i++) if (a[i] == w) { print lhs; break }
		}'
}
# The CONFIG symbols that build object OBJ (foo.o) or subdirectory (sub/)
# of DIR: "obj-$(CONFIG_X) += OBJ", and for a part of a composite object
# (NAME-y, NAME-objs, NAME-$(CONFIG_Y)) what builds NAME.o.
kbuild_object_conds() { # DIR OBJ [DEPTH]
	local dir=$1 obj=$2 depth=${3:-0} var comp
	((depth < 8)) || return 0
	while read -r var; do
		[[ $var =~ \$\(CONFIG_([A-Za-z0-9_]+)\) ]] && echo "${BASH_REMATCH[1]}"
		comp=${var%-*}
		[[ $comp == "$var" || $comp == *'$'* ]] && continue
		case $comp in
		obj | lib | core | drivers | net | libs | subdir | always | init | virt | head | platform) ;;
		*) kbuild_object_conds "$dir" "$comp.o" $((depth + 1)) ;;
		esac
	done < <(kbuild_vars_listing "$dir" "$obj")
}
# ... of FILE (path in the tree), then of each directory above it.
kbuild_file_conds() {
	local f=$1 d
	d=$(dirname "$f")
	kbuild_object_conds "$d" "$(basename "${f%.*}").o"
	while [[ $d == */* ]]; do
		kbuild_object_conds "$(dirname "$d")" "$(basename "$d")/"
		d=$(dirname "$d")
	done
	kbuild_object_conds . "$d/"
}
# The CONFIG symbols of the #if/#ifdef blocks around LINE of FILE that must
# be set there (not #else branches, not negated tests, not include guards).
cpp_conds() { # FILE LINE
	awk -v L="$2" '
		/^[ \t]*#[ \t]*if/ { st[++n] = $0; neg[n] = 0 }
		/^[ \t]*#[ \t]*(else|elif)/ { neg[n] = 1 }
		/^[ \t]*#[ \t]*endif/ { n-- }
		NR == L { for (i = 1; i <= n; i++) if (!neg[i]) print st[i]; exit }' "$KERNEL_SRC/$1" |
		grep -vE '#[[:space:]]*ifndef|!' | grep -oE 'CONFIG_[A-Za-z0-9_]+' | sed 's/^CONFIG_//'
	return 0
}

# Kconfig: the "depends on" symbols of SYM's entry and its enclosing "if"
# blocks, where the expression is a plain && list (printed as SYM words);
# an expression with || or ! is printed as "expr: ..." for the user to read.
kconfig_deps() { # SYM
	local hit file line
	hit=$(ktree_grep "^[[:space:]]*(menu)?config[[:space:]]+$1[[:space:]]*\$" -- '*Kconfig*' | head -n 1)
	[[ -n $hit ]] || return 0
	file=${hit%%:*} line=${hit#*:} line=${line%%:*}
	awk -v L="$line" '
		NR < L && /^if[ \t]/ { ifs[++n] = substr($0, 4) }
		NR < L && /^endif/ { n-- }
		NR == L { for (i = 1; i <= n; i++) print ifs[i]; next }
		NR > L && /^[ \t]*(config|menuconfig|choice|endchoice|menu|endmenu|if|endif|source|comment)([ \t]|$)/ { exit }
		NR > L && sub(/^[ \t]*depends on[ \t]+/, "") { print }' "$KERNEL_SRC/$file" |
		while IFS= read -r e; do
			e=${e%%#*}
			if [[ $e == *'||'* || $e == *'!'* ]]; then
				echo "expr: $e"
			else
				grep -oE '[A-Za-z0-9_]+' <<<"$e" | grep -vxE 'y|m|n|if' || true
			fi
		done
}

# kconfig_plan SYM...: SYM and the unset symbols it depends on, dependencies
# first, each once (globals PLAN, PLAN_NOTES).
kconfig_plan_add() { # SYM DEPTH
	local s=$1 d
	[[ " $PLAN " == *" $s "* ]] && return 0
	config_is_set "$s" && return 0
	if (($2 < 6)); then
		while IFS= read -r d; do
			if [[ $d =~ ^expr:\ *\(?\ *([A-Za-z0-9_]+)\ *\|\|\ *([A-Za-z0-9_]+)\ *=\ *n\ *\)?\ *$ &&
				${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" ]]; then
				continue # "X || X=n": only says how X's module-ness limits this one
			elif [[ $d == expr:* ]]; then
				PLAN_NOTES+=("CONFIG_$s depends on ${d#expr: }")
			else
				kconfig_plan_add "$d" $(($2 + 1))
			fi
		done < <(kconfig_deps "$s")
	fi
	[[ " $PLAN " == *" $s "* ]] || PLAN+=" $s"
}
kconfig_print_plan() {
	local s cmd="./build -a $ARCH"
	[[ -n ${PLAN// /} ]] || return 1
	for s in $PLAN; do cmd+=" -c CONFIG_$s=y"; done
	log "kernel options this module needs and this config lacks:$(printf ' CONFIG_%s' $PLAN)"
	for s in ${PLAN_NOTES[@]+"${PLAN_NOTES[@]}"}; do log "  note: $s"; done
	log "add them to the kernel with (then build the module again):"
	log "  $cmd"
}

# Why a symbol or declaration is missing: prints a line, adds to PLAN.
hint_export() { # SYMBOL MODULE
	local hits file line syms="" s
	hits=$(ktree_grep "EXPORT_SYMBOL(_GPL)?(_NS(_GPL)?)?\([[:space:]]*$1[[:space:]]*[,)]" -- '*.c' '*.S' | head -n 5)
	while IFS=: read -r file line _; do
		[[ -n $file ]] && this_arch_path "$file" && break
		file=""
	done <<<"$hits"
	if [[ -z $file ]]; then
		log "$2: \"$1\" is undefined, and no file of this arch's kernel tree exports it (EXPORT_SYMBOL): modules cannot use it"
		return 0
	fi
	for s in $(cpp_conds "$file" "$line") $(kbuild_file_conds "$file"); do
		config_is_set "$s" || syms+=" $s"
	done
	if [[ -z $syms ]]; then
		log "$2: \"$1\" is undefined; $file exports it, and this config builds it (is the module built against another kernel?)"
		return 0
	fi
	log "$2: \"$1\" is undefined; $file exports it, built with$(printf ' CONFIG_%s' $syms)"
	for s in $syms; do kconfig_plan_add "$s" 0; done
}
hint_declaration() { # FILE-LINES... (grep hits in headers) WHAT
	local what=$1 hit file line s syms=""
	shift
	for hit in "$@"; do
		file=${hit%%:*} line=${hit#*:} line=${line%%:*}
		this_arch_path "$file" || continue
		for s in $(cpp_conds "$file" "$line"); do
			config_is_set "$s" || syms+=" $s"
		done
		[[ -n $syms ]] && break
	done
	[[ -n $syms ]] || return 0
	log "$what: declared in $file:$line only with$(printf ' CONFIG_%s' $syms)"
	for s in $syms; do kconfig_plan_add "$s" 0; done
}
# The struct member MEMBER of struct NAME: grep hits of its line.
struct_member_lines() { # NAME MEMBER
	local hit file line
	ktree_grep "^struct $1 \{" -- 'include/*' "arch/$KERNEL_ARCH/include/*" | head -n 3 |
		while IFS=: read -r file line _; do
			awk -v L="$line" -v m="$2" -v f="$file" '
				NR > L && /^};/ { exit }
				NR > L && $0 ~ "[^A-Za-z0-9_]" m "([^A-Za-z0-9_]|$)" { print f ":" NR ":"; exit }' "$KERNEL_SRC/$file"
		done
}

# kconfig_hint_log LOG: read a failed module build's log; print what is
# missing and the ./build -c line that adds it. Fails when it found nothing.
kconfig_hint_log() {
	local logf=$1 line sym mod fn st mem
	local -a hits
	PLAN="" PLAN_NOTES=()
	while IFS= read -r line; do
		if [[ $line =~ modpost:\ \"([A-Za-z0-9_]+)\"\ \[([^]]+)\]\ undefined ]]; then
			sym=${BASH_REMATCH[1]} mod=${BASH_REMATCH[2]##*/}
			hint_export "$sym" "$mod"
		elif [[ $line =~ implicit\ declaration\ of\ function\ .([A-Za-z0-9_]+). ]]; then
			fn=${BASH_REMATCH[1]}
			mapfile -t hits < <(ktree_grep "[^A-Za-z0-9_]$fn\(" -- 'include/*' "arch/$KERNEL_ARCH/include/*" | head -n 10)
			((${#hits[@]})) && hint_declaration "function $fn" "${hits[@]}"
		elif [[ $line =~ .struct\ ([A-Za-z0-9_]+).\ has\ no\ member\ named\ .([A-Za-z0-9_]+). ]]; then
			st=${BASH_REMATCH[1]} mem=${BASH_REMATCH[2]}
			mapfile -t hits < <(struct_member_lines "$st" "$mem")
			((${#hits[@]})) && hint_declaration "struct $st member $mem" "${hits[@]}"
		fi
	done < <(grep -aE 'modpost: "|implicit declaration of function|has no member named' "$logf" | sort -u)
	kconfig_print_plan
}
# kconfig_hint_symbols CONFIG_X...: the same advice for options named outright.
kconfig_hint_symbols() {
	local s
	PLAN="" PLAN_NOTES=()
	for s in "$@"; do kconfig_plan_add "${s#CONFIG_}" 0; done
	kconfig_print_plan
}
