#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a kernel-made compile_commands.json into one clangd can use.

lib/editor.sh runs this on the database that the kernel's
scripts/clang-tools/gen_compile_commands.py wrote. It drops the ccache
wrapper (clangd must see the real compiler, whose name carries the cross
target: aarch64-linux-gnu-gcc), maps every path under the build copy back to
the sources the user edits, and writes a .clangd that removes the GCC-only
flags clang rejects. Which flags those are is measured, not listed by hand:
each distinct flag of the database is tried once with
`clang --target=T -fsyntax-only -x c /dev/null FLAG`, and a flag that makes
clang say anything (an error, an unknown warning option, an ignored
optimization flag) is removed. The answer is cached by a hash of clang, the target, the flag set and
this file.

usage: editor.py OUT BUILD_DIR SOURCE_DIR CLANGD MARK CACHE_DIR GEN_SCRIPT GEN_ARG...
runs GEN_SCRIPT (gen_compile_commands.py) with GEN_ARGs and -o a temporary
file, in this process (one Python start, not two: this runs on every
./build that rebuilt a module).
"""

import hashlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile

# Flags that only name files or macros: clang takes them all, no probe.
NOT_PROBED = re.compile(r'^-([IDU]|Wp,|M|c$|o$|include$|isystem$|iquote$|idirafter$|imacros$)')


def rewrite(entry, build, source):
    """ENTRY without ccache, its paths under BUILD under SOURCE.

    The command stays the string Kbuild wrote (shlex on 1,300 kernel
    commands took seconds); a file made in the build copy only (not in
    SOURCE) keeps its entry as it is."""
    command = entry['command']
    first, rest = command.split(None, 1)
    if os.path.basename(first) == 'ccache':
        command = rest
    if build != source:
        mapped = re.sub(re.escape(build) + r'(?=/|$)', source, entry['file'])
        if os.path.exists(mapped):
            command = re.sub(re.escape(build) + r'(?=[/\s]|$)', source, command)
            entry = dict(entry, file=mapped)
    return dict(entry, command=command)


def probe_flags(entries):
    """The distinct flags of the database that clang must be asked about,
    each with its value where that is a word of its own (-G 0)."""
    flags = set()
    for e in entries:
        # Split at blanks (the quoted words of Kbuild's commands are -D
        # values); not the compiler, not the source file at the end.
        words = e['command'].split()[1:-1]
        for i, a in enumerate(words):
            if a.startswith('-') and not NOT_PROBED.match(a):
                value = words[i + 1:i + 2]
                flags.add(' '.join([a] + [v for v in value if not v.startswith('-')]))
    return sorted(flags)


def clang_target(compiler):
    """aarch64-linux-gnu-gcc -> aarch64-linux-gnu; gcc -> None (the host's)."""
    m = re.match(r'^(.+)-gcc(-[0-9.]+)?$', os.path.basename(compiler))
    return m.group(1) if m else None


def clang_says(target, flags):
    """What clang prints for FLAGS (strings of words) on an empty C file."""
    cmd = ['clang'] + ([f'--target={target}'] if target else [])
    cmd += ['-fsyntax-only', '-x', 'c', '/dev/null'] + [w for f in flags for w in f.split()]
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd='/')
    return r.stderr.strip()


def measure(target, flags):
    """The FLAGS clang says something about: each flag alone, then each of
    those again beside all that were silent (some flags need others: on
    mips64, -fno-pic is ignored unless -mno-abicalls is there too)."""
    import concurrent.futures  # (only here: the cache mostly answers)
    base = clang_says(target, [])
    if base:
        sys.exit(f'editor.py: clang cannot parse for target {target}: {base}')
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        alone = list(pool.map(lambda f: clang_says(target, [f]), flags))
        silent = [f for f, said in zip(flags, alone) if not said]
        loud = [f for f, said in zip(flags, alone) if said]
        if clang_says(target, silent):  # together they are not silent: keep the answers alone
            return loud
        beside = list(pool.map(lambda f: clang_says(target, silent + [f]), loud))
    return [f for f, said in zip(loud, beside) if said]


def rejected_flags(target, flags, cache_dir):
    """The flags clang rejects for TARGET, from the cache or measured."""
    clang = os.path.realpath(shutil.which('clang') or sys.exit('editor.py: clang not found'))
    st = os.stat(clang)
    with open(__file__, 'rb') as f:  # (a new way to measure, a new answer)
        me = hashlib.sha256(f.read()).hexdigest()
    key = '\n'.join([me, f'{clang} {st.st_size} {st.st_mtime_ns}', target or 'host'] + flags)
    cached = os.path.join(cache_dir, f'rejected-{hashlib.sha256(key.encode()).hexdigest()[:16]}.txt')
    if os.path.exists(cached):
        with open(cached) as f:
            return [line.rstrip('\n') for line in f if line.strip()]
    rejected = measure(target, flags)
    os.makedirs(cache_dir, exist_ok=True)
    with open(cached + '.tmp', 'w') as f:
        f.write(''.join(r + '\n' for r in rejected))
    os.replace(cached + '.tmp', cached)
    return rejected


def clangd_config(mark, target, rejected):
    lines = [mark,
             '# The GCC flags of compile_commands.json that clang rejects for',
             f'# {target or "the host"}, each tried with clang -fsyntax-only (lib/editor.py).',
             'CompileFlags:',
             '  Remove:']
    # (By name: clangd removes a flag it knows with its value, -G 0.)
    lines += [f'    - {json.dumps(r)}' for r in sorted({r.split()[0] for r in rejected})]
    return '\n'.join(lines) + '\n'


def ours(path, mark):
    """Is PATH absent, or a .clangd that this script wrote (its first line)?"""
    try:
        with open(path) as f:
            return f.readline().rstrip('\n') == mark
    except FileNotFoundError:
        return True


def write(path, text):
    with open(path + '.tmp', 'w') as f:
        f.write(text)
    os.replace(path + '.tmp', path)


def kernel_database(gen_script, gen_args):
    """What the kernel's gen_compile_commands.py writes, run as a script."""
    with tempfile.NamedTemporaryFile(suffix='.json') as raw:
        argv = sys.argv
        sys.argv = [gen_script] + gen_args + ['-o', raw.name]
        try:
            runpy.run_path(gen_script, run_name='__main__')
        finally:
            sys.argv = argv
        with open(raw.name) as f:
            return json.load(f)


def main():
    out_db, build, source, clangd, mark, cache_dir, gen_script = sys.argv[1:8]
    entries = [rewrite(e, build, source) for e in kernel_database(gen_script, sys.argv[8:])]
    if not entries:
        sys.exit(f'editor.py: no compile commands in {" ".join(sys.argv[8:])}')
    target = clang_target(entries[0]['command'].split(None, 1)[0])
    rejected = rejected_flags(target, probe_flags(entries), cache_dir)
    write(out_db, json.dumps(entries, indent=1) + '\n')
    if ours(clangd, mark):
        write(clangd, clangd_config(mark, target, rejected))
    else:
        print(f'{clangd} is yours (without lkmp\'s first line): left as it is; clang '
              f'rejects these flags of compile_commands.json: {", ".join(rejected)}', file=sys.stderr)


if __name__ == '__main__':
    main()
