// SPDX-License-Identifier: GPL-2.0
/*
 * hrtimer: a high-resolution timer with a period in microseconds. The
 * callback (hard interrupt context) counts, moves its expiry forward with
 * hrtimer_forward_now() and returns HRTIMER_RESTART. hrtimer_forward_now()
 * returns how many periods passed: more than 1 means we missed some
 * (overruns, frequent under QEMU's TCG with short periods).
 * hrtimer_cancel() on unload waits for a running callback.
 *
 * Guest:  modprobe hrtimer period_us=1000
 *         cat /sys/kernel/debug/hrtimer/count      -> grows, ~1000 per second
 *         cat /sys/kernel/debug/hrtimer/overruns   -> periods missed so far
 *         rmmod hrtimer            -> "hrtimer: exit after N ticks, M overruns"
 *         modprobe hrtimer period_us=10            -> Invalid argument
 * Test:   /test/hrtimer.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static unsigned int period_us = 10000;

static int period_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 100, 1000000);
}

static const struct kernel_param_ops period_ops = {
	.set = period_set,
	.get = param_get_uint,
};

module_param_cb(period_us, &period_ops, &period_us, 0444);
MODULE_PARM_DESC(period_us, "Period in us, 100..1000000 (default 10000)");

static struct hrtimer timer;
static ktime_t period;
static atomic_t ticks = ATOMIC_INIT(0);
static atomic_t overruns = ATOMIC_INIT(0);
static struct dentry *dir;

static enum hrtimer_restart timer_fn(struct hrtimer *t)
{
	u64 missed;

	if (atomic_inc_return(&ticks) == 1)
		pr_info("first tick, in_hardirq=%d\n", !!in_hardirq());
	/* Next expiry = previous expiry + k * period, the first one after now. */
	missed = hrtimer_forward_now(t, period);
	if (missed > 1)
		atomic_add(missed - 1, &overruns);
	return HRTIMER_RESTART;
}

static int __init hrtimer_example_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_atomic_t("count", 0444, dir, &ticks);
	debugfs_create_atomic_t("overruns", 0444, dir, &overruns);

	period = ns_to_ktime((u64)period_us * NSEC_PER_USEC);
	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	timer.function = timer_fn;
	hrtimer_start(&timer, period, HRTIMER_MODE_REL);
	pr_info("init: every %u us, clock resolution %u ns\n", period_us,
		hrtimer_resolution);
	return 0;
}

static void __exit hrtimer_example_exit(void)
{
	hrtimer_cancel(&timer);
	debugfs_remove(dir);
	pr_info("exit after %d ticks, %d overruns\n", atomic_read(&ticks),
		atomic_read(&overruns));
}

module_init(hrtimer_example_init);
module_exit(hrtimer_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A periodic hrtimer restarted with hrtimer_forward_now");
