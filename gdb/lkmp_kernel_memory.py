# Reading kernel memory while the CPU runs user code, through QEMU's stub.
# The stub reads memory with the access rights of the CPU's current
# privilege level, and the kernel's pages are for the kernel's level only.
# x86_64 reads the kernel from user mode as it is. Elsewhere read_as_kernel()
# sets the CPU's level to the kernel's for the while (PRIVILEGE_REGISTERS),
# or, where the stub ignores that (arm), reads physical memory through the
# stub's Qqemu.PhyMemMode, walking the process's page tables (PAGE_WALKERS).

import gdb

import lkmp_pagetable

# Per GDB architecture (name prefix): the register holding the level,
# whether a value of it is the user level, and the value with the kernel's
# level instead.
PRIVILEGE_REGISTERS = (
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
    table = lkmp_pagetable.arm_table(int(frame.read_register("TTBCR")),
                                     int(frame.read_register("TTBR0")),
                                     int(frame.read_register("TTBR1")), va)
    try:
        return lkmp_pagetable.arm_walk(table, va, _phys_word)
    except lkmp_pagetable.PageFault as e:
        raise gdb.MemoryError(str(e))


# Where no privilege register can be switched: arm (32-bit), whose stub
# ignores a CPSR mode change made in USR mode. Per GDB architecture name
# prefix: whether the CPU runs user code (from its cpsr), and the walker.
PAGE_WALKERS = (
    ("arm", lambda frame: int(frame.read_register("cpsr")) & 0x1f == 0x10, _arm_walk),
)


def _read_physically(frame, walk, va, size):
    """size bytes of kernel memory at va, page by page through walk."""
    inferior = gdb.selected_inferior()
    return b"".join(bytes(inferior.read_memory(walk(frame, piece), length))
                    for piece, length in lkmp_pagetable.page_pieces(va, size))


def read_as_kernel(read, physical=None):
    """read(); if that fails while the CPU runs user code, read() again with
    the CPU's privilege level set to the kernel's for the while, then set
    back. Where the level cannot be set (PAGE_WALKERS), physical(mem)
    instead, with mem(va, size) returning the bytes of kernel memory at va."""
    try:
        return read()
    except gdb.MemoryError:
        frame = gdb.selected_frame()
        arch = frame.architecture().name()
        for prefix, reg, is_user, kernel in PRIVILEGE_REGISTERS:
            if arch.startswith(prefix):
                break
        else:
            for prefix, in_user_mode, walk in PAGE_WALKERS:
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


def word(mem, va):
    """The pointer-sized little-endian word at va, read with mem."""
    size = gdb.lookup_type("void").pointer().sizeof
    return int.from_bytes(mem(va, size), "little")
