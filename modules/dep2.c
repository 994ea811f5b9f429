// SPDX-License-Identifier: GPL-2.0
/*
 * dep2: uses dep_hello(), exported by dep. The symbol makes dep2 depend on
 * dep: insmod dep2.ko alone fails with "Unknown symbol", modprobe dep2
 * loads dep first.
 *
 * Guest:  modprobe dep2      -> dmesg: "dep: called by dep2 (1)", "dep2: init"
 *         modprobe -r dep2   -> unloads both
 * Test:   /test/dep2.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

#include "dep.h"

static int __init dep2_init(void)
{
	pr_info("init, dep says %d\n", dep_hello(KBUILD_MODNAME));
	return 0;
}

static void __exit dep2_exit(void)
{
	pr_info("exit\n");
}

module_init(dep2_init);
module_exit(dep2_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Uses a symbol exported by dep");
