# Page-table walks for reading the kernel through QEMU's physical memory
# mode (lkmp_kernel_memory.py). Pure Python, no GDB: memory comes in as a
# function, so tests/host/gdb-helpers.sh runs these on fixed tables.


class PageFault(LookupError):
    """No page table entry maps the address."""


def arm_table(ttbcr, ttbr0, ttbr1, va):
    """arm (short descriptors, no LPAE): the first-level table for va.
    TTBCR.N splits the address space between TTBR0 (below 2^(32-N)) and
    TTBR1 (Linux: N = 0, all TTBR0)."""
    n = ttbcr & 7
    if n and va >> (32 - n):
        return ttbr1 & ~0x3fff
    return ttbr0 & ~((1 << (14 - n)) - 1)


def arm_walk(table, va, read_word):
    """The physical address of va in the first-level table at table, with
    read_word(pa) giving the 32-bit word at physical address pa."""
    l1 = read_word(table + (va >> 20) * 4)
    if l1 & 3 == 2:                 # section: 1 MiB, or 16 MiB (bit 18)
        if l1 & (1 << 18):
            return (l1 & 0xff000000) | (va & 0xffffff)
        return (l1 & 0xfff00000) | (va & 0xfffff)
    if l1 & 3 == 1:                 # a second-level table
        l2 = read_word((l1 & 0xfffffc00) + ((va >> 12) & 0xff) * 4)
        if l2 & 2:                  # small page: 4 KiB
            return (l2 & 0xfffff000) | (va & 0xfff)
        if l2 & 1:                  # large page: 64 KiB
            return (l2 & 0xffff0000) | (va & 0xffff)
    raise PageFault("no page table entry for %#x" % va)


def page_pieces(va, size, page=4096):
    """[(va, length)] covering size bytes at va, none crossing a page: each
    piece is translated on its own."""
    pieces = []
    while size:
        length = min(size, page - va % page)
        pieces.append((va, length))
        va, size = va + length, size - length
    return pieces
