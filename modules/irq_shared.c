// SPDX-License-Identifier: GPL-2.0
/*
 * irq_shared: a second handler on an interrupt line a real driver already
 * owns. With IRQF_SHARED the kernel calls every handler on the line in
 * turn; ours only counts and returns IRQ_NONE ("not my device"), so the
 * real driver still does the work. Both must ask for IRQF_SHARED, and
 * free_irq() needs the same dev_id cookie to find our handler again.
 *
 * Default line: IRQ 4, the first serial port (ttyS0, the console), which
 * interrupts when its transmitter is ready for more bytes: writing to
 * /dev/ttyS0 drives it. Another line: modprobe irq_shared irq=N.
 *
 * Guest:  modprobe irq_shared
 *         grep irq_shared /proc/interrupts  -> " 4: ... ttyS0, irq_shared"
 *         cat /sys/kernel/debug/irq_shared/count; echo hello > /dev/ttyS0
 *         cat /sys/kernel/debug/irq_shared/count   -> larger
 *         modprobe irq_shared irq=9999  -> Invalid argument
 *         rmmod irq_shared   -> dmesg: "irq_shared: exit after N interrupts"
 * Test:   /test/irq_shared.sh
 * Needs:  CONFIG_DEBUG_FS CONFIG_SYSFS
 * Stress: args irq=$(cat /sys/class/tty/$(sed 's/.* //' /sys/class/tty/console/active)/irq)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static int irq = 4;
module_param(irq, int, 0444);
MODULE_PARM_DESC(irq, "Interrupt line to share (default 4, ttyS0 on x86 PCs)");

static atomic_t irqs_count = ATOMIC_INIT(0);
static struct dentry *irqs_dir;

/* Hard interrupt context: be quick, do not sleep. */
static irqreturn_t irqs_handler(int line, void *dev_id)
{
	atomic_inc(&irqs_count);
	return IRQ_NONE;	/* not ours: the owner of the line handles it */
}

static int __init irqs_init(void)
{
	int ret;

	if (irq <= 0)
		return -EINVAL;
	/* dev_id must be unique on a shared line: our counter will do. */
	ret = request_irq(irq, irqs_handler, IRQF_SHARED, KBUILD_MODNAME,
			  &irqs_count);
	if (ret) {
		pr_err("request_irq(%d) failed: %d\n", irq, ret);
		return ret;
	}
	irqs_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_atomic_t("count", 0444, irqs_dir, &irqs_count);
	pr_info("init\n");
	pr_info("sharing IRQ %d\n", irq);
	return 0;
}

static void __exit irqs_exit(void)
{
	debugfs_remove(irqs_dir);
	free_irq(irq, &irqs_count);
	pr_info("exit after %d interrupts\n", atomic_read(&irqs_count));
}

module_init(irqs_init);
module_exit(irqs_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Count the interrupts of a line shared with another driver");
