// SPDX-License-Identifier: GPL-2.0
/*
 * copy_user: moving data across the user/kernel boundary safely.
 * A user pointer may be NULL, point into the kernel, at unmapped memory or
 * at a read-only page. copy_from_user()/copy_to_user() check it (access_ok:
 * below the user/kernel split) and take page faults as errors, never as an
 * oops: they return the number of bytes NOT copied. get_user()/put_user()
 * move one value and return 0 or -EFAULT. The rule for read/write: if some
 * bytes were copied, return that count (a short read/write); if none, -EFAULT.
 * The device holds one message of up to 64 bytes: write replaces it (more than
 * 64 bytes is -EINVAL), read returns it from the file position, and two
 * ioctls (copy_user.h) get and shrink its length with put_user/get_user.
 *
 * Guest:  modprobe copy_user; echo hello >/dev/copy_user; cat /dev/copy_user
 *         -> "hello";  /test/copy_user.out  -> bad pointers: EFAULT, no oops
 * Test:   /test/copy_user.out (tests/guest/copy_user.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#include "copy_user.h"

static DEFINE_MUTEX(cu_lock);		/* protects the message */
static char cu_msg[COPY_USER_MAX];
static int cu_len;

static ssize_t cu_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	unsigned long left;
	ssize_t ret;

	mutex_lock(&cu_lock);
	if (*ppos >= cu_len) {
		ret = 0;
		goto out;
	}
	count = min_t(size_t, count, cu_len - *ppos);
	left = copy_to_user(ubuf, cu_msg + *ppos, count);
	if (left == count) {
		ret = -EFAULT;		/* nothing copied */
		goto out;
	}
	ret = count - left;		/* maybe short: the rest faulted */
	*ppos += ret;
out:
	mutex_unlock(&cu_lock);
	return ret;
}

static ssize_t cu_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	unsigned long left;
	ssize_t ret;

	if (count > COPY_USER_MAX)
		return -EINVAL;

	mutex_lock(&cu_lock);
	/* On a fault, the bytes not copied are zeroed in cu_msg. */
	left = copy_from_user(cu_msg, ubuf, count);
	if (left == count) {
		ret = -EFAULT;
		cu_len = 0;
	} else {
		ret = count - left;
		cu_len = ret;
	}
	mutex_unlock(&cu_lock);
	if (left)
		pr_info("write: %zu of %zu bytes faulted\n", (size_t)left, count);
	return ret;
}

static long cu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	int __user *uval = (int __user *)arg;
	int val, ret = 0;

	switch (cmd) {
	case COPY_USER_GET_LEN:
		mutex_lock(&cu_lock);
		val = cu_len;
		mutex_unlock(&cu_lock);
		return put_user(val, uval);	/* 0 or -EFAULT */
	case COPY_USER_SET_LEN:
		if (get_user(val, uval))
			return -EFAULT;
		mutex_lock(&cu_lock);
		if (val < 0 || val > cu_len)
			ret = -EINVAL;
		else
			cu_len = val;
		mutex_unlock(&cu_lock);
		return ret;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations cu_fops = {
	.owner = THIS_MODULE,
	.read = cu_read,
	.write = cu_write,
	.unlocked_ioctl = cu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = default_llseek,
};

static struct miscdevice cu_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "copy_user",
	.fops = &cu_fops,
};

static int __init cu_init(void)
{
	int ret;

	ret = misc_register(&cu_dev);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit cu_exit(void)
{
	misc_deregister(&cu_dev);
	pr_info("exit\n");
}

module_init(cu_init);
module_exit(cu_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("copy_{to,from}_user and get/put_user with bad pointers: EFAULT, short copies");
