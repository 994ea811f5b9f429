#!/usr/bin/env bash
# Editor support (doc/editor.md): with the compile_commands.json and .clangd
# that ./build wrote in modules/, clangd --check (Debian's clangd) parses
# modules/miscdev.c for this arch's target with no error, the kernel's
# headers and macros resolved (misc_register has a definition, module_init
# and THIS_MODULE are macros to expand). The same for an external module in
# a scratch Kbuild directory, built in a copy (kmake M=COPY) and described
# by editor_files, whose static_asserts hold only with the database's
# -D flags and the arch's sizes. And the check can fail: without the
# kernel's include directories, the same file has errors.
# (Boots nothing: a boot check because it needs this arch's build.)
# shellcheck disable=SC2317 # (the helpers run through expect)
source "$(dirname "$0")/lib.sh"
source lib/build.sh
source lib/editor.sh
[[ -f $ARCH_OUT/modules/modules.order ]] || skip_all "no modules built for $ARCH"
command -v clangd >/dev/null || skip_all "clangd not installed (./setup installs it)"
KBUILD=$ARCH_OUT/kernel
ccache_env
work=$(mktemp -d)
trap 'rm -rf "$work" "$OUT"' EXIT

# The target clangd must parse for: the cross compiler's, or the host's.
arch_word=${CROSS_COMPILE%%-*}
arch_word=${arch_word:-$(uname -m)}

# clangd_check FILE: clangd --check, its log (verbose: each token's
# definitions and tweaks) in $OUT.
clangd_check() { (cd "${1%/*}" && clangd --check="$1" --log=verbose) >"$OUT" 2>&1; }
# token_has TOKEN PATTERN: a line of clangd's report on TOKEN matches.
token_has() {
	tr -d '\r' <"$OUT" | awk -v t="$1" -v p="$2" '
		$2 ~ /^[0-9]+:[0-9]+$/ { cur = ($3 == t) }
		cur && $0 ~ p { ok = 1 }
		END { exit !ok }'
}
resolved() { token_has "$1" 'definition: [1-9]'; }
macros() { # NAME...: clangd offers to expand each: it saw the kernel's macro
	local m
	for m; do token_has "$m" 'tweak: ExpandMacro' || return 1; done
}
clean_parse() { # DB: the check loaded DB, parsed for this arch, had no error
	saw "Loaded compilation database from $1\$" && saw " -triple $arch_word" &&
		saw 'All checks completed, 0 errors'
}
failed_parse() { saw "'[a-z/]+\.h' file not found" && saw 'All checks completed, [1-9][0-9]* errors'; }
written() { [[ -f $1/compile_commands.json && -f $1/.clangd ]]; }
# names DIR OTHER: DIR's database names DIR/edcheck.c, never OTHER.
names() { grep -qF "\"file\": \"$1/edcheck.c\"" "$1/compile_commands.json" && ! grep -qF "$2" "$1/compile_commands.json"; }

# Our module: what ./build -k wrote (written again if another arch's build
# wrote it since).
editor_files "$ARCH_OUT/modules" "$LKMP_ROOT/modules" >"$OUT" 2>&1
clangd_check "$LKMP_ROOT/modules/miscdev.c"
expect "miscdev.c: parsed for $arch_word with modules/compile_commands.json, 0 errors" \
	clean_parse "$LKMP_ROOT/modules/compile_commands.json"
expect "miscdev.c: misc_register resolved (linux/miscdevice.h)" resolved misc_register
expect "miscdev.c: module_init and THIS_MODULE are the kernel's macros" macros module_init THIS_MODULE

# An external module: sources in src/, built in a copy (as ./build builds
# modules/), the database written for src/.
EDITOR_STAMPS=$work/stamps
mkdir -p "$work/src"
cat >"$work/src/edcheck.c" <<-'C'
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/bits.h>
	#include <linux/build_bug.h>
	#include <linux/module.h>
	#include <linux/printk.h>

	/* Hold only with the database's -D flags and the arch's long. */
	static_assert(sizeof(KBUILD_MODNAME) == sizeof("edcheck"));
	static_assert(sizeof(long) * BITS_PER_BYTE == BITS_PER_LONG);

	static int __init edcheck_init(void)
	{
		pr_info("init\n");
		return 0;
	}
	module_init(edcheck_init);
	MODULE_LICENSE("GPL");
	MODULE_DESCRIPTION("the external module of tests/boot/editor.sh");
C
echo 'obj-m += edcheck.o' >"$work/src/Kbuild"
cp -a "$work/src" "$work/build"
{ kmake M="$work/build" modules && editor_files "$work/build" "$work/src"; } >"$OUT" 2>&1
expect "external module: built (kmake M=DIR), compile_commands.json and .clangd written" written "$work/src"
expect "external module: the database names src/edcheck.c, not the build copy" names "$work/src" "$work/build"
clangd_check "$work/src/edcheck.c"
expect "external module: parsed for $arch_word, 0 errors (static_asserts hold)" \
	clean_parse "$work/src/compile_commands.json"
expect "external module: pr_info and module_init are the kernel's macros" macros pr_info module_init

# The check can fail: the same database without the kernel's -I directories.
mkdir "$work/broken"
cp "$work/src/edcheck.c" "$work/src/.clangd" "$work/broken/"
python3 - "$work/src" "$work/broken" <<-'PY'
	import json, re, sys
	src, broken = sys.argv[1:]
	db = json.load(open(src + '/compile_commands.json'))
	for e in db:
	    e['file'] = e['file'].replace(src, broken)
	    e['command'] = re.sub(r' -I\S+', '', e['command'].replace(src, broken))
	json.dump(db, open(broken + '/compile_commands.json', 'w'))
	PY
clangd_check "$work/broken/edcheck.c"
expect "without -I: clangd --check fails (a kernel header not found, errors)" failed_parse
exit $fail
