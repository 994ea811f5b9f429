// SPDX-License-Identifier: GPL-2.0
/*
 * miscdev: the shortest way to a device node, a miscdevice.
 * misc_register() with MISC_DYNAMIC_MINOR takes a free minor under the
 * shared misc major (10), and devtmpfs creates /dev/miscdev. No region, no
 * cdev, no class to manage. Reads return a fixed message; writes are logged,
 * and a write longer than MISCDEV_MAX bytes is refused with EINVAL.
 *
 * Guest:  modprobe miscdev; cat /dev/miscdev   -> "Hello from miscdev"
 *         cat /sys/class/misc/miscdev/dev      -> "10:<minor>"
 *         echo hi >/dev/miscdev; dmesg | tail  -> "miscdev: write: hi"
 * Test:   /test/miscdev.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define MISCDEV_MAX	32

static const char miscdev_msg[] = "Hello from miscdev\n";

static ssize_t miscdev_read(struct file *file, char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, miscdev_msg,
				       sizeof(miscdev_msg) - 1);
}

static ssize_t miscdev_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char buf[MISCDEV_MAX];

	if (count > MISCDEV_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	/* Log it without the trailing newline echo adds. */
	pr_info("write: %.*s\n", (int)(count && buf[count - 1] == '\n' ?
				       count - 1 : count), buf);
	return count;
}

static const struct file_operations miscdev_fops = {
	.owner = THIS_MODULE,
	.read = miscdev_read,
	.write = miscdev_write,
	.llseek = default_llseek,
};

static struct miscdevice miscdev_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "miscdev",
	.fops = &miscdev_fops,
	.mode = 0666,
};

static int __init miscdev_init(void)
{
	int ret;

	ret = misc_register(&miscdev_dev);
	if (ret)
		return ret;
	pr_info("init: minor %d\n", miscdev_dev.minor);
	return 0;
}

static void __exit miscdev_exit(void)
{
	misc_deregister(&miscdev_dev);
	pr_info("exit\n");
}

module_init(miscdev_init);
module_exit(miscdev_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A misc device with a dynamic minor: fixed read, logged write");
