// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the smallest module, an init and an exit function that log.
 *
 * Guest:  modprobe hello     -> dmesg: "hello: init"
 *         rmmod hello        -> dmesg: "hello: exit"
 * Test:   /test/hello.sh
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init hello_init(void)
{
	pr_info("init\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("exit\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("The smallest module: log on load and unload");
