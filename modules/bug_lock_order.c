// SPDX-License-Identifier: GPL-2.0
/*
 * bug_lock_order: a lock order inversion (an ABBA deadlock), on purpose,
 * for lockdep to catch. Two accounts, each with its own mutex; a transfer
 * locks the account it takes from, then the one it gives to. Writing "ab"
 * to the debugfs file "trigger" moves 10 from a to b (a's lock, then b's);
 * "ba" moves them back (b's, then a's). Run one after the other nothing
 * happens; run at the same time on two CPUs, each can hold its first lock
 * and wait forever for the other's. Lockdep needs no such luck: it
 * remembers the order "a then b" from the first transfer and reports the
 * second, the moment it takes "b then a". The fix: always lock the two in
 * one order (say, a before b, whichever way the money goes).
 * doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks lockdep)
 * Guest:  modprobe bug_lock_order; cd /sys/kernel/debug/bug_lock_order
 *         echo ab > trigger   -> dmesg: "a 90, b 110"
 *         echo ba > trigger   -> dmesg: "a 100, b 100", "WARNING: possible
 *                                circular locking dependency detected",
 *                                "account_a.lock", "account_b.lock"
 *         cd /; rmmod bug_lock_order   -> dmesg: "bug_lock_order: exit"
 * Test:   /test/bug_lock_order.sh
 * Needs:  CONFIG_PROVE_LOCKING CONFIG_DEBUG_FS
 * Stress: no-fuzz: "ba" after "ab" inverts the lock order, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define BUG_LOCK_ORDER_AMOUNT 10

struct account {
	struct mutex lock;	/* guards balance */
	long balance;
};

/* Static locks: lockdep names each after its initializer's argument. */
static struct account account_a = {
	.lock = __MUTEX_INITIALIZER(account_a.lock),
	.balance = 100,
};

static struct account account_b = {
	.lock = __MUTEX_INITIALIZER(account_b.lock),
	.balance = 100,
};

static struct dentry *bug_lock_order_dir;

/* The bug: the lock order follows the direction of the transfer. */
static void bug_lock_order_transfer(struct account *from, struct account *to)
{
	mutex_lock(&from->lock);
	mutex_lock(&to->lock);
	from->balance -= BUG_LOCK_ORDER_AMOUNT;
	to->balance += BUG_LOCK_ORDER_AMOUNT;
	pr_info("a %ld, b %ld\n", account_a.balance, account_b.balance);
	mutex_unlock(&to->lock);
	mutex_unlock(&from->lock);
}

/* "ab" moves from a to b, "ba" from b to a; anything else is -EINVAL. */
static ssize_t bug_lock_order_trigger(struct file *file,
				      const char __user *ubuf, size_t count,
				      loff_t *ppos)
{
	char buf[4];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sysfs_streq(buf, "ab"))
		bug_lock_order_transfer(&account_a, &account_b);
	else if (sysfs_streq(buf, "ba"))
		bug_lock_order_transfer(&account_b, &account_a);
	else
		return -EINVAL;
	return count;
}

static const struct file_operations bug_lock_order_fops = {
	.owner = THIS_MODULE,
	.write = bug_lock_order_trigger,
};

static int __init bug_lock_order_init(void)
{
	bug_lock_order_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_lock_order_dir, NULL,
			    &bug_lock_order_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_lock_order_exit(void)
{
	debugfs_remove(bug_lock_order_dir);
	pr_info("exit\n");
}

module_init(bug_lock_order_init);
module_exit(bug_lock_order_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A lock order inversion on purpose, for lockdep to report");
