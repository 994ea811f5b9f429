// SPDX-License-Identifier: GPL-2.0
/*
 * poll: a device that poll()/select() can wait on, made readable by a timer.
 * Every period_ms a timer counts a tick, marks the device readable and wakes
 * the wait queue. The poll file operation registers the caller on that queue
 * with poll_wait() and reports EPOLLIN while a tick is pending; read()
 * returns "tick N" and clears it (blocking until the next tick, or -EAGAIN
 * with O_NONBLOCK; -EINVAL for a buffer under 16 bytes).
 * period_ms must be 10..10000, else loading fails (EINVAL).
 *
 * Guest:  modprobe poll period_ms=500; cat /dev/poll   -> "tick 1", "tick 2"...
 *         (Ctrl-C to stop); modprobe poll period_ms=0  -> Invalid argument
 * Test:   /test/poll.out (tests/guest/poll.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/wait.h>

/* "tick 4294967295\n": read() wants a buffer at least this big. */
#define POLL_MSG_MAX	16

static unsigned int period_ms = 1000;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "tick period in ms, 10..10000 (default 1000)");

static DEFINE_SPINLOCK(poll_lock);	/* protects the two below (timer vs read) */
static unsigned int poll_ticks;
static bool poll_pending;
static DECLARE_WAIT_QUEUE_HEAD(poll_wq);
static struct timer_list poll_timer;

static void poll_tick(struct timer_list *t)
{
	spin_lock(&poll_lock);
	poll_ticks++;
	poll_pending = true;
	spin_unlock(&poll_lock);
	wake_up_interruptible(&poll_wq);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(period_ms));
}

static __poll_t poll_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &poll_wq, wait);	/* does not sleep: registers */
	return READ_ONCE(poll_pending) ? EPOLLIN | EPOLLRDNORM : 0;
}

static ssize_t poll_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	char msg[POLL_MSG_MAX + 1];
	unsigned int tick;
	int len, ret;

	if (count < POLL_MSG_MAX)
		return -EINVAL;		/* room for any tick, or nothing is read */
	for (;;) {
		spin_lock_bh(&poll_lock);
		if (poll_pending) {
			poll_pending = false;
			tick = poll_ticks;
			spin_unlock_bh(&poll_lock);
			break;
		}
		spin_unlock_bh(&poll_lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(poll_wq, READ_ONCE(poll_pending));
		if (ret)
			return ret;
	}

	len = scnprintf(msg, sizeof(msg), "tick %u\n", tick);
	if (copy_to_user(ubuf, msg, len))
		return -EFAULT;
	return len;
}

static const struct file_operations poll_fops = {
	.owner = THIS_MODULE,
	.read = poll_read,
	.poll = poll_poll,
	.llseek = noop_llseek,
};

static struct miscdevice poll_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "poll",
	.fops = &poll_fops,
};

static int __init poll_init(void)
{
	int ret;

	if (period_ms < 10 || period_ms > 10000)
		return -EINVAL;

	timer_setup(&poll_timer, poll_tick, 0);
	ret = misc_register(&poll_dev);
	if (ret)
		return ret;
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(period_ms));
	pr_info("init: a tick every %u ms\n", period_ms);
	return 0;
}

static void __exit poll_exit(void)
{
	misc_deregister(&poll_dev);
	timer_shutdown_sync(&poll_timer);	/* stops it re-arming itself */
	pr_info("exit after %u ticks\n", poll_ticks);
}

module_init(poll_init);
module_exit(poll_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("poll/select on a device made readable by a timer");
