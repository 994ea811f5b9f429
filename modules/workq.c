// SPDX-License-Identifier: GPL-2.0
/*
 * workq: defer work to process context on a workqueue of our own.
 * Writing 0 to the trigger file queues a work item now (queue_work) and
 * waits until it has run (flush_work): the work takes 100 ms (it sleeps),
 * and the write returns after it. Writing N (1..10000) queues a delayed
 * work that runs N ms later (queue_delayed_work) and returns at once.
 * A work item that is already pending is not queued
 * twice: the write then fails with EBUSY. On unload a pending delayed work
 * is cancelled (cancel_delayed_work_sync) and destroy_workqueue() drains
 * and frees the queue.
 * (Not named "workqueue": the kernel already has /sys/module/workqueue for
 * its built-in parameters, so a module of that name cannot load.)
 *
 * Guest:  modprobe workq
 *         echo 0 > /sys/kernel/debug/workq/trigger    -> "work ran", then
 *                                        "after the flush: work count 1"
 *         echo 500 > /sys/kernel/debug/workq/trigger  -> "delayed work ran"
 *                                                        0.5 s later
 *         cat /sys/kernel/debug/workq/count   -> "work 1", "delayed 1"
 *         echo 20000 > .../trigger    -> Numerical result out of range
 *         rmmod workq                 -> "workq: exit"
 * Test:   /test/workq.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: no flush_work(); "the work had run when the write returned" fails
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
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
#include <linux/seq_file.h>
#include <linux/workqueue.h>

static struct workqueue_struct *wq;
static struct work_struct work;
static struct delayed_work dwork;
static atomic_t work_runs = ATOMIC_INIT(0);
static atomic_t dwork_runs = ATOMIC_INIT(0);
static struct dentry *dir;

static void work_fn(struct work_struct *w)
{
	msleep(100);	/* a work that takes a while: flush_work() waits */
	pr_info("work ran (%d) in %s\n", atomic_inc_return(&work_runs),
		current->comm);
}

static void dwork_fn(struct work_struct *w)
{
	pr_info("delayed work ran (%d)\n", atomic_inc_return(&dwork_runs));
}

static ssize_t trigger_write(struct file *file, const char __user *buf,
			     size_t len, loff_t *ppos)
{
	unsigned int ms;
	bool queued;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &ms);
	if (ret)
		return ret;
	if (ms > 10000)
		return -ERANGE;
	if (ms)
		queued = queue_delayed_work(wq, &dwork, msecs_to_jiffies(ms));
	else
		queued = queue_work(wq, &work);
	if (!queued)
		return -EBUSY;	/* already pending: not queued twice */
	pr_info("queued %s\n", ms ? "delayed work" : "work");
	if (!ms) {
#ifdef LKMP_MUTATION
		/* The mutation: no flush; the work may not have run yet. */
#else
		flush_work(&work);	/* returns once it has run */
#endif
		pr_info("after the flush: work count %d\n",
			atomic_read(&work_runs));
	}
	return len;
}

static const struct file_operations trigger_fops = {
	.owner = THIS_MODULE,
	.write = trigger_write,
};

static int count_show(struct seq_file *m, void *v)
{
	seq_printf(m, "work %d\ndelayed %d\n", atomic_read(&work_runs),
		   atomic_read(&dwork_runs));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(count);

static int __init workq_init(void)
{
	int ret;

	INIT_WORK(&work, work_fn);
	INIT_DELAYED_WORK(&dwork, dwork_fn);
	wq = alloc_workqueue("lkmp_wq", 0, 0);
	if (!wq)
		return -ENOMEM;

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto err_wq;
	}
	debugfs_create_file("trigger", 0200, dir, NULL, &trigger_fops);
	debugfs_create_file("count", 0444, dir, NULL, &count_fops);
	pr_info("init\n");
	return 0;

err_wq:
	destroy_workqueue(wq);
	return ret;
}

static void __exit workq_exit(void)
{
	debugfs_remove(dir);	/* no new triggers after this */
	if (cancel_delayed_work_sync(&dwork))
		pr_info("cancelled a pending delayed work\n");
	destroy_workqueue(wq);	/* drains: queued work runs first */
	pr_info("exit\n");
}

module_init(workq_init);
module_exit(workq_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A work item and a delayed work on a workqueue of our own");
