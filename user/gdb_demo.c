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

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 3;
	char line[64];

	for (int i = 1; i <= n; i++) {
		snprintf(line, sizeof(line), "step %d: total %d", i, add(i));
		puts(line);
	}
	return strlen(line) > 0 ? 0 : 1;
}
