// SPDX-License-Identifier: GPL-2.0
/*
 * msleep: three ways to sleep in process context, on a write to the sleep
 * file ("KIND N"):
 *   msleep N         N ms, uninterruptible (state D): signals wait until
 *                    it is over; for sleeps of 10 ms and more
 *   usleep N         N us with usleep_range(N, N + N / 10): an hrtimer, for
 *                    10 us .. 20 ms; the slack lets the kernel merge wake-ups
 *   interruptible N  N ms with schedule_timeout_interruptible(): a signal
 *                    wakes it early, it returns the jiffies left and the
 *                    write fails with EINTR
 *
 * Guest:  modprobe msleep
 *         echo msleep 2000 > /sys/kernel/debug/msleep/sleep &
 *         kill %1             -> the shell waits the 2 s; dmesg: "msleep
 *                                2000 done, signal pending: 1"
 *         echo interruptible 5000 > /sys/kernel/debug/msleep/sleep &
 *         kill %1             -> ends at once; dmesg: "interruptible sleep
 *                                cut short by a signal, N ms left"
 *         echo msleep 0 > .../sleep   -> Numerical result out of range
 *         echo nap 10 > .../sleep     -> Invalid argument
 *         rmmod msleep                -> "msleep: exit"
 * Test:   /test/msleep.out (tests/guest/msleep.c)
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static struct dentry *dir;

static ssize_t sleep_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[32], kind[16];
	unsigned int n;
	long left;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%15s %u", kind, &n) != 2)
		return -EINVAL;

	if (!strcmp(kind, "msleep")) {
		if (n < 1 || n > 10000)
			return -ERANGE;
		msleep(n);
	} else if (!strcmp(kind, "usleep")) {
		if (n < 10 || n > 20000)
			return -ERANGE;
		usleep_range(n, n + n / 10);
	} else if (!strcmp(kind, "interruptible")) {
		if (n < 1 || n > 10000)
			return -ERANGE;
		left = schedule_timeout_interruptible(msecs_to_jiffies(n));
		if (signal_pending(current)) {
			pr_info("interruptible sleep cut short by a signal, %u ms left\n",
				jiffies_to_msecs(left));
			return -EINTR;
		}
	} else {
		return -EINVAL;
	}
	pr_info("%s %u done, signal pending: %d\n", kind, n,
		signal_pending(current));
	return len;
}

static const struct file_operations sleep_fops = {
	.owner = THIS_MODULE,
	.write = sleep_write,
};

static int __init msleep_example_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("sleep", 0200, dir, NULL, &sleep_fops);
	pr_info("init\n");
	return 0;
}

static void __exit msleep_example_exit(void)
{
	debugfs_remove(dir);
	pr_info("exit\n");
}

module_init(msleep_example_init);
module_exit(msleep_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("msleep vs usleep_range vs schedule_timeout_interruptible");
