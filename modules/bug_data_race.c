// SPDX-License-Identifier: GPL-2.0
/*
 * bug_data_race: a data race, on purpose, for KCSAN to catch. Writing 1 to
 * the debugfs file "trigger" runs two kthreads for 200 ms, one on each of
 * two CPUs: a producer counting "pending" up and a consumer counting it
 * down, each also counting its own updates. Each "pending++" and
 * "pending--" is a plain read, then a plain write: with no lock, one
 * thread's update can overwrite the other's (a lost update), and "pending"
 * ends off what the two counts say. KCSAN stops on an access now and then
 * for a few microseconds, watching whether another CPU touches the same
 * word meanwhile, and reports the race with both functions. The fix: a
 * lock around each update, or atomic_long_t. It needs two CPUs (./run -c
 * 2; ./test runs with two). doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --kcsan -c 2    (the KCSAN kernel: ./build --kcsan)
 * Guest:  modprobe bug_data_race
 *         echo 1 > /sys/kernel/debug/bug_data_race/trigger
 *                  -> dmesg: "pending 47000, expected 58284 (362599 up,
 *                     304315 down)",
 *                     "BUG: KCSAN: data-race in bug_data_race_consumer
 *                     / bug_data_race_producer" (if not, write again)
 *         rmmod bug_data_race   -> dmesg: "bug_data_race: exit"
 * Test:   /test/bug_data_race.sh
 * Needs:  CONFIG_KCSAN CONFIG_DEBUG_FS
 * Stress: no-fuzz: writing 1 to trigger races two threads, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>

#define BUG_DATA_RACE_MS 200

static struct dentry *bug_data_race_dir;
static DEFINE_MUTEX(bug_data_race_run);	/* one run at a time */
/* The bug: both threads update this with no lock. */
static long pending;

/* Each thread counts its updates and returns the count to kthread_stop(). */
static int bug_data_race_producer(void *unused)
{
	int n = 0;

	while (!kthread_should_stop()) {
		pending++;
		n++;
		cond_resched();
	}
	return n;
}

static int bug_data_race_consumer(void *unused)
{
	int n = 0;

	while (!kthread_should_stop()) {
		pending--;
		n++;
		cond_resched();
	}
	return n;
}

/* Run both threads, each on a CPU of its own, for BUG_DATA_RACE_MS. */
static int bug_data_race_once(void)
{
	struct task_struct *producer, *consumer;
	unsigned int first, second;
	int ups, downs, ret;

	pending = 0;
	producer = kthread_create(bug_data_race_producer, NULL, "bug_race_up");
	if (IS_ERR(producer))
		return PTR_ERR(producer);
	consumer = kthread_create(bug_data_race_consumer, NULL, "bug_race_down");
	if (IS_ERR(consumer)) {
		ret = PTR_ERR(consumer);
		goto err_stop_producer;
	}
	get_task_struct(producer);
	get_task_struct(consumer);
	first = cpumask_first(cpu_online_mask);
	second = cpumask_next(first, cpu_online_mask);
	if (second < nr_cpu_ids) {
		kthread_bind(producer, first);
		kthread_bind(consumer, second);
	}
	wake_up_process(producer);
	wake_up_process(consumer);
	msleep(BUG_DATA_RACE_MS);
	ups = kthread_stop_put(producer);
	downs = kthread_stop_put(consumer);
	/* A thread stopped before it ran returns -EINTR, not a count. */
	if (ups < 0 || downs < 0)
		return -EAGAIN;
	pr_info("pending %ld, expected %d (%d up, %d down)\n", pending,
		ups - downs, ups, downs);
	return 0;

err_stop_producer:
	kthread_stop(producer);
	return ret;
}

static ssize_t bug_data_race_trigger(struct file *file,
				     const char __user *buf, size_t count,
				     loff_t *ppos)
{
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val != 1)
		return -EINVAL;
	mutex_lock(&bug_data_race_run);
	ret = bug_data_race_once();
	mutex_unlock(&bug_data_race_run);
	return ret ? ret : count;
}

static const struct file_operations bug_data_race_fops = {
	.owner = THIS_MODULE,
	.write = bug_data_race_trigger,
};

static int __init bug_data_race_init(void)
{
	bug_data_race_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_data_race_dir, NULL,
			    &bug_data_race_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_data_race_exit(void)
{
	debugfs_remove(bug_data_race_dir);
	pr_info("exit\n");
}

module_init(bug_data_race_init);
module_exit(bug_data_race_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A data race on purpose, for KCSAN to report");
