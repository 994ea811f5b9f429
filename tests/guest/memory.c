// SPDX-License-Identifier: GPL-2.0
/*
 * memory: each allocator's result for small, large and absurd sizes (the
 * absurd one fails with ENOMEM and no warning); the module's own kmem_cache
 * counts its objects and frees them all on unload.
 */
#define _GNU_SOURCE		/* strchrnul */
#include <stdint.h>

#include "ktap.h"
#include "fileio.h"

/* More than any allocator can give, yet a valid size: 1 TiB, or 3 GiB on a
 * 32-bit arch (arm), where 1 TiB does not fit in a size_t.
 */
#if SIZE_MAX > 0xffffffffUL
#define HUGE "1099511627776"
#define HUGE_NAME "1 TiB"
#else
#define HUGE "3221225472"
#define HUGE_NAME "3 GiB"
#endif

#define P "/proc/memory"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

/* The line of P that starts with "name ", without its newline. */
static const char *line(const char *name)
{
	static char out[128];
	const char *s = cat(P), *e;
	size_t len = strlen(name);

	for (; *s; s = *e ? e + 1 : e) {
		e = strchrnul(s, '\n');
		if (!strncmp(s, name, len) && s[len] == ' ') {
			snprintf(out, sizeof(out), "%.*s", (int)(e - s), s);
			return out;
		}
	}
	return "(missing)";
}

static void check_line(const char *want, const char *desc)
{
	char name[32];
	const char *got;

	sscanf(want, "%31s", name);
	got = line(name);
	if (!ktap_ok(!strcmp(got, want), "%s", desc))
		ktap_diag("expected '%s', got '%s'", want, got);
}

int main(void)
{
	int ok;

	ktap_plan(25);
	ktap_ok(sh("modprobe memory size=0 2>/dev/null") != 0, "size=0 is refused");
	ktap_ok(sh("modprobe memory size=abc 2>/dev/null") != 0, "size=abc is refused");
	if (!ktap_ok(sh("modprobe memory size=100") == 0, "modprobe memory size=100"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] memory: init$"), "init message");
	check_line("size 100", "the parameter set the first size");
	check_line("kmalloc ok 128", "kmalloc(100) comes from the 128-byte class");
	check_line("kzalloc ok zeroed", "kzalloc zeroes");
	check_line("krealloc ok 256 kept", "krealloc to 200 keeps the content");
	check_line("vmalloc ok", "vmalloc(100) works");
	check_line("kvmalloc ok kmalloc", "kvmalloc(100) uses kmalloc");

	check_err(P, 0, "alloc 8388608", "alloc 8 MiB is accepted");
	check_line("kmalloc -ENOMEM", "kmalloc(8 MiB) fails: above KMALLOC_MAX_SIZE");
	check_line("vmalloc ok", "vmalloc(8 MiB) works");
	check_line("kvmalloc ok vmalloc", "kvmalloc(8 MiB) falls back to vmalloc");

	check_err(P, ENOMEM, "alloc " HUGE, "alloc " HUGE_NAME ": ENOMEM");
	ok = !strcmp(line("kmalloc"), "kmalloc -ENOMEM") &&
	     !strcmp(line("kzalloc"), "kzalloc -ENOMEM") &&
	     !strcmp(line("vmalloc"), "vmalloc -ENOMEM") &&
	     !strcmp(line("kvmalloc"), "kvmalloc -ENOMEM");
	ktap_ok(ok, "every allocator failed (quietly: the runner fails a WARNING)");

	check_err(P, EINVAL, "cache 1001", "cache over 1000 objects: EINVAL");
	ok = cmd(P, "alloc 0") == EINVAL && cmd(P, "alloc") == EINVAL &&
	     cmd(P, "alloc -5") == EINVAL && cmd(P, "alloc 12kb") == EINVAL &&
	     cmd(P, "cache 0") == EINVAL && cmd(P, "drop 1") == EINVAL && cmd(P, "free") == EINVAL;
	ktap_ok(ok, "zero or bad sizes, unknown commands: EINVAL");
	ktap_ok(put(P, bad, 8) == EFAULT, "write from a bad pointer: EFAULT");

	cmd(P, "cache 10"), cmd(P, "cache 5");
	check_line("cache_live 15", "15 cache objects live");
	cmd(P, "drop"), cmd(P, "cache 7");
	check_line("cache_live 7", "drop freed them: 7 live");
	ok = !strcmp(line("cache_allocs"), "cache_allocs 22") &&
	     !strcmp(line("cache_frees"), "cache_frees 15");
	ktap_ok(ok, "counters: 22 allocated, 15 freed");

	ktap_ok(sh("rmmod memory") == 0, "rmmod memory");
	ktap_ok(dmesg_has("^\\[.*\\] memory: exit, freed 7 objects, 0 live$"),
		"exit frees the 7 objects, none live");
	/* destroying a cache with objects left logs an error and a trace */
	ktap_ok(!dmesg_has("kmem_cache_destroy|Objects remaining"), "no slab error logged");
	return ktap_finish();
}
