// SPDX-License-Identifier: GPL-2.0
/*
 * hello2: a second independent module, to show that several modules load
 * side by side and each logs under its own name (pr_fmt + KBUILD_MODNAME).
 *
 * Guest:  modprobe hello; modprobe hello2; lsmod
 *         -> dmesg: "hello: init", "hello2: init"
 * Test:   /test/hello2.sh
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init hello2_init(void)
{
	pr_info("init\n");
	return 0;
}

static void __exit hello2_exit(void)
{
	pr_info("exit\n");
}

module_init(hello2_init);
module_exit(hello2_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A second module loaded beside hello");
