# lkmp's additions to the kernel's GDB scripts (scripts/gdb, loaded from
# vmlinux-gdb.py before this file). Sourced by ./run-gdb.
#
# lx-symbols, replaced: the kernel's version (6.12) passes add-symbol-file only
# .text, .data, .data..read_mostly, .rodata, .bss, .text.hot and
# .text.unlikely (_section_arguments in scripts/gdb/linux/symbols.py). A
# module's other code sections, .init.text and .exit.text above all, are then
# placed at wrong addresses: a breakpoint on hello_init stops somewhere else
# and GDB names functions wrongly (seen with gdb 13.1). We pass every section
# the kernel lists for the module (what /sys/module/NAME/sections/ shows),
# overriding one method here instead of patching the kernel tree.
#
# Passing every section is not enough with 6.12's module objects, though: in
# them an empty .data has a non-zero address (0x30). GDB lays out the
# sections of a relocatable file and relocates its debug info against them
# only if every section address is 0; otherwise it adds the .text offset to
# all debug addresses, so hello_init (.init.text) "is" at .text's address,
# and the line table names the function there (hello_exit) instead. So GDB is
# given a copy of the .ko whose section addresses are zeroed (_get_module_file
# below); the code, symbols and debug info are unchanged.
#
# A module's .init sections are freed once its init function returns, and
# the next module may be loaded there: GDB, still holding the old module's
# .init.text, named the new module's code after the old one's init function.
# So before each module's symbols load, the modules whose init memory was
# freed since get their symbols reloaded without the freed sections.
#
# Two more changes: only the directories given are scanned for .ko files (the
# original also walks the current directory, where stripped copies in the
# staged rootfs could be found first), and before the kernel runs (QEMU's -S
# stop, memory not mapped yet) the module list is not read: only the
# breakpoint that loads each module's symbols on insmod is set, which is all a
# kernel that has loaded no module yet needs.

import atexit
import os
import shutil
import struct
import tempfile

import gdb

from linux import modules, symbols


def kernel_running():
    """True once the kernel's virtual memory can be read."""
    try:
        int(gdb.parse_and_eval("modules")["next"])
        return True
    except gdb.error:
        return False


_copies = {}
_copy_dir = None


