// SPDX-License-Identifier: GPL-2.0
/*
 * rbtree: insert/erase/find through /proc/rbtree; the in-order dump is
 * sorted whatever the insertion order; refused commands return the exact
 * errno and change nothing.
 */
#include "ktap.h"
#include "fileio.h"

#define P "/proc/rbtree"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

int main(void)
{
	const char *left = "-9 -8 -7 -6 -5 -4 -3 -2 -1 1 2 3 5 6 7 8";
	char c[32];
	int i;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe rbtree") == 0, "modprobe rbtree"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] rbtree: init$"), "init message");
	/* 20 keys in a scrambled order: (i * 7) mod 20, minus 10 */
	for (i = 0; i < 20; i++) {
		snprintf(c, sizeof(c), "insert %d", i * 7 % 20 - 10);
		cmd(P, c);
	}
	check_cat(P, "-10 -9 -8 -7 -6 -5 -4 -3 -2 -1 0 1 2 3 4 5 6 7 8 9",
		  "in-order dump is sorted");
	check_err(P, EEXIST, "insert 3", "duplicate insert: EEXIST");
	check_err(P, 0, "find 3", "find an existing key succeeds");
	check_err(P, ENOENT, "find 100", "find a missing key: ENOENT");
	cmd(P, "erase -10"), cmd(P, "erase 0"), cmd(P, "erase 9"), cmd(P, "erase 4");
	check_cat(P, left, "erase removes keys, order kept");
	check_err(P, ENOENT, "erase 0", "erase a missing key: ENOENT");
	check_err(P, ENOENT, "find 4", "find an erased key: ENOENT");
	check_err(P, EINVAL, "delete 1", "unknown command: EINVAL");
	check_err(P, EINVAL, "insert", "missing key: EINVAL");
	check_err(P, EINVAL, "insert five", "bad key: EINVAL");
	check_err(P, EINVAL, "insert 99999999999", "key out of int range: EINVAL");
	ktap_ok(put(P, bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(P, left, "refused commands changed nothing");
	ktap_ok(sh("rmmod rbtree") == 0, "rmmod rbtree");
	ktap_ok(dmesg_has("^\\[.*\\] rbtree: exit, freed 16 nodes$"), "exit frees the 16 nodes left");
	return ktap_finish();
}
