// SPDX-License-Identifier: GPL-2.0
/*
 * dep: exports a function and a counter with EXPORT_SYMBOL, for dep2.
 * modprobe resolves the dependency from modules.dep, written by depmod.
 *
 * Guest:  modprobe dep2      -> loads dep first, then dep2
 *         cat /sys/module/dep/refcnt   -> 1 while dep2 is loaded
 *         rmmod dep          -> refused (in use) until dep2 is gone
 * Test:   /test/dep.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

#include "dep.h"

static atomic_t dep_calls = ATOMIC_INIT(0);

/* Called by dep2: counts and returns the number of calls so far. */
int dep_hello(const char *who)
{
	int n = atomic_inc_return(&dep_calls);

	pr_info("called by %s (%d)\n", who, n);
	return n;
}
EXPORT_SYMBOL(dep_hello);

static int __init dep_init(void)
{
	pr_info("init\n");
	return 0;
}

static void __exit dep_exit(void)
{
	pr_info("exit after %d calls\n", atomic_read(&dep_calls));
}

module_init(dep_init);
module_exit(dep_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Exports a symbol that dep2 uses");
