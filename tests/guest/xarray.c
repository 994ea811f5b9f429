// SPDX-License-Identifier: GPL-2.0
/*
 * xarray: ids allocated by xa_alloc from 1, looked up, erased and reused
 * through /proc/xarray; EBUSY when ids 1..8 are taken, ENOENT for an id
 * with nothing stored.
 */
#include "ktap.h"
#include "fileio.h"

#define P "/proc/xarray"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

int main(void)
{
	const char *full = "1 alpha\n2 epsilon\n3 gamma\n4 delta\n5 f\n6 g\n7 h\n8 i";

	ktap_plan(20);
	if (!ktap_ok(sh("modprobe xarray") == 0, "modprobe xarray"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] xarray: init$"), "init message");
	cmd(P, "add alpha"), cmd(P, "add beta"), cmd(P, "add gamma"), cmd(P, "add delta");
	check_cat(P, "1 alpha\n2 beta\n3 gamma\n4 delta", "ids are allocated from 1, in order");
	ktap_ok(dmesg_has("xarray: add 3 = gamma$"), "add logs the new id");
	check_err(P, 0, "get 2", "get 2 succeeds");
	ktap_ok(dmesg_has("xarray: get 2 = beta$"), "get logs the text at id 2");
	check_err(P, 0, "del 2", "del 2 succeeds");
	check_err(P, ENOENT, "get 2", "get 2 after del: ENOENT");
	check_err(P, ENOENT, "del 2", "del 2 again: ENOENT");
	check_err(P, ENOENT, "get 1000", "get of an id never allocated: ENOENT");
	cmd(P, "add epsilon");
	ktap_ok(dmesg_has("xarray: add 2 = epsilon$"), "the lowest free id (2) is reused");
	cmd(P, "add f"), cmd(P, "add g"), cmd(P, "add h"), cmd(P, "add i");
	check_cat(P, full, "ids 1..8 all taken");
	check_err(P, EBUSY, "add overflow", "add when full: EBUSY");
	check_err(P, EINVAL, "add", "add without text: EINVAL");
	check_err(P, EINVAL, "get two", "bad id: EINVAL");
	check_err(P, EINVAL, "put 1", "unknown command: EINVAL");
	check_err(P, EINVAL, "add 0123456789012345678901234567890123", "text over 31 chars: EINVAL");
	ktap_ok(put(P, bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(P, full, "refused commands changed nothing");
	ktap_ok(sh("rmmod xarray") == 0 && dmesg_has("^\\[.*\\] xarray: exit, freed 8 entries$"),
		"rmmod xarray: exit frees the 8 entries");
	return ktap_finish();
}
