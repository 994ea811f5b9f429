# lkmp's GDB additions, sourced by ./run-gdb, ./run-gdb-user and ./tmu after
# the kernel's own scripts (scripts/gdb, loaded by vmlinux-gdb.py). Those are
# used as they are; where they fall short they are fixed by patches written
# for upstream, which ./build applies (kernel/patches/):
#   0003-0005  lx-symbols: every section of a module, freed init sections,
#              the breakpoint armed before the kernel runs
#   0006       $lx_current(): the runqueue's task where no register holds it
#   0007       module.lds: section addresses 0, which GDB needs to place a
#              module's debug information section by section
# What is here is lkmp's own, one topic per file:
#   lkmp_break.py          lkmp-break: ./run-gdb LOCATION, or quit 1
#   lkmp_entry_nops.py     one stop per call on arm64's patchable entries
#   lkmp_kernel_memory.py  reading the kernel while the CPU runs user code
#                          through QEMU's stub (privilege level, physical)
#   lkmp_pagetable.py      its page-table walk (pure: tests/host/gdb-helpers.sh)
#   lkmp_current.py        $lkmp_current()
#   lkmp_new_hit.py        $lkmp_new_hit()

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lkmp_break  # noqa: E402,F401
import lkmp_current  # noqa: E402,F401
import lkmp_entry_nops  # noqa: E402,F401
import lkmp_new_hit  # noqa: E402,F401
