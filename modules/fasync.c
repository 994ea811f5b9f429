// SPDX-License-Identifier: GPL-2.0
/*
 * fasync: tell userland "data is here" with a signal (SIGIO).
 * A process asks for it with fcntl(F_SETOWN, pid) and fcntl(F_SETFL,
 * O_ASYNC); setting or clearing O_ASYNC calls our fasync operation, which
 * adds or removes the file in a list with fasync_helper(). When data
 * arrives (a write), kill_fasync() signals every owner on the list with
 * SIGIO (or the F_SETSIG signal, whose siginfo says POLL_IN and the fd).
 * The device holds one message of up to FASYNC_MAX (64) bytes: longer
 * writes are -EINVAL; read() consumes it, or is -EAGAIN when there is none.
 *
 * Guest:  /test/fasync.out        -> loads it, asks for SIGIO, writes, unloads
 *         dmesg | grep fasync     -> "fasync: O_ASYNC on", "fasync: O_ASYNC off"
 * Test:   /test/fasync.out (tests/guest/fasync.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define FASYNC_MAX	64

static DEFINE_MUTEX(fasync_lock);	/* protects the message */
static char fasync_msg[FASYNC_MAX];
static size_t fasync_len;
static struct fasync_struct *fasync_queue;	/* who wants SIGIO */

static int fasync_fasync(int fd, struct file *file, int on)
{
	pr_info("O_ASYNC %s\n", on ? "on" : "off");
	return fasync_helper(fd, file, on, &fasync_queue);
}

/* A file still on the list when it is closed must leave it. */
static int fasync_release(struct inode *inode, struct file *file)
{
	return fasync_helper(-1, file, 0, &fasync_queue);
}

static ssize_t fasync_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	char msg[FASYNC_MAX];
	size_t len;

	mutex_lock(&fasync_lock);
	len = min(count, fasync_len);
	memcpy(msg, fasync_msg, len);
	fasync_len = 0;
	mutex_unlock(&fasync_lock);

	if (!len)
		return -EAGAIN;		/* nothing yet: wait for SIGIO */
	return copy_to_user(ubuf, msg, len) ? -EFAULT : len;
}

static ssize_t fasync_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char msg[FASYNC_MAX];

	if (!count || count > FASYNC_MAX)
		return -EINVAL;
	if (copy_from_user(msg, ubuf, count))
		return -EFAULT;

	mutex_lock(&fasync_lock);
	memcpy(fasync_msg, msg, count);
	fasync_len = count;
	mutex_unlock(&fasync_lock);

	kill_fasync(&fasync_queue, SIGIO, POLL_IN);	/* "readable now" */
	return count;
}

static const struct file_operations fasync_fops = {
	.owner = THIS_MODULE,
	.read = fasync_read,
	.write = fasync_write,
	.fasync = fasync_fasync,
	.release = fasync_release,
	.llseek = noop_llseek,
};

static struct miscdevice fasync_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "fasync",
	.fops = &fasync_fops,
};

static int __init fasync_init(void)
{
	int ret;

	ret = misc_register(&fasync_dev);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit fasync_exit(void)
{
	misc_deregister(&fasync_dev);
	pr_info("exit\n");
}

module_init(fasync_init);
module_exit(fasync_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Asynchronous notification with fasync_helper and kill_fasync (SIGIO)");
