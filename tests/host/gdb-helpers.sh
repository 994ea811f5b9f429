#!/usr/bin/env bash
# The pure helpers of the GDB scripts, run offline on fixed inputs, no
# target: arm's page-table walk that $lkmp_current() reads the kernel with
# on 32-bit arm (gdb/lkmp_pagetable.py), in python3; and the section
# arguments lx-symbols gives add-symbol-file (section_arguments in
# scripts/gdb/linux/symbols.py of the 6.12 tree with kernel/patches/
# applied), in gdb-multiarch -batch; and gdb/test-lib.sh's gdb_lacks, which
# passes only for a GDB that reached its target.
set -euo pipefail
source "$(dirname "$0")/../../lib/common.sh"
source "$LKMP_ROOT/lib/sources.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PYTHONDONTWRITEBYTECODE=1 python3 - "$LKMP_ROOT/gdb" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import lkmp_pagetable as pt

# A first-level table at 0x4000 and a second-level one at 0x5000, by
# physical address; a word nobody wrote is 0, a fault descriptor.
memory = {
    0x4000 + 0xc01 * 4: 0x80000c0e,   # 1 MiB section 0xc0100000 -> 0x80000000
    # (A supersection or a large page is repeated in 16 entries: one is enough.)
    0x4000 + 0xd0a * 4: 0x90540002,   # 16 MiB supersection 0xd0000000 -> 0x90000000 (bits 20-23 not base)
    0x4000 + 0x004 * 4: 0x00005001,   # 0x00400000: the second-level table
    0x5000 + 0x01 * 4: 0x12345032,    # 4 KiB small page 0x00401000 -> 0x12345000
    0x5000 + 0x11 * 4: 0x20000001,    # 64 KiB large page 0x00410000 -> 0x20000000
}
failed = 0


def expect(what, got, want):
    global failed
    if got == want:
        print("ok: %s" % what)
    else:
        failed = 1
        show = lambda v: "%#x" % v if isinstance(v, int) else repr(v)
        print("FAIL: %s: got %s, expected %s" % (what, show(got), show(want)))


def walk(va):
    try:
        return pt.arm_walk(0x4000, va, lambda pa: memory.get(pa, 0))
    except pt.PageFault as e:
        return str(e)


expect("arm walk: 1 MiB section", walk(0xc0112345), 0x80012345)
expect("arm walk: 16 MiB supersection", walk(0xd0abcdef), 0x90abcdef)
expect("arm walk: 4 KiB small page", walk(0x00401234), 0x12345234)
expect("arm walk: 64 KiB large page", walk(0x00411234), 0x20001234)
expect("arm walk: an unmapped address is a PageFault", walk(0x00800000),
       "no page table entry for 0x800000")
expect("arm walk: a hole in a second-level table is a PageFault", walk(0x00402000),
       "no page table entry for 0x402000")
expect("arm table: TTBCR.N = 0, all TTBR0 (its low flag bits dropped)",
       pt.arm_table(0, 0x4059, 0x8000, 0xc0000000), 0x4000)
expect("arm table: TTBCR.N = 1, the upper half through TTBR1",
       pt.arm_table(1, 0x6000, 0x8059, 0x80000000), 0x8000)
expect("arm table: TTBCR.N = 1, the lower half through TTBR0 (8 KiB aligned)",
       pt.arm_table(1, 0x6059, 0x8000, 0x7fffffff), 0x6000)
expect("page pieces: a read across a page boundary is split there",
       pt.page_pieces(0x1ff0, 0x30), [(0x1ff0, 0x10), (0x2000, 0x20)])
expect("page pieces: a whole page is one piece",
       pt.page_pieces(0x3000, 0x1000), [(0x3000, 0x1000)])
sys.exit(failed)
PY

