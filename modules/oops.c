// SPDX-License-Identifier: GPL-2.0
/*
 * oops: what a NULL pointer dereference in a driver does. Writing "1" to
 * /dev/oops reads through a pointer that was never set. In process context
 * this is an oops, not a panic: the kernel prints "BUG: kernel NULL pointer
 * dereference" (arm64: "Unable to handle kernel NULL pointer dereference";
 * riscv: "Unable to handle kernel access to user memory without uaccess
 * routines", address 0 being a user address), the registers and the call
 * trace, kills the writing process (x86_64 with SIGKILL, arm64 and riscv
 * with SIGSEGV), taints itself (D) and keeps running.
 *
 * The oops happens with no lock held, so the device keeps working and the
 * module still unloads. A miscdevice rather than a debugfs file: debugfs
 * would wait forever at unload for the write that never returned.
 *
 * Guest:  modprobe oops
 *         echo 0 > /dev/oops    -> dmesg: "oops: no oops this time"
 *         sh -c 'echo 1 > /dev/oops'; echo $?   -> 137 (128 + SIGKILL;
 *                                  arm64, riscv: 139, 128 + SIGSEGV)
 *                               -> dmesg: "BUG: kernel NULL pointer
 *                                  dereference", "oops_write+0x..."
 *         rmmod oops            -> dmesg: "oops: exit"
 * Test:   /test/oops.sh
 * Needs:  CONFIG_PROC_SYSCTL
 * Stress: no-fuzz: writing 1 to /dev/oops oopses, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/printk.h>

struct oops_item {
	int value;
};

/* Never allocated: the bug this example is about. */
static struct oops_item *oops_item;

/* "0" does nothing, "1" dereferences NULL, anything else is -EINVAL. */
static ssize_t oops_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val > 1)
		return -EINVAL;
	if (val == 0) {
		pr_info("no oops this time\n");
		return count;
	}
	pr_info("reading through a NULL pointer\n");
	pr_info("value %d\n", READ_ONCE(oops_item->value));
	return count;	/* not reached */
}

static const struct file_operations oops_fops = {
	.owner = THIS_MODULE,
	.write = oops_write,
};

static struct miscdevice oops_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KBUILD_MODNAME,
	.fops = &oops_fops,
	.mode = 0200,
};

static int __init oopsdemo_init(void)
{
	int ret;

	ret = misc_register(&oops_misc);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit oopsdemo_exit(void)
{
	misc_deregister(&oops_misc);
	pr_info("exit\n");
}

module_init(oopsdemo_init);
module_exit(oopsdemo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A NULL pointer dereference in a write handler: an oops");
