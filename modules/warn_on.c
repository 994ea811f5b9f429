// SPDX-License-Identifier: GPL-2.0
/*
 * warn_on: WARN_ON() and WARN_ONCE(), the kernel's "this should not happen"
 * checks. They print a "WARNING:" line with a call trace, taint the kernel
 * (flag W, 512 in /proc/sys/kernel/tainted) and carry on: the caller still
 * handles the error. WARN_ONCE() prints only the first time.
 *
 * The debugfs file "value" takes a number from 1 to 100:
 *   0      WARN_ON(): trace, then the write fails with EINVAL
 *   > 100  WARN_ONCE(): trace the first time only, the write fails with ERANGE
 *
 * Guest:  modprobe warn_on
 *         echo 0 > /sys/kernel/debug/warn_on/value   -> Invalid argument,
 *                  dmesg: "WARNING: CPU: 0 PID: ... at ... warn_on_write"
 *         echo 500 > /sys/kernel/debug/warn_on/value -> twice: Numerical result
 *                  out of range, dmesg: "500 is over 100" once only
 *         rmmod warn_on   -> dmesg: "warn_on: exit"
 * Test:   /test/warn_on.sh
 * Needs:  CONFIG_BUG CONFIG_DEBUG_FS CONFIG_PROC_SYSCTL
 * Stress: no-fuzz: writing 0 or over 100 to value warns, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

#define WARN_ON_MAX 100

static struct dentry *warn_on_dir;

static ssize_t warn_on_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	/* WARN_ON() returns its condition: warn, then handle the error. */
	if (WARN_ON(val == 0))
		return -EINVAL;
	if (WARN_ONCE(val > WARN_ON_MAX, "%u is over %d\n", val, WARN_ON_MAX))
		return -ERANGE;
	pr_info("value %u accepted\n", val);
	return count;
}

static const struct file_operations warn_on_fops = {
	.owner = THIS_MODULE,
	.write = warn_on_write,
};

static int __init warn_on_init(void)
{
	warn_on_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("value", 0200, warn_on_dir, NULL, &warn_on_fops);
	pr_info("init\n");
	return 0;
}

static void __exit warn_on_exit(void)
{
	debugfs_remove(warn_on_dir);
	pr_info("exit\n");
}

module_init(warn_on_init);
module_exit(warn_on_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("WARN_ON and WARN_ONCE triggered by a debugfs write");
