# Patchable function entries (arm64's ftrace: -fpatchable-function-entry=2)
# put NOPs at a function's ELF symbol, before the code its debug info
# describes. GDB then resolves "break FUNC" to two locations in FUNC: one in
# the NOPs (at the symbol, or a few bytes past it: GDB's prologue analysis)
# and the DWARF entry past them, and a call stops twice, first without
# arguments or the right source line (in a module's init function, named
# init_module, its alias, not FUNC). The first location is disabled
# here whenever a breakpoint gets its locations (set, or a module's symbols
# loaded), so a call stops once, where GDB knows the frame. Toolchains
# without such NOPs give one location: nothing changes there.

import gdb


_fixing = False


def _elf_symbol(addr):
    """(name, offset) of the ELF symbol at addr, or None."""
    try:
        out = gdb.execute("info symbol %#x" % addr, to_string=True)
    except gdb.error:
        return None
    words = out.split()
    if len(words) < 3 or out.startswith("No symbol"):
        return None
    return (words[0], int(words[2]) if words[1] == "+" else 0)


def _dwarf_function(addr):
    try:
        return gdb.block_for_pc(addr).function
    except (RuntimeError, AttributeError):
        return None


def _skip_entry_nops(bp):
    global _fixing
    if _fixing:
        return
    try:
        locs = list(bp.locations)
    except (AttributeError, RuntimeError, gdb.error):
        return
    if len(locs) < 2:
        return
    _fixing = True
    try:
        for loc in locs:
            if not loc.enabled:
                continue
            sym = _elf_symbol(loc.address)
            if not sym:
                continue
            for other in locs:
                delta = other.address - loc.address
                if 0 < delta <= 16 and \
                        _elf_symbol(other.address) == (sym[0], sym[1] + delta) and \
                        _dwarf_function(other.address) is not None and \
                        _dwarf_function(loc.address) != _dwarf_function(other.address):
                    loc.enabled = False
                    break
    finally:
        _fixing = False


gdb.events.breakpoint_created.connect(_skip_entry_nops)
gdb.events.breakpoint_modified.connect(_skip_entry_nops)
