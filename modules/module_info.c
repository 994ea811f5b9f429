// SPDX-License-Identifier: GPL-2.0
/*
 * module_info: the .modinfo section. MODULE_VERSION, MODULE_ALIAS and
 * MODULE_INFO(tag, value) add "tag=value" strings that modinfo reads from
 * the .ko without loading it. depmod collects the aliases into
 * modules.alias, so modprobe can load the module by another name (this is
 * how drivers get loaded for a device: the alias is the device's ID).
 * The version is also shown in /sys/module/NAME/version once loaded.
 *
 * Guest:  modinfo module_info     -> version: 1.2.3, alias: lkmp-demo-info,
 *                                    lkmp_topic: the .modinfo section, ...
 *         modprobe lkmp-demo-info -> loads module_info; dmesg "init (version 1.2.3)"
 *         cat /sys/module/module_info/version   -> 1.2.3
 * Test:   /test/module_info.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init module_info_init(void)
{
	pr_info("init (version %s)\n", THIS_MODULE->version);
	return 0;
}

static void __exit module_info_exit(void)
{
	pr_info("exit\n");
}

module_init(module_info_init);
module_exit(module_info_exit);

MODULE_VERSION("1.2.3");
MODULE_ALIAS("lkmp-demo-info");
MODULE_ALIAS("lkmp-info-*");
MODULE_INFO(lkmp_topic, "the .modinfo section");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Module metadata: version, aliases, custom tags");