def zero_section_addresses(path):
    """PATH, or a copy of it whose ELF section addresses are all 0."""
    global _copy_dir
    with open(path, "rb") as f:
        elf = bytearray(f.read())
    if elf[:4] != b"\x7fELF":
        return path
    end = "<" if elf[5] == 1 else ">"
    if elf[4] == 2:  # ELFCLASS64
        shoff, = struct.unpack_from(end + "Q", elf, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", elf, 0x3a)
        addr_at, addr_fmt = 16, "Q"
    else:
        shoff, = struct.unpack_from(end + "I", elf, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", elf, 0x2e)
        addr_at, addr_fmt = 12, "I"
    changed = False
    for i in range(shnum):
        at = shoff + i * shentsize + addr_at
        if struct.unpack_from(end + addr_fmt, elf, at)[0]:
            struct.pack_into(end + addr_fmt, elf, at, 0)
            changed = True
    if not changed:
        return path
    if _copy_dir is None:
        _copy_dir = tempfile.mkdtemp(prefix="lkmp-gdb-")
        atexit.register(shutil.rmtree, _copy_dir, True)
    copy = os.path.join(_copy_dir, os.path.basename(path))
    with open(copy, "wb") as f:
        f.write(elf)
    return copy


def live_memory(module):
    """[(start, end)] of the module's allocated memory: its init regions
    (mem[MOD_INIT_*]) have base NULL once do_init_module freed them."""
    mem = module["mem"]
    low, high = mem.type.range()
    ranges = []
    for i in range(low, high + 1):
        base = int(mem[i]["base"])
        if base:
            ranges.append((base, base + int(mem[i]["size"])))
    return ranges


def section_arguments(module, module_addr):
    """add-symbol-file's arguments after the file name: every section the
    kernel lists for the module, except those in freed memory."""
    try:
        sect_attrs = module["sect_attrs"].dereference()
    except gdb.error:
        return str(module_addr)
    attrs = sect_attrs["attrs"]
    live = live_memory(module)
    sections = {}
    for n in range(int(sect_attrs["nsections"])):
        name = attrs[n]["battr"]["attr"]["name"].string()
        addr = int(attrs[n]["address"])
        if any(start <= addr < end for start, end in live):
            sections[name] = addr
    text = sections.pop(".text", None)
    args = [hex(text) if text else str(module_addr)]
    args += ["-s {0} {1:#x}".format(name, addr)
             for name, addr in sorted(sections.items()) if addr]
    return " ".join(args)


class LoadModuleBreakpoint(symbols.LoadModuleBreakpoint):
    """The kernel's do_init_module breakpoint, first dropping the freed init
    sections of the modules loaded before."""

    def stop(self):
        self.gdb_command.drop_freed_sections()
        return super().stop()


class LkmpSymbols(symbols.LxSymbols):
    """(Re-)load symbols of the kernel and its modules, every section of them.

lx-symbols DIR...: the kernel's command, fixed by lkmp (gdb/lkmp.py): modules
get all their sections (/sys/module/NAME/sections/) and only DIR... is
scanned for .ko files. Before the kernel runs, it only arms the breakpoint
that loads each module's symbols when it is inserted."""

    def _get_module_file(self, module_name):
        path = super()._get_module_file(module_name)
        if path is None:
            return None
        key = (path, os.stat(path).st_mtime)
        if key not in _copies:
            _copies[key] = zero_section_addresses(path)
        return _copies[key]

    # Module name -> the add-symbol-file arguments its symbols were loaded
    # with.
    loaded_with = {}

    def _section_arguments(self, module, module_addr):
        args = section_arguments(module, module_addr)
        self.loaded_with[module["name"].string()] = args
        return args

    def drop_freed_sections(self):
        """Reload, without their .init sections, the symbols of the modules
        whose init memory was freed since they were loaded: the next module
        may be loaded there, and GDB would name its code after the old one."""
        live = int(gdb.parse_and_eval("MODULE_STATE_LIVE"))
        for module in modules.module_list():
            name = module["name"].string()
            old = self.loaded_with.get(name)
            # A module still coming (the one being loaded) has its init.
            if old is None or int(module["state"]) != live or \
                    old == section_arguments(module, old.split()[0]):
                continue
            gdb.write("lx-symbols: {0}: init sections freed, reloading "
                      "without them\n".format(name))
            gdb.execute("remove-symbol-file -a " + old.split()[0],
                        to_string=True)
            self.load_module_symbols(module)

    def invoke(self, arg, from_tty):
        self.module_paths = [os.path.abspath(os.path.expanduser(p))
                             for p in arg.split()]
        self.module_files = []
        self.module_files_updated = False
        if kernel_running():
            self.load_all_symbols()
        else:
            gdb.write("lx-symbols: the kernel is not running yet; module "
                      "symbols will load when modules are inserted\n")
        if self.breakpoint is not None:
            self.breakpoint.delete()
        self.breakpoint = LoadModuleBreakpoint(
            "kernel/module/main.c:do_init_module", self)


LkmpSymbols()


class LkmpBreak(gdb.Command):
    """lkmp-break LOCATION: break there, or print GDB's error and quit 1.

Used by ./run-gdb LOCATION. A location that is in no loaded symbol file is an
error unless LKMP_PENDING is set (a module function, found by ./run-gdb in a
module's .ko). On error the target is killed if it had not started (./run -d:
QEMU exits), else left running (detach)."""

    def __init__(self):
        super().__init__("lkmp-break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        pending = os.environ.get("LKMP_PENDING") == "1"
        gdb.execute("set breakpoint pending %s" % ("on" if pending else "off"))
        try:
            gdb.execute("break " + arg)
        except gdb.error as e:
            gdb.write("%s\n" % e, gdb.STDERR)
            if kernel_running():
                gdb.execute("detach")
            else:
                gdb.execute("kill")
            gdb.execute("quit 1")
        finally:
            gdb.execute("set breakpoint pending auto")


LkmpBreak()


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


# How to read kernel memory while the CPU runs user code. QEMU's stub reads
# memory with the access rights of the CPU's current privilege level, and the
# kernel's pages are for the kernel's level only. Per GDB architecture (name
# prefix): the register holding the level, whether a value of it is the user
# level, and the value with the kernel's level instead. Arches not listed
# (x86_64) read the kernel from user mode as they are.
_PRIVILEGE_REGISTERS = (
    # aarch64: PSTATE's M[4:0] is 0 at EL0 (EL0t); EL1h is 0b00101. (The
    # kernel must also be mapped at EL0: no KPTI, kernel/aarch64.config.)
    ("aarch64", "cpsr", lambda v: (v & 0x1f) == 0, lambda v: v | 0x5),
    # riscv: QEMU's virtual register "priv", 0 in U-mode; 1 is S-mode. (riscv
    # Linux maps the kernel in every process's page table.)
    ("riscv", "priv", lambda v: v == 0, lambda v: 1),
    # mips: Status KSU is 0b10 in user mode (EXL, ERL clear); 0 is kernel.
    ("mips", "sr", lambda v: (v & 0x1e) == 0x10, lambda v: v & ~0x18),
)


def _phys_word(pa):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(pa, 4)), "little")


def _arm_walk(frame, va):
    """arm (short descriptors, no LPAE): the physical address of VA, from
    the page tables of the running process, read physically. TTBCR.N splits
    the address space between TTBR0 and TTBR1 (Linux: N = 0, all TTBR0)."""
    n = int(frame.read_register("TTBCR")) & 7
    if n and va >> (32 - n):
        table = int(frame.read_register("TTBR1")) & ~0x3fff
    else:
        table = int(frame.read_register("TTBR0")) & ~((1 << (14 - n)) - 1)
    l1 = _phys_word(table + (va >> 20) * 4)
    if l1 & 3 == 2:                 # section: 1 MiB, or 16 MiB (bit 18)
        if l1 & (1 << 18):
            return (l1 & 0xff000000) | (va & 0xffffff)
        return (l1 & 0xfff00000) | (va & 0xfffff)
    if l1 & 3 == 1:                 # a second-level table
        l2 = _phys_word((l1 & 0xfffffc00) + ((va >> 12) & 0xff) * 4)
        if l2 & 2:                  # small page: 4 KiB
            return (l2 & 0xfffff000) | (va & 0xfff)
        if l2 & 1:                  # large page: 64 KiB
            return (l2 & 0xffff0000) | (va & 0xffff)
    raise gdb.MemoryError("no page table entry for %#x" % va)


# Where no privilege register can be switched: arm (32-bit), whose stub
# ignores a CPSR mode change made in USR mode. There the kernel is read
# through the stub's physical memory mode (Qqemu.PhyMemMode), each address
# translated by walking the page tables. Per GDB architecture name prefix:
# whether the CPU runs user code (from its cpsr), and the walker.
_PAGE_WALKERS = (
    ("arm", lambda frame: int(frame.read_register("cpsr")) & 0x1f == 0x10, _arm_walk),
)


def _read_physically(frame, walk, va, size):
    """size bytes of kernel memory at va, page by page through walk."""
    inferior, data = gdb.selected_inferior(), b""
    while len(data) < size:
        chunk = min(size - len(data), 4096 - (va + len(data)) % 4096)
        pa = walk(frame, va + len(data))
        data += bytes(inferior.read_memory(pa, chunk))
    return data


def _read_as_kernel(read, physical=None):
    """read(); if that fails while the CPU runs user code, read() again with
    the CPU's privilege level set to the kernel's for the while
    (_PRIVILEGE_REGISTERS), then set back. Where the level cannot be set
    (_PAGE_WALKERS), physical(mem) instead, with mem(va, size) returning
    the bytes of kernel memory at va."""
    try:
        return read()
    except gdb.MemoryError:
        frame = gdb.selected_frame()
        arch = frame.architecture().name()
        for prefix, reg, is_user, kernel in _PRIVILEGE_REGISTERS:
            if arch.startswith(prefix):
                break
        else:
            for prefix, in_user_mode, walk in _PAGE_WALKERS:
                if physical and arch.startswith(prefix) and in_user_mode(frame):
                    break
            else:
                raise
            gdb.execute("maint packet Qqemu.PhyMemMode:1", to_string=True)
            try:
                return physical(lambda va, size: _read_physically(frame, walk, va, size))
            finally:
                gdb.execute("maint packet Qqemu.PhyMemMode:0", to_string=True)
        value = int(frame.read_register(reg))
        if not is_user(value):
            raise
        gdb.execute("set $%s = %#x" % (reg, kernel(value)), to_string=True)
        try:
            return read()
        finally:
            gdb.execute("set $%s = %#x" % (reg, value), to_string=True)


def _word(mem, va):
    """The pointer-sized little-endian word at va, read with mem."""
    size = gdb.lookup_type("void").pointer().sizeof
    return int.from_bytes(mem(va, size), "little")


class LkmpCurrent(gdb.Function):
    """$lkmp_current([CPU]): the task running on CPU (default: the current
one), read from its runqueue (rq->curr). Unlike $lx_current() it works while
the CPU runs user code on every arch: on arm64 the register $lx_current()
reads (SP_EL0) then holds the user stack pointer. ./run-gdb-user uses it.
The task is read whole at once: in user mode on aarch64, riscv and mips that
is done at the kernel's privilege level, on arm through physical memory (see
_read_as_kernel); there the result is a copy, not an lvalue."""

    def __init__(self):
        super().__init__("lkmp_current")

    def invoke(self, cpu=-1):
        from linux import cpus
        if cpu == -1:
            cpu = cpus.get_current_cpu()

        def read():
            rq = cpus.per_cpu(gdb.parse_and_eval("&runqueues"), cpu)
            if rq.type.code == gdb.TYPE_CODE_PTR:
                rq = rq.dereference()
            task = rq["curr"].dereference()
            task.fetch_lazy()
            return task

        def physical(mem):
            offset = 0
            if gdb.lookup_global_symbol("__per_cpu_offset") is not None:
                offset = _word(mem, int(gdb.parse_and_eval("&__per_cpu_offset[%d]" % cpu)))
            curr = [f for f in gdb.lookup_type("struct rq").fields() if f.name == "curr"][0]
            task = _word(mem, int(gdb.parse_and_eval("&runqueues")) + offset + curr.bitpos // 8)
            task_type = gdb.lookup_type("struct task_struct")
            return gdb.Value(mem(task, task_type.sizeof), task_type)
        return _read_as_kernel(read, physical)


LkmpCurrent()


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
        jiffies = _read_as_kernel(lambda: int(gdb.parse_and_eval("jiffies")),
                                  lambda mem: _word(mem, int(gdb.parse_and_eval("&jiffies"))))
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
