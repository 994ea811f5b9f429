// SPDX-License-Identifier: GPL-2.0
/*
 * hashtable: set/get/del by key through /proc/hashtable; 20 keys in 8
 * buckets collide and are still found; the dump goes bucket by bucket;
 * refused commands return the exact errno and change nothing.
 */
#include "ktap.h"
#include "fileio.h"

#define P "/proc/hashtable"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

/* The dump, parsed: n entries of "bucket key value". */
static int n;
static unsigned int bkt[64], key[64];
static char val[64][16];

static void load(void)
{
	const char *s = cat(P);
	int used;

	for (n = 0; n < 64 && sscanf(s, "%u %u %15s%n", &bkt[n], &key[n], val[n], &used) == 3; n++)
		s += used;
}

/* Index of k in the dump, or -1. */
static int find(unsigned int k)
{
	int i;

	for (i = 0; i < n; i++)
		if (key[i] == k)
			return i;
	return -1;
}

int main(void)
{
	int i, ok, sorted = 1, shared = 0;
	char c[64];

	ktap_plan(18);
	if (!ktap_ok(sh("modprobe hashtable") == 0, "modprobe hashtable"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] hashtable: init$"), "init message");
	for (i = 1; i <= 20; i++) {
		snprintf(c, sizeof(c), "set %d v%d", i, i);
		cmd(P, c);
	}
	load();
	ktap_ok(n == 20, "20 entries listed (%d)", n);
	for (ok = 1, i = 1; i <= 20; i++) {
		snprintf(c, sizeof(c), "v%d", i);
		ok &= find(i) >= 0 && !strcmp(val[find(i)], c);
	}
	ktap_ok(ok, "each key has its value");
	for (i = 1; i < n; i++) {
		sorted &= bkt[i - 1] <= bkt[i];
		shared |= bkt[i - 1] == bkt[i];
	}
	ktap_ok(sorted, "the dump goes bucket by bucket");
	ktap_ok(shared, "20 keys in 8 buckets: some buckets hold several");
	check_err(P, 0, "get 13", "get 13 succeeds");
	snprintf(c, sizeof(c), "hashtable: get 13 = v13 \\(bucket %u\\)$", bkt[find(13)]);
	ktap_ok(dmesg_has(c), "get logs the value and the key's bucket (%u)", bkt[find(13)]);
	cmd(P, "set 13 thirteen");
	load();
	ktap_ok(find(13) >= 0 && !strcmp(val[find(13)], "thirteen"),
		"set on an existing key replaces its value");
	ktap_ok(n == 20, "and adds no entry");
	cmd(P, "del 13");
	load();
	ktap_ok(find(13) < 0 && n == 19, "del removes the entry");
	check_err(P, ENOENT, "get 13", "get of a deleted key: ENOENT");
	check_err(P, ENOENT, "del 99", "del of a missing key: ENOENT");
	check_err(P, EINVAL, "set 1 sixteen_chars_xx", "value over 15 chars: EINVAL");
	ok = cmd(P, "set 1") == EINVAL && cmd(P, "get x") == EINVAL &&
	     cmd(P, "get 1 extra") == EINVAL && cmd(P, "frob 1") == EINVAL &&
	     cmd(P, "get -1") == EINVAL && cmd(P, "set 1 a b") == EINVAL;
	ktap_ok(ok, "missing value, bad key, extra word, unknown command, space in value: EINVAL");
	ktap_ok(put(P, bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	load();
	ktap_ok(n == 19 && !strcmp(val[find(1)], "v1"), "refused commands changed nothing");
	ktap_ok(sh("rmmod hashtable") == 0 &&
		dmesg_has("^\\[.*\\] hashtable: exit, freed 19 entries$"),
		"rmmod hashtable: exit frees the 19 entries");
	return ktap_finish();
}
