// SPDX-License-Identifier: GPL-2.0
/*
 * gdb_demo: a small program to step through with GDB (doc/gdb-userland.md).
 * Built twice: /gdb_demo.out (static, for QEMU's stub: ./run-gdb-user) and
 * /gdb_demo.dyn.out (dynamically linked, for gdbserver: ./run-gdbserver), so
 * that stepping goes into the C library.
 *
 * Guest:  /gdb_demo.out 3   -> "step 1: total 1" ... "step 3: total 6"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int total;

/*
 * noinline: at -O2 GCC inlines add(), and on aarch64 it hoists part of it
 * out of the loop, so "break add" stopped once, before the loop, with i
 * optimized out. A real call stops on every call, with i, on every arch.
 */
static __attribute__((noinline)) int add(int i)
{
	total += i;
	return total;
}

/*
 * peek: one load from a page nothing has touched yet. The first access to
 * such a page faults; the kernel maps it and the load runs again. QEMU's
 * stub watches the whole machine, so a breakpoint on that load is reached
 * twice for one call; ./run-gdb-user stops once per call
 * (doc/gdb-userland.md). main peeks at two fresh pages: two calls, two stops.
 */
static __attribute__((noinline)) int peek(const volatile char *p)
{
	return *p;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 3;
	long page = sysconf(_SC_PAGESIZE);
	char *fresh = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char line[64];

	if (fresh == MAP_FAILED || peek(fresh) + peek(fresh + page) != 0)
		return 2;

	for (int i = 1; i <= n; i++) {
		snprintf(line, sizeof(line), "step %d: total %d", i, add(i));
		puts(line);
	}
	return strlen(line) > 0 ? 0 : 1;
}
