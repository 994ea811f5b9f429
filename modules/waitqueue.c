// SPDX-License-Identifier: GPL-2.0
/*
 * waitqueue: readers sleep on a wait queue until an event counter changes.
 * A read of the event file blocks in wait_event_interruptible() until a
 * writer adds to the counter; the writer calls wake_up_interruptible_all(),
 * which wakes every sleeping reader, and each one returns the new count.
 * The waiters file shows how many readers sleep right now. A signal ends a
 * reader's wait (-ERESTARTSYS); O_NONBLOCK readers get EAGAIN instead.
 *
 * Guest:  modprobe waitqueue
 *         cat /sys/kernel/debug/waitqueue/event &     (twice: both block)
 *         cat /sys/kernel/debug/waitqueue/waiters     -> 2
 *         echo 1 > /sys/kernel/debug/waitqueue/event  -> both print "event 1"
 *         echo 0 > .../event       -> Numerical result out of range (1..100)
 *         dd if=.../event bs=4 count=1    -> Invalid argument (buffer < 32)
 *         rmmod waitqueue          -> "waitqueue: exit"
 * Test:   /test/waitqueue.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: no wake_up_interruptible_all(); "both readers return" fails
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define LINE_MAX 32

static DECLARE_WAIT_QUEUE_HEAD(event_wq);
static atomic_t events = ATOMIC_INIT(0);
static atomic_t waiters = ATOMIC_INIT(0);
static struct dentry *dir;

static ssize_t event_read(struct file *file, char __user *buf, size_t len,
			  loff_t *ppos)
{
	char line[LINE_MAX];
	int seen, now, n, ret;

	if (*ppos)
		return 0;	/* one line per open, then end of file */
	if (len < LINE_MAX)
		return -EINVAL;

	seen = atomic_read(&events);
	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	atomic_inc(&waiters);
	ret = wait_event_interruptible(event_wq, atomic_read(&events) != seen);
	atomic_dec(&waiters);
	if (ret) {
		pr_info("reader %d interrupted\n", task_pid_nr(current));
		return ret;
	}

	now = atomic_read(&events);
	pr_info("reader %d woke up: event %d\n", task_pid_nr(current), now);
	n = scnprintf(line, sizeof(line), "event %d\n", now);
	if (copy_to_user(buf, line, n))
		return -EFAULT;
	*ppos = n;
	return n;
}

static ssize_t event_write(struct file *file, const char __user *buf,
			   size_t len, loff_t *ppos)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > 100)
		return -ERANGE;
	pr_info("writer: +%u events, %d waiters to wake\n", n,
		atomic_read(&waiters));
	atomic_add(n, &events);
#ifdef LKMP_MUTATION
	/* The mutation: no wake-up; the readers sleep on. */
#else
	wake_up_interruptible_all(&event_wq);
#endif
	return len;
}

static const struct file_operations event_fops = {
	.owner = THIS_MODULE,
	.read = event_read,
	.write = event_write,
};

static int __init waitqueue_example_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("event", 0600, dir, NULL, &event_fops);
	debugfs_create_atomic_t("waiters", 0444, dir, &waiters);
	pr_info("init\n");
	return 0;
}

static void __exit waitqueue_example_exit(void)
{
	debugfs_remove(dir);
	pr_info("exit after %d events\n", atomic_read(&events));
}

module_init(waitqueue_example_init);
module_exit(waitqueue_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Readers block on a wait queue until a writer wakes them all");
