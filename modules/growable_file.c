// SPDX-License-Identifier: GPL-2.0
/*
 * growable_file: /dev/growable_file, a miscdevice that behaves like a small
 * in-memory regular file. It grows with krealloc() when written past its
 * end (a gap reads back as zeros), honours the file offset and lseek(),
 * and implements what the VFS leaves to drivers of character devices:
 * O_APPEND (move to the end before each write) and O_TRUNC (empty it on
 * open for writing). It never grows past GROW_MAX bytes: a write that
 * cannot store a single byte fails with -ENOSPC, like a full disk.
 *
 * Guest:  modprobe growable_file
 *         echo hello > /dev/growable_file; echo world >> /dev/growable_file
 *         cat /dev/growable_file            -> hello / world
 *         head -c 20000 /dev/zero > /dev/growable_file  -> No space left on device
 * Test:   /test/growable_file.sh
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define GROW_MAX 16384

static DEFINE_MUTEX(lock);	/* protects data and size */
static char *data;
static size_t size;

static int growable_open(struct inode *inode, struct file *file)
{
	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC)) {
		mutex_lock(&lock);
		size = 0;	/* keep the buffer: it will be reused */
		mutex_unlock(&lock);
	}
	return 0;
}

static ssize_t growable_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&lock);
	ret = simple_read_from_buffer(buf, count, ppos, data, size);
	mutex_unlock(&lock);
	return ret;
}

static ssize_t growable_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	loff_t pos;
	char *bigger;
	ssize_t ret;

	mutex_lock(&lock);
	pos = (file->f_flags & O_APPEND) ? size : *ppos;
	if (pos >= GROW_MAX) {
		ret = count ? -ENOSPC : 0;
		goto out;
	}
	count = min_t(size_t, count, GROW_MAX - pos);
	if (pos + count > size) {
		/* ksize() rounding makes most small appends realloc-free. */
		bigger = krealloc(data, pos + count, GFP_KERNEL);
		if (!bigger) {
			ret = -ENOMEM;
			goto out;
		}
		data = bigger;
		if (pos > size)
			memset(data + size, 0, pos - size);	/* the gap */
	}
	if (copy_from_user(data + pos, buf, count)) {
		ret = -EFAULT;
		goto out;
	}
	size = max_t(size_t, size, pos + count);
	*ppos = pos + count;
	ret = count;
out:
	mutex_unlock(&lock);
	return ret;
}

static loff_t growable_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t ret;

	mutex_lock(&lock);
	/* SEEK_SET/CUR/END within 0..GROW_MAX; else -EINVAL. */
	ret = generic_file_llseek_size(file, offset, whence, GROW_MAX, size);
	mutex_unlock(&lock);
	return ret;
}

static const struct file_operations growable_fops = {
	.owner = THIS_MODULE,
	.open = growable_open,
	.read = growable_read,
	.write = growable_write,
	.llseek = growable_llseek,
};

static struct miscdevice growable_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KBUILD_MODNAME,
	.fops = &growable_fops,
	.mode = 0666,
};

static int __init growable_init(void)
{
	int ret;

	ret = misc_register(&growable_dev);
	if (ret)
		return ret;
	pr_info("init (up to %d bytes)\n", GROW_MAX);
	return 0;
}

static void __exit growable_exit(void)
{
	misc_deregister(&growable_dev);
	pr_info("exit (%zu bytes)\n", size);
	kfree(data);
}

module_init(growable_init);
module_exit(growable_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("An in-memory file that grows, with O_APPEND and O_TRUNC");
