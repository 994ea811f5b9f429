// SPDX-License-Identifier: GPL-2.0
/*
 * bug_atomic_sleep: sleeping in atomic context, on purpose, for
 * DEBUG_ATOMIC_SLEEP to catch. Each write of 1 to the debugfs file
 * "trigger" replaces the module's last record (a number and the time) with
 * a new one, under a spinlock: the kind of lock an interrupt handler can
 * share, held with preemption off, where nothing may sleep. The new record
 * is allocated with GFP_KERNEL while the lock is held, and a GFP_KERNEL
 * allocation may sleep (to reclaim memory). Most of the time it does not,
 * so the plain kernel runs on; the debug kernel checks every "may sleep"
 * point (might_sleep()) and reports "sleeping function called from invalid
 * context" with the lock held and who took it. The fix: allocate before
 * taking the lock (or GFP_ATOMIC). doc/debug-kernel.md reads the report,
 * and says why this is not msleep() under the lock.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks the check)
 * Guest:  modprobe bug_atomic_sleep
 *         echo 1 > /sys/kernel/debug/bug_atomic_sleep/trigger
 *                  -> dmesg: "record 1", "BUG: sleeping function called
 *                     from invalid context at include/linux/sched/mm.h:..."
 *         rmmod bug_atomic_sleep   -> dmesg: "bug_atomic_sleep: exit"
 * Test:   /test/bug_atomic_sleep.sh
 * Needs:  CONFIG_DEBUG_ATOMIC_SLEEP CONFIG_DEBUG_FS
 * Stress: no-fuzz: a write to trigger sleeps under a spinlock, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct bug_atomic_sleep_record {
	unsigned int seq;
	unsigned long when;	/* jiffies */
};

static struct dentry *bug_atomic_sleep_dir;
static DEFINE_SPINLOCK(bug_atomic_sleep_lock);	/* guards the two below */
static struct bug_atomic_sleep_record *bug_atomic_sleep_last;
static unsigned int bug_atomic_sleep_seq;

/* "1" replaces the last record; anything else is -EINVAL. */
static ssize_t bug_atomic_sleep_trigger(struct file *file,
					const char __user *buf, size_t count,
					loff_t *ppos)
{
	struct bug_atomic_sleep_record *rec;
	unsigned int val, seq;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val != 1)
		return -EINVAL;
	spin_lock(&bug_atomic_sleep_lock);
	/* The bug: GFP_KERNEL may sleep, and a spinlock is held. */
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec) {
		spin_unlock(&bug_atomic_sleep_lock);
		return -ENOMEM;
	}
	rec->seq = ++bug_atomic_sleep_seq;
	rec->when = jiffies;
	kfree(bug_atomic_sleep_last);
	bug_atomic_sleep_last = rec;
	seq = rec->seq;
	spin_unlock(&bug_atomic_sleep_lock);
	pr_info("record %u\n", seq);
	return count;
}

static const struct file_operations bug_atomic_sleep_fops = {
	.owner = THIS_MODULE,
	.write = bug_atomic_sleep_trigger,
};

static int __init bug_atomic_sleep_init(void)
{
	bug_atomic_sleep_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_atomic_sleep_dir, NULL,
			    &bug_atomic_sleep_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_atomic_sleep_exit(void)
{
	debugfs_remove(bug_atomic_sleep_dir);
	kfree(bug_atomic_sleep_last);
	pr_info("exit\n");
}

module_init(bug_atomic_sleep_init);
module_exit(bug_atomic_sleep_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Sleeping in atomic context on purpose, for DEBUG_ATOMIC_SLEEP to report");
