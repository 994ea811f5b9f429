// SPDX-License-Identifier: GPL-2.0
/*
 * list: list_head operations driven through /proc/list, read back in order;
 * refused commands return the exact errno and change nothing.
 */
#include "ktap.h"
#include "fileio.h"

#define P "/proc/list"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

int main(void)
{
	ktap_plan(19);
	if (!ktap_ok(sh("modprobe list") == 0, "modprobe list"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] list: init$"), "init message");
	check_cat(P, "", "starts empty");
	cmd(P, "tail 3"), cmd(P, "tail 1"), cmd(P, "add 2"), cmd(P, "tail 5"), cmd(P, "add 4");
	check_cat(P, "4 2 3 1 5", "add puts at the head, tail at the tail");
	check_err(P, 0, "del 3", "del 3 succeeds");
	check_cat(P, "4 2 1 5", "del removes the entry");
	cmd(P, "front 5");
	check_cat(P, "5 4 2 1", "front (list_move) moves 5 to the head");
	cmd(P, "tail 2"), cmd(P, "add -7"), cmd(P, "sort\n");
	check_cat(P, "-7 1 2 2 4 5", "sort is ascending");
	check_err(P, ENOENT, "del 42", "del of a missing value: ENOENT");
	check_err(P, ENOENT, "front 42", "front of a missing value: ENOENT");
	check_err(P, EINVAL, "push 1", "unknown command: EINVAL");
	check_err(P, EINVAL, "add 1x", "bad number: EINVAL");
	check_err(P, EINVAL, "add", "missing number: EINVAL");
	check_err(P, EINVAL, "add 11111111111111111111111111111111111", "too long a write: EINVAL");
	ktap_ok(put(P, bad, 6) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(P, "-7 1 2 2 4 5", "refused commands changed nothing");
	cmd(P, "clear"), cmd(P, "tail 8"), cmd(P, "tail 9");
	check_cat(P, "8 9", "clear empties it");
	ktap_ok(sh("rmmod list") == 0, "rmmod list");
	ktap_ok(dmesg_has("^\\[.*\\] list: exit, freed 2 entries$"), "exit frees the 2 entries left");
	return ktap_finish();
}
