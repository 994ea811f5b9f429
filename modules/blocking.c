// SPDX-License-Identifier: GPL-2.0
/*
 * blocking: a read that sleeps until a writer provides data.
 * The device holds one message. read() on an empty device sleeps in
 * wait_event_interruptible() until write() stores a message and wakes the
 * wait queue; the message is then consumed. With O_NONBLOCK an empty read
 * is -EAGAIN instead. A signal wakes the sleeper: wait_event_interruptible
 * returns -ERESTARTSYS, and the kernel either restarts the read (handler
 * installed with SA_RESTART) or returns EINTR to userland.
 * Writes longer than BLOCKING_MAX (64) bytes are -EINVAL.
 *
 * Guest:  modprobe blocking; cat /dev/blocking &     (cat sleeps)
 *         echo hi >/dev/blocking                     -> cat prints "hi"
 *         kill %1                                    -> "read interrupted"
 * Test:   /test/blocking.out (tests/guest/blocking.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define BLOCKING_MAX	64

static DEFINE_MUTEX(blocking_lock);	/* protects the message */
static char blocking_msg[BLOCKING_MAX];
static size_t blocking_len;		/* 0: empty, readers sleep */
static DECLARE_WAIT_QUEUE_HEAD(blocking_wq);

static ssize_t blocking_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char msg[BLOCKING_MAX];
	size_t len;
	int ret;

	for (;;) {
		mutex_lock(&blocking_lock);
		if (blocking_len)
			break;		/* data: go on, still holding the lock */
		mutex_unlock(&blocking_lock);

		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		/* Sleep until a write; recheck under the lock (another reader may win). */
		ret = wait_event_interruptible(blocking_wq, READ_ONCE(blocking_len));
		if (ret) {
			pr_info("read interrupted by a signal\n");
			return ret;	/* -ERESTARTSYS: restart or EINTR */
		}
	}
	len = min(count, blocking_len);
	memcpy(msg, blocking_msg, len);
	blocking_len = 0;		/* the whole message is consumed */
	mutex_unlock(&blocking_lock);

	if (copy_to_user(ubuf, msg, len))
		return -EFAULT;
	return len;
}

static ssize_t blocking_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char msg[BLOCKING_MAX];

	if (!count || count > BLOCKING_MAX)
		return -EINVAL;
	if (copy_from_user(msg, ubuf, count))
		return -EFAULT;

	mutex_lock(&blocking_lock);
	memcpy(blocking_msg, msg, count);
	WRITE_ONCE(blocking_len, count);
	mutex_unlock(&blocking_lock);
	wake_up_interruptible(&blocking_wq);
	return count;
}

static const struct file_operations blocking_fops = {
	.owner = THIS_MODULE,
	.read = blocking_read,
	.write = blocking_write,
	.llseek = noop_llseek,
};

static struct miscdevice blocking_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "blocking",
	.fops = &blocking_fops,
};

static int __init blocking_init(void)
{
	int ret;

	ret = misc_register(&blocking_dev);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit blocking_exit(void)
{
	misc_deregister(&blocking_dev);
	pr_info("exit\n");
}

module_init(blocking_init);
module_exit(blocking_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A read that blocks until a write, with O_NONBLOCK and signals");
