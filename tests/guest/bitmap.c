// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap: allocate ids until full (ENOSPC), free some, the lowest free id
 * comes back; weight and the %*pbl range list follow; out-of-range ids are
 * EINVAL, ids not taken ENOENT.
 */
#include "ktap.h"
#include "fileio.h"

#define P "/proc/bitmap"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

int main(void)
{
	const char *left = "weight 14\nused 0-6,9-15\nfirst_zero 7";
	int i, fails = 0;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe bitmap") == 0, "modprobe bitmap"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] bitmap: init$"), "init message");
	check_cat(P, "weight 0\nused \nfirst_zero 0", "starts empty");
	for (i = 0; i < 16; i++)
		fails += cmd(P, "alloc") != 0;
	ktap_ok(!fails, "16 allocs succeed");
	ktap_ok(dmesg_has("bitmap: alloc 15$"), "ids are handed out lowest first");
	check_cat(P, "weight 16\nused 0-15\nfirst_zero 16", "all 16 in use");
	check_err(P, ENOSPC, "alloc", "alloc when full: ENOSPC");
	cmd(P, "free 3"), cmd(P, "free 7"), cmd(P, "free 8");
	check_cat(P, "weight 13\nused 0-2,4-6,9-15\nfirst_zero 3",
		  "free clears bits; first_zero is the lowest free id");
	sh("dmesg -c >/dev/null");
	check_err(P, 0, "alloc", "alloc succeeds");
	ktap_ok(dmesg_has("bitmap: alloc 3$"), "alloc reuses id 3");
	check_err(P, ENOENT, "free 7", "free of an id not taken: ENOENT");
	check_err(P, EINVAL, "free 16", "free of an id out of range: EINVAL");
	fails = cmd(P, "free -1") != EINVAL || cmd(P, "free") != EINVAL ||
		cmd(P, "free x") != EINVAL || cmd(P, "alloc 2") != EINVAL ||
		cmd(P, "take") != EINVAL;
	ktap_ok(!fails, "bad commands: EINVAL");
	ktap_ok(put(P, bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(P, left, "refused commands changed nothing");
	ktap_ok(sh("rmmod bitmap") == 0, "rmmod bitmap");
	ktap_ok(dmesg_has("^\\[.*\\] bitmap: exit, 14 ids were in use$"),
		"exit reports the ids in use");
	return ktap_finish();
}
