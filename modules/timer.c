// SPDX-License-Identifier: GPL-2.0
/*
 * timer: a timer_list that fires every period_ms and re-arms itself with
 * mod_timer(). The callback runs in softirq context: it must not sleep, so
 * it only counts (an atomic_t, read by userland through debugfs).
 * On unload a flag stops the re-arming, then timer_delete_sync() (the 6.2+
 * name of del_timer_sync) removes a pending timer and waits for a running
 * callback to finish, so the module's code is not freed under it.
 *
 * Guest:  modprobe timer period_ms=100
 *         cat /sys/kernel/debug/timer/count   -> grows by ~10 per second
 *         rmmod timer                         -> "timer: exit after N ticks"
 *         modprobe timer period_ms=5          -> Invalid argument (10..10000)
 * Test:   /test/timer.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/timer.h>

static unsigned int period_ms = 1000;

static int period_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 10, 10000);
}

static const struct kernel_param_ops period_ops = {
	.set = period_set,
	.get = param_get_uint,
};

module_param_cb(period_ms, &period_ops, &period_ms, 0444);
MODULE_PARM_DESC(period_ms, "Timer period in ms, 10..10000 (default 1000)");

static struct timer_list timer;
static atomic_t ticks = ATOMIC_INIT(0);
static bool stopping;
static struct dentry *dir;

static void timer_fn(struct timer_list *t)
{
	if (atomic_inc_return(&ticks) == 1)
		pr_info("first tick, in_serving_softirq=%d\n", !!in_serving_softirq());
	if (!READ_ONCE(stopping))
		mod_timer(t, jiffies + msecs_to_jiffies(period_ms));
}

static int __init timer_example_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_atomic_t("count", 0444, dir, &ticks);

	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + msecs_to_jiffies(period_ms));
	pr_info("init: every %u ms (%lu jiffies, HZ=%d)\n", period_ms,
		msecs_to_jiffies(period_ms), HZ);
	return 0;
}

static void __exit timer_example_exit(void)
{
	WRITE_ONCE(stopping, true);
	timer_delete_sync(&timer);
	debugfs_remove(dir);
	pr_info("exit after %d ticks\n", atomic_read(&ticks));
}

module_init(timer_example_init);
module_exit(timer_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A periodic timer_list re-armed with mod_timer");
