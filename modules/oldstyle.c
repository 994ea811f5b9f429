// SPDX-License-Identifier: GPL-2.0
/*
 * oldstyle: a module whose entry points use the historical fixed names
 * init_module() and cleanup_module(), with no module_init()/module_exit().
 * The module loader looks the two symbols up by name; module_init(fn) is in
 * fact just a macro that makes init_module an alias of fn. New code should
 * use module_init/module_exit: they allow static functions with real names
 * and __init/__exit sections (so init code is freed after loading).
 *
 * Guest:  modprobe oldstyle   -> dmesg: "oldstyle: init (init_module)"
 *         rmmod oldstyle      -> dmesg: "oldstyle: exit (cleanup_module)"
 * Test:   /test/oldstyle.sh
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

/* Not static: the loader finds these two by their names. */
int init_module(void)
{
	pr_info("init (%s)\n", __func__);
	return 0;
}

void cleanup_module(void)
{
	pr_info("exit (%s)\n", __func__);
}

/*
 * The loader calls both through a function pointer. With indirect branch
 * tracking (x86 IBT) a function whose address is never taken loses its
 * ENDBR landing pad and objtool warns; module_init/module_exit take the
 * address for us, so here we do it by hand.
 */
static int (*oldstyle_init_ref)(void) __used __initdata = init_module;
static void (*oldstyle_exit_ref)(void) __used __exitdata = cleanup_module;

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Entry points with the old init_module/cleanup_module names");
