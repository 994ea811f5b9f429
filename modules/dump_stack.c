// SPDX-License-Identifier: GPL-2.0
/*
 * dump_stack: print the current call stack with dump_stack(), without any
 * error: once from the init function, then on every write of "1" to a
 * debugfs file. The trace names the module's own functions, marked
 * [dump_stack], below the syscall entry that led to them.
 *
 * x86_64 heads the trace "Call Trace:", arm64 and riscv "Call trace:".
 *
 * Guest:  modprobe dump_stack   -> dmesg: "Call Trace:" ... dsdemo_init
 *         echo 1 > /sys/kernel/debug/dump_stack/trigger
 *                               -> dmesg: "Call Trace:" ... dsdemo_write
 *         echo 2 > /sys/kernel/debug/dump_stack/trigger   -> Invalid argument
 *         rmmod dump_stack      -> dmesg: "dump_stack: exit"
 * Test:   /test/dump_stack.sh
 * Needs:  CONFIG_DEBUG_FS
 * Stress: skip: its init prints a call trace, on purpose (each load a report)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

static struct dentry *dsdemo_dir;

/* Only "1" is accepted: anything else is -EINVAL (or -EFAULT, bad buffer). */
static ssize_t dsdemo_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val != 1)
		return -EINVAL;
	pr_info("stack of a write by %s:\n", current->comm);
	dump_stack();
	return count;
}

static const struct file_operations dsdemo_fops = {
	.owner = THIS_MODULE,
	.write = dsdemo_write,
};

static int __init dsdemo_init(void)
{
	pr_info("init\n");
	dsdemo_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, dsdemo_dir, NULL, &dsdemo_fops);
	pr_info("stack of the init function:\n");
	dump_stack();
	return 0;
}

static void __exit dsdemo_exit(void)
{
	debugfs_remove(dsdemo_dir);
	pr_info("exit\n");
}

module_init(dsdemo_init);
module_exit(dsdemo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("dump_stack() from init and from a write to debugfs");
