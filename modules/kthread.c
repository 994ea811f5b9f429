// SPDX-License-Identifier: GPL-2.0
/*
 * kthread: one kernel thread that wakes every interval_ms, counts and logs.
 * kthread_run() starts it; it sleeps with schedule_timeout_interruptible()
 * and checks kthread_should_stop() each round; kthread_stop() on unload
 * wakes it, waits for it to return and gets its return value.
 *
 * Guest:  modprobe kthread interval_ms=200
 *         ps | grep lkmp_kthread            -> [lkmp_kthread]
 *         cat /sys/kernel/debug/kthread/count   -> grows: 1, 2, 3...
 *         dmesg                             -> "kthread: tick 1", "tick 2"...
 *         rmmod kthread                     -> "kthread: exit (thread stopped
 *                                              after N ticks)", gone from ps
 *         modprobe kthread interval_ms=0    -> Invalid argument (10..10000)
 * Test:   /test/kthread.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>

static unsigned int interval_ms = 1000;

static int interval_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 10, 10000);
}

static const struct kernel_param_ops interval_ops = {
	.set = interval_set,
	.get = param_get_uint,
};

module_param_cb(interval_ms, &interval_ops, &interval_ms, 0444);
MODULE_PARM_DESC(interval_ms, "Wake-up period in ms, 10..10000 (default 1000)");

static struct task_struct *worker;
static atomic_t ticks = ATOMIC_INIT(0);
static struct dentry *dir;

static int worker_fn(void *data)
{
	while (!kthread_should_stop()) {
		pr_info("tick %d\n", atomic_inc_return(&ticks));
		/* Sleeps the period, or less: kthread_stop() wakes us up. */
		schedule_timeout_interruptible(msecs_to_jiffies(interval_ms));
	}
	return atomic_read(&ticks);
}

static int __init kthread_example_init(void)
{
	int ret;

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	/* Read-only: a write gets EACCES. */
	debugfs_create_atomic_t("count", 0444, dir, &ticks);

	worker = kthread_run(worker_fn, NULL, "lkmp_kthread");
	if (IS_ERR(worker)) {
		ret = PTR_ERR(worker);
		goto err_dir;
	}
	pr_info("init: thread pid %d, every %u ms\n", task_pid_nr(worker),
		interval_ms);
	return 0;

err_dir:
	debugfs_remove(dir);
	return ret;
}

static void __exit kthread_example_exit(void)
{
	int ret = kthread_stop(worker);

	debugfs_remove(dir);
	pr_info("exit (thread stopped after %d ticks)\n", ret);
}

module_init(kthread_example_init);
module_exit(kthread_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A kernel thread that wakes periodically, stopped with kthread_stop");
