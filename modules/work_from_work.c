// SPDX-License-Identifier: GPL-2.0
/*
 * work_from_work: a chain of N work items, each queued by the previous
 * one from inside its work function; the last one calls complete().
 * The writer that started the chain sleeps in wait_for_completion_
 * interruptible() until then. Only one step is ever queued or running, so
 * the steps run in order and need no lock between them.
 * destroy_workqueue() on unload drains the queue, chained work included.
 *
 * Guest:  modprobe work_from_work
 *         echo 5 > /sys/kernel/debug/work_from_work/chain   -> returns when
 *                       the chain is done; dmesg: "step 1 of 5" ... "step 5
 *                       of 5", then "chain of 5 done"
 *         cat /sys/kernel/debug/work_from_work/chain        -> "1 2 3 4 5"
 *         echo 17 > .../chain    -> Numerical result out of range (1..16)
 *         rmmod work_from_work   -> "work_from_work: exit"
 * Test:   /test/work_from_work.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/workqueue.h>

#define MAX_STEPS 16

struct step {
	struct work_struct work;
	unsigned int index;		/* 1..nsteps */
};

static struct workqueue_struct *wq;
static struct step steps[MAX_STEPS];
static unsigned int nsteps;
static unsigned int order[MAX_STEPS];	/* step indexes, in the order run */
static unsigned int nran;
static DECLARE_COMPLETION(chain_done);
static DEFINE_MUTEX(chain_lock);	/* one chain at a time */
static struct dentry *dir;

static void step_fn(struct work_struct *work)
{
	struct step *s = container_of(work, struct step, work);

	order[nran++] = s->index;
	pr_info("step %u of %u\n", s->index, nsteps);
	if (s->index < nsteps)
		queue_work(wq, &steps[s->index].work);	/* the next step */
	else
		complete(&chain_done);
}

static ssize_t chain_write(struct file *file, const char __user *buf,
			   size_t len, loff_t *ppos)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > MAX_STEPS)
		return -ERANGE;
	if (mutex_lock_interruptible(&chain_lock))
		return -EINTR;
	/* A chain whose writer was interrupted may still be running. */
	flush_workqueue(wq);
	reinit_completion(&chain_done);
	nsteps = n;
	nran = 0;
	queue_work(wq, &steps[0].work);
	ret = wait_for_completion_interruptible(&chain_done);
	if (!ret)
		pr_info("chain of %u done\n", n);
	mutex_unlock(&chain_lock);
	return ret ? ret : len;
}

static int chain_show(struct seq_file *m, void *v)
{
	unsigned int i;

	if (mutex_lock_interruptible(&chain_lock))
		return -EINTR;
	flush_workqueue(wq);
	for (i = 0; i < nran; i++)
		seq_printf(m, "%u%c", order[i], i + 1 < nran ? ' ' : '\n');
	mutex_unlock(&chain_lock);
	return 0;
}

static int chain_open(struct inode *inode, struct file *file)
{
	return single_open(file, chain_show, NULL);
}

static const struct file_operations chain_fops = {
	.owner = THIS_MODULE,
	.open = chain_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = chain_write,
};

static int __init work_from_work_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < MAX_STEPS; i++) {
		INIT_WORK(&steps[i].work, step_fn);
		steps[i].index = i + 1;
	}
	wq = alloc_workqueue("lkmp_chain", 0, 0);
	if (!wq)
		return -ENOMEM;

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto err_wq;
	}
	debugfs_create_file("chain", 0600, dir, NULL, &chain_fops);
	pr_info("init\n");
	return 0;

err_wq:
	destroy_workqueue(wq);
	return ret;
}

static void __exit work_from_work_exit(void)
{
	debugfs_remove(dir);
	destroy_workqueue(wq);
	pr_info("exit\n");
}

module_init(work_from_work_init);
module_exit(work_from_work_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A chain of work items, each queued by the previous one");
