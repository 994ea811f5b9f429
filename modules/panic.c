// SPDX-License-Identifier: GPL-2.0
/*
 * panic: panic(), the end of the line. Unlike an oops, nothing survives:
 * the kernel prints "Kernel panic - not syncing: ..." and stops. The guest
 * boots with panic=-1 and QEMU with -no-reboot, so the VM ends at once.
 *
 * It panics ONLY when asked with the parameter trigger=1 at load time;
 * loaded without it, it does nothing. Run the panic by hand only:
 *
 * Host:   ./run -s -E 'modprobe panic trigger=1'
 *           -> "Kernel panic - not syncing: panic: requested with trigger=1",
 *              a call trace through panic_init, then QEMU exits
 * Guest:  modprobe panic; cat /sys/module/panic/parameters/trigger  -> N
 *         modprobe panic trigger=maybe  -> Invalid argument
 * Test:   /test/panic.sh (loads it without the trigger)
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/panic.h>
#include <linux/printk.h>

static bool trigger;
module_param(trigger, bool, 0444);
MODULE_PARM_DESC(trigger, "Panic at load time (default N)");

static int __init panic_init(void)
{
	pr_info("init\n");
	if (trigger)
		panic(KBUILD_MODNAME ": requested with trigger=1\n");
	pr_info("not triggered: load with trigger=1 to panic\n");
	return 0;
}

static void __exit panic_exit(void)
{
	pr_info("exit\n");
}

module_init(panic_init);
module_exit(panic_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Calls panic() at load time, only with trigger=1");
