// SPDX-License-Identifier: GPL-2.0
/*
 * kthreads: nthreads kernel threads, each with its own data (an id, a
 * period and a counter), started with kthread_run() and all stopped with
 * kthread_stop() on unload. If one fails to start, init stops the ones
 * already running before it returns the error.
 *
 * Guest:  modprobe kthreads nthreads=3
 *         ps | grep lkmp_kth                -> [lkmp_kth/0] [lkmp_kth/1] [lkmp_kth/2]
 *         cat /sys/kernel/debug/kthreads/counts -> "0 12", "1 8", "2 6"
 *                                              (thread id, ticks; thread i
 *                                              wakes every (i + 1) * 10 ms)
 *         rmmod kthreads                    -> "kthreads: exit", no more threads
 *         modprobe kthreads nthreads=9      -> Invalid argument (1..8)
 * Test:   /test/kthreads.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: kthread_create(), never woken; "every thread counts on its own" fails
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#define MAX_THREADS 8

static unsigned int nthreads = 4;

static int nthreads_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, MAX_THREADS);
}

static const struct kernel_param_ops nthreads_ops = {
	.set = nthreads_set,
	.get = param_get_uint,
};

module_param_cb(nthreads, &nthreads_ops, &nthreads, 0444);
MODULE_PARM_DESC(nthreads, "Number of threads, 1..8 (default 4)");

/* What each thread owns: nobody else writes these fields. */
struct worker {
	struct task_struct *task;
	unsigned int id;
	unsigned int period_ms;
	unsigned long ticks;
};

static struct worker workers[MAX_THREADS];
static struct dentry *dir;

static int worker_fn(void *data)
{
	struct worker *w = data;

	pr_info("thread %u started\n", w->id);
	while (!kthread_should_stop()) {
		WRITE_ONCE(w->ticks, w->ticks + 1);
		schedule_timeout_interruptible(msecs_to_jiffies(w->period_ms));
	}
	pr_info("thread %u stopping after %lu ticks\n", w->id, w->ticks);
	return 0;
}

static int counts_show(struct seq_file *m, void *v)
{
	unsigned int i;

	for (i = 0; i < nthreads; i++)
		seq_printf(m, "%u %lu\n", i, READ_ONCE(workers[i].ticks));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counts);

static void stop_workers(unsigned int n)
{
	while (n--)
		kthread_stop(workers[n].task);
}

static int __init kthreads_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];

		w->id = i;
		w->period_ms = (i + 1) * 10;
#ifdef LKMP_MUTATION
		/* The mutation: created, never woken: it never runs. */
		w->task = kthread_create(worker_fn, w, "lkmp_kth/%u", i);
#else
		w->task = kthread_run(worker_fn, w, "lkmp_kth/%u", i);
#endif
		if (IS_ERR(w->task)) {
			ret = PTR_ERR(w->task);
			goto err_threads;
		}
	}

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto err_threads;
	}
	debugfs_create_file("counts", 0444, dir, NULL, &counts_fops);
	pr_info("init: %u threads\n", nthreads);
	return 0;

err_threads:
	stop_workers(i);
	return ret;
}

static void __exit kthreads_exit(void)
{
	debugfs_remove(dir);
	stop_workers(nthreads);
	pr_info("exit\n");
}

module_init(kthreads_init);
module_exit(kthreads_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Several kernel threads with their own data, all stopped on unload");
