# $lkmp_new_hit(): one stop per call for ./run-gdb-user's breakpoints, where
# QEMU's stub, which sees the whole machine, stops twice at an instruction
# the kernel ran again.

import gdb

from lkmp_kernel_memory import read_as_kernel, word


# Where each breakpoint location last stopped: pc -> (pid, registers, page
# faults, (context switches, jiffies)).
_last_hit = {}


# The core registers come first in every GDB register list, up to the pc
# (x86-64 calls it rip); the system registers that follow change on their own
# (fault address, counters). MIPS puts its fault address and cause in the core
# set: they are skipped.
_PC_NAMES = ("pc", "rip")
_FAULT_STATE = ("badvaddr", "cause")


def _registers(frame):
    values = []
    for reg in frame.architecture().registers():
        if reg.name in _FAULT_STATE:
            continue
        try:
            values.append(int(frame.read_register(reg.name)))
        except (gdb.error, ValueError):
            values.append(None)
        if reg.name in _PC_NAMES:
            break
    return tuple(values)


class LkmpNewHit(gdb.Function):
    """$lkmp_new_hit(): false when this stop only repeats the last one at
this pc (the same task, the same registers) because the instruction there
has not run yet. QEMU's stub sees the whole machine, so that happens:
- when the instruction faulted (the first touch of a page): the task took a
  page fault in between, the kernel mapped the page and runs it again;
- when GDB's single step over the breakpoint came back at the same pc
  without running it (QEMU 10 does that now and then on aarch64 when the
  instruction is about to fault): nothing happened in between, no fault, no
  context switch, not one timer tick.
A loop that comes back to the pc differs in some register, or has run for a
while. (A busy loop that calls the function with exactly the same registers
within one timer tick stops once per tick: doc/gdb-userland.md.)
./run-gdb-user adds it to its breakpoint's condition: one call, one stop."""

    def __init__(self):
        super().__init__("lkmp_new_hit")

    def invoke(self):
        frame = gdb.selected_frame()
        task = gdb.parse_and_eval("$lkmp_current()")
        jiffies = read_as_kernel(lambda: int(gdb.parse_and_eval("jiffies")),
                                 lambda mem: word(mem, int(gdb.parse_and_eval("&jiffies"))))
        hit = (int(task["pid"]), _registers(frame),
               int(task["min_flt"]) + int(task["maj_flt"]),
               (int(task["nvcsw"]), int(task["nivcsw"]), jiffies))
        last = _last_hit.get(frame.pc())
        _last_hit[frame.pc()] = hit
        if not last or last[:2] != hit[:2]:
            return True
        faulted = hit[2] > last[2]
        idle = hit[2:] == last[2:]
        return not (faulted or idle)


LkmpNewHit()
