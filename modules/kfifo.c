// SPDX-License-Identifier: GPL-2.0
/*
 * kfifo: a 16-byte first-in first-out byte queue (DEFINE_KFIFO) behind a
 * misc device, /dev/kfifo. write() copies bytes in with kfifo_from_user(),
 * read() takes them out, oldest first, with kfifo_to_user(): no
 * intermediate buffer, the copy goes straight between user memory and the
 * ring. Limits:
 *   - a write larger than the free space is short: it stores what fits and
 *     returns that count; a write to a full fifo fails with -ENOSPC
 *   - a read of an empty fifo returns 0 (end of file), it does not block
 *   - a bad user pointer gives -EFAULT
 *
 * Guest:  modprobe kfifo
 *         printf 0123456789abcdefXYZ > /dev/kfifo
 *                      -> 16 bytes fit; printf's retry of "XYZ" gets ENOSPC
 *         cat /dev/kfifo               -> "0123456789abcdef"
 *         rmmod kfifo                  -> dmesg: "kfifo: exit, 0 bytes left"
 * Test:   /test/kfifo.out (tests/guest/kfifo.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kfifo.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>

#define FIFO_SIZE 16	/* a power of two: kfifo indexes with a mask */

static DEFINE_KFIFO(fifo, unsigned char, FIFO_SIZE);
/* kfifo needs no lock for one reader and one writer; we may have several. */
static DEFINE_MUTEX(fifo_lock);

static ssize_t kfifo_dev_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	unsigned int copied;
	int ret;

	mutex_lock(&fifo_lock);
	if (len && kfifo_is_full(&fifo)) {
		mutex_unlock(&fifo_lock);
		return -ENOSPC;
	}
	ret = kfifo_from_user(&fifo, ubuf, len, &copied);
	mutex_unlock(&fifo_lock);
	/* not "ret ? ret : copied": int vs unsigned int would make it unsigned */
	if (ret)
		return ret;
	return copied;
}

static ssize_t kfifo_dev_read(struct file *file, char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	unsigned int copied;
	int ret;

	mutex_lock(&fifo_lock);
	ret = kfifo_to_user(&fifo, ubuf, len, &copied);
	mutex_unlock(&fifo_lock);
	/* not "ret ? ret : copied": int vs unsigned int would make it unsigned */
	if (ret)
		return ret;
	return copied;
}

static const struct file_operations kfifo_fops = {
	.owner = THIS_MODULE,
	.read = kfifo_dev_read,
	.write = kfifo_dev_write,
};

static struct miscdevice kfifo_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kfifo",
	.fops = &kfifo_fops,
	.mode = 0666,
};

static int __init kfifo_dev_init(void)
{
	int ret;

	ret = misc_register(&kfifo_misc);
	if (ret)
		return ret;
	pr_info("init, %u bytes of room\n", kfifo_avail(&fifo));
	return 0;
}

static void __exit kfifo_dev_exit(void)
{
	misc_deregister(&kfifo_misc);
	pr_info("exit, %u bytes left\n", kfifo_len(&fifo));
}

module_init(kfifo_dev_init);
module_exit(kfifo_dev_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A 16-byte kfifo behind /dev/kfifo: kfifo_from_user, kfifo_to_user");
