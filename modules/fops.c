// SPDX-License-Identifier: GPL-2.0
/*
 * fops: read, write and llseek on a fixed-size buffer, like a tiny file.
 * The VFS keeps the file position; the driver reads and updates it through
 * the loff_t *ppos it is given, and decides what a seek means:
 *   - read copies at most what is left before the end, 0 at the end (EOF);
 *   - write stores at most what fits, -ENOSPC once at the end;
 *   - llseek takes SEEK_SET/SEEK_CUR/SEEK_END and refuses a position below 0
 *     or beyond FOPS_SIZE with -EINVAL.
 * The buffer is shared by every open; each open has its own position.
 *
 * Guest:  modprobe fops; printf abc >/dev/fops; head -c 3 /dev/fops  -> "abc"
 *         wc -c </dev/fops                   -> 64 (reads stop at the end)
 * Test:   /test/fops.out (tests/guest/fops.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define FOPS_SIZE	64

static DEFINE_MUTEX(fops_lock);		/* protects fops_buf */
static char fops_buf[FOPS_SIZE];

static ssize_t fops_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	loff_t pos = *ppos;

	if (pos >= FOPS_SIZE)
		return 0;			/* end of "file" */
	count = min_t(size_t, count, FOPS_SIZE - pos);	/* partial read */

	mutex_lock(&fops_lock);
	if (copy_to_user(ubuf, fops_buf + pos, count)) {
		mutex_unlock(&fops_lock);
		return -EFAULT;
	}
	mutex_unlock(&fops_lock);

	*ppos = pos + count;
	return count;
}

static ssize_t fops_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	loff_t pos = *ppos;

	if (pos >= FOPS_SIZE)
		return -ENOSPC;			/* no room left at all */
	count = min_t(size_t, count, FOPS_SIZE - pos);	/* partial write */

	mutex_lock(&fops_lock);
	if (copy_from_user(fops_buf + pos, ubuf, count)) {
		mutex_unlock(&fops_lock);
		return -EFAULT;
	}
	mutex_unlock(&fops_lock);

	*ppos = pos + count;
	return count;
}

static loff_t fops_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = file->f_pos + offset;
		break;
	case SEEK_END:
		pos = FOPS_SIZE + offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > FOPS_SIZE)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

static const struct file_operations fops_fops = {
	.owner = THIS_MODULE,
	.read = fops_read,
	.write = fops_write,
	.llseek = fops_llseek,
};

static struct miscdevice fops_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "fops",
	.fops = &fops_fops,
};

static int __init fops_init(void)
{
	int ret;

	ret = misc_register(&fops_dev);
	if (ret)
		return ret;
	pr_info("init: %d-byte buffer at /dev/fops\n", FOPS_SIZE);
	return 0;
}

static void __exit fops_exit(void)
{
	misc_deregister(&fops_dev);
	pr_info("exit\n");
}

module_init(fops_init);
module_exit(fops_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("read/write/llseek honouring the file position on a fixed-size buffer");
