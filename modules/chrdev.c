// SPDX-License-Identifier: GPL-2.0
/*
 * chrdev: a classic character device driver with several minors.
 * alloc_chrdev_region() reserves a dynamic major and CHRDEV_MINORS minors,
 * one cdev serves them all, and device_create() in a class makes the
 * kernel (devtmpfs) create /dev/chrdev0../dev/chrdev2. Each minor has its
 * own buffer: open() picks it from iminor(inode). A node made by hand for a
 * minor outside the region has no cdev behind it: open() fails with ENXIO.
 *
 * Guest:  modprobe chrdev; grep chrdev /proc/devices   -> "249 chrdev"
 *         cat /dev/chrdev1                  -> "minor 1"
 *         echo hi >/dev/chrdev1; cat /dev/chrdev1 -> "hi" (chrdev0 unchanged)
 *         mknod /tmp/c3 c 249 3; cat /tmp/c3 -> "No such device or address"
 * Test:   /test/chrdev.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define CHRDEV_MINORS	3
#define CHRDEV_BUFSZ	64

struct chrdev_minor {
	struct mutex lock;	/* protects buf and len */
	char buf[CHRDEV_BUFSZ];
	size_t len;
};

static dev_t chrdev_base;
static struct cdev chrdev_cdev;
static struct class *chrdev_class;
static struct chrdev_minor chrdev_minors[CHRDEV_MINORS];

static int chrdev_open(struct inode *inode, struct file *file)
{
	/* The cdev covers exactly our minors, so iminor() is in range here. */
	file->private_data = &chrdev_minors[iminor(inode) - MINOR(chrdev_base)];
	return 0;
}

static ssize_t chrdev_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	struct chrdev_minor *m = file->private_data;
	ssize_t ret;

	mutex_lock(&m->lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, m->buf, m->len);
	mutex_unlock(&m->lock);
	return ret;
}

/* A write replaces the minor's contents; more than CHRDEV_BUFSZ is -ENOSPC. */
static ssize_t chrdev_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct chrdev_minor *m = file->private_data;
	char tmp[CHRDEV_BUFSZ];

	if (count > CHRDEV_BUFSZ)
		return -ENOSPC;
	if (copy_from_user(tmp, ubuf, count))
		return -EFAULT;
	mutex_lock(&m->lock);
	memcpy(m->buf, tmp, count);
	m->len = count;
	mutex_unlock(&m->lock);
	return count;
}

static const struct file_operations chrdev_fops = {
	.owner = THIS_MODULE,
	.open = chrdev_open,
	.read = chrdev_read,
	.write = chrdev_write,
	.llseek = default_llseek,
};

static int __init chrdev_init(void)
{
	struct device *dev;
	int i, ret;

	for (i = 0; i < CHRDEV_MINORS; i++) {
		mutex_init(&chrdev_minors[i].lock);
		chrdev_minors[i].len = scnprintf(chrdev_minors[i].buf,
						 CHRDEV_BUFSZ, "minor %d\n", i);
	}

	ret = alloc_chrdev_region(&chrdev_base, 0, CHRDEV_MINORS, "chrdev");
	if (ret)
		return ret;

	cdev_init(&chrdev_cdev, &chrdev_fops);
	ret = cdev_add(&chrdev_cdev, chrdev_base, CHRDEV_MINORS);
	if (ret)
		goto err_region;

	chrdev_class = class_create("chrdev");
	if (IS_ERR(chrdev_class)) {
		ret = PTR_ERR(chrdev_class);
		goto err_cdev;
	}

	for (i = 0; i < CHRDEV_MINORS; i++) {
		dev = device_create(chrdev_class, NULL, chrdev_base + i, NULL,
				    "chrdev%d", i);
		if (IS_ERR(dev)) {
			ret = PTR_ERR(dev);
			goto err_devices;
		}
	}

	pr_info("init: major %d, %d minors\n", MAJOR(chrdev_base), CHRDEV_MINORS);
	return 0;

err_devices:
	while (i--)
		device_destroy(chrdev_class, chrdev_base + i);
	class_destroy(chrdev_class);
err_cdev:
	cdev_del(&chrdev_cdev);
err_region:
	unregister_chrdev_region(chrdev_base, CHRDEV_MINORS);
	return ret;
}

static void __exit chrdev_exit(void)
{
	int i;

	for (i = 0; i < CHRDEV_MINORS; i++)
		device_destroy(chrdev_class, chrdev_base + i);
	class_destroy(chrdev_class);
	cdev_del(&chrdev_cdev);
	unregister_chrdev_region(chrdev_base, CHRDEV_MINORS);
	pr_info("exit\n");
}

module_init(chrdev_init);
module_exit(chrdev_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A character device with several minors, each with its own buffer");