# The kernel's scripts/gdb as ./build makes them: pristine, then the patches
# of kernel/patches/ that touch scripts/gdb (and nothing else).
tree=$LKMP_OUT/src/linux
if git -C "$tree" rev-parse -q --verify lkmp-pristine >/dev/null 2>&1; then
	git -C "$tree" archive lkmp-pristine scripts/gdb | tar -x -C "$work"
else
	tar -xJf "$(source_file linux-source-6.12)" -C "$work" --strip-components=1 --wildcards '*/scripts/gdb/*'
fi
for p in "$LKMP_ROOT"/kernel/patches/*.patch; do
	if grep -q '^+++ b/scripts/gdb/' "$p"; then
		patch -d "$work" -p1 --quiet -i "$p" || { echo "FAIL: $p does not apply to scripts/gdb"; exit 1; }
	fi
done
command -v gdb-multiarch >/dev/null || { echo "# SKIP: no gdb-multiarch (./setup installs it)"; exit 4; }
out=$(PYTHONDONTWRITEBYTECODE=1 gdb-multiarch -nx -batch -ex "python
import sys, types
sys.path.insert(0, '$work/scripts/gdb')
# symbols.py's imports read vmlinux's types (utils) or are made by the
# kernel's build (constants): section_arguments uses none of them.
import linux
for name in ('constants', 'modules', 'utils'):
    sys.modules['linux.' + name] = types.ModuleType('linux.' + name)
from linux.symbols import section_arguments

text, init, data = (0xffffffffa0000000, 0xffffffffa0001000), (0xffffffffa0006000, 0xffffffffa0007000), (0xffffffffa0002000, 0xffffffffa0004000)
sections = {'.text': 0xffffffffa0000000, '.init.text': 0xffffffffa0006000,
            '.exit.text': 0xffffffffa0000040, '.data': 0xffffffffa0002000,
            '.bss': 0xffffffffa0003000, '.rodata': 0}
cases = [
    ('every section in memory, .text first', sections, [text, init, data],
     '0xffffffffa0000000 -s .bss 0xffffffffa0003000 -s .data 0xffffffffa0002000 -s .exit.text 0xffffffffa0000040 -s .init.text 0xffffffffa0006000'),
    ('init memory freed: .init.text left out', sections, [text, data],
     '0xffffffffa0000000 -s .bss 0xffffffffa0003000 -s .data 0xffffffffa0002000 -s .exit.text 0xffffffffa0000040'),
    ('no .text: the module address first', {'.data': 0xffffffffa0002000}, [data],
     '0xffffffffa0000000 -s .data 0xffffffffa0002000'),
]
for what, given, memory, want in cases:
    got = section_arguments(given, '0xffffffffa0000000', memory)
    print(('ok: section arguments: %s' % what) if got == want else
          'FAIL: section arguments: %s: got %r, expected %r' % (what, got, want))
print('done')
" 2>&1) || true
echo "$out"
[[ $out == *done* && $out != *FAIL* ]]

# gdb_lacks on transcripts: nothing at all (GDB never connected), a stop
# without the line, a stop with it.
# shellcheck source=/dev/null
source <(sed -n '/^gdb_saw()/p; /^gdb_stopped()/p; /^gdb_lacks()/p' "$LKMP_ROOT/gdb/test-lib.sh")
GLOG=$work/glog
: >"$GLOG"
! gdb_lacks 'lx-symbols' || { echo "FAIL: gdb_lacks passed on an empty transcript"; exit 1; }
printf '%s\n' '0x000000000000fff0 in exception_stacks ()' '[Inferior 1 (process 1) killed]' >"$GLOG"
gdb_lacks 'lx-symbols' || { echo "FAIL: gdb_lacks failed on a stop without the line"; exit 1; }
echo 'loading vmlinux: lx-symbols' >>"$GLOG"
! gdb_lacks 'lx-symbols' || { echo "FAIL: gdb_lacks passed with the line there"; exit 1; }
echo "ok: gdb_lacks fails for a GDB that never connected, then holds only for what is absent"
