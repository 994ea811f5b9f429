# $lkmp_current(): the kernel's $lx_current() read at the kernel's privilege
# level, for ./run-gdb-user, whose breakpoints stop in user code.

import gdb

from linux import cpus

from lkmp_kernel_memory import read_as_kernel, word


class LkmpCurrent(gdb.Function):
    """$lkmp_current([CPU]): the task running on CPU (default: the current
one), as $lx_current([CPU]) finds it, but also while the CPU runs user code:
QEMU's stub reads memory with the CPU's privilege level, so in user mode on
aarch64, riscv and mips the task is read with the CPU set to the kernel's
level for the while; on arm it is read through physical memory, from the
CPU's runqueue (rq->curr), and the result is a copy, not an lvalue
(gdb/lkmp_kernel_memory.py). ./run-gdb-user uses it."""

    def __init__(self):
        super().__init__("lkmp_current")

    def invoke(self, cpu=-1):
        if cpu == -1:
            cpu = cpus.get_current_cpu()

        def read():
            task = cpus.get_current_task(cpu)
            task.fetch_lazy()
            return task

        def physical(mem):
            offset = 0
            if gdb.lookup_global_symbol("__per_cpu_offset") is not None:
                offset = word(mem, int(gdb.parse_and_eval("&__per_cpu_offset[%d]" % cpu)))
            curr = [f for f in gdb.lookup_type("struct rq").fields() if f.name == "curr"][0]
            task = word(mem, int(gdb.parse_and_eval("&runqueues")) + offset + curr.bitpos // 8)
            task_type = gdb.lookup_type("struct task_struct")
            return gdb.Value(mem(task, task_type.sizeof), task_type)
        return read_as_kernel(read, physical)


LkmpCurrent()
