// SPDX-License-Identifier: GPL-2.0
/*
 * completion: one context waits for another to say "done". A write of N
 * to the go file queues a delayed work due in N ms, then the writer sleeps
 * in wait_for_completion_interruptible_timeout() until the work calls
 * complete(), the timeout (timeout_ms) passes, or a signal arrives.
 * The write returns success, ETIMEDOUT or EINTR accordingly; in the last
 * two cases the work is cancelled before the next wait re-arms the
 * completion with reinit_completion().
 *
 * Guest:  modprobe completion
 *         echo 100 > /sys/kernel/debug/completion/go  -> returns after 0.1 s;
 *               dmesg: "writer: waiting", "work: complete()", "writer: done"
 *         echo 5000 > .../go    -> Connection timed out (timeout_ms=2000)
 *         echo 20000 > .../go   -> Numerical result out of range (0..10000)
 *         rmmod completion      -> "completion: exit"
 * Test:   /test/completion.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: no wait_for_completion(); "events in order: wait, complete, wake" fails
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/workqueue.h>

static unsigned int timeout_ms = 2000;

static int timeout_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 100, 10000);
}

static const struct kernel_param_ops timeout_ops = {
	.set = timeout_set,
	.get = param_get_uint,
};

module_param_cb(timeout_ms, &timeout_ops, &timeout_ms, 0444);
MODULE_PARM_DESC(timeout_ms, "How long a writer waits, 100..10000 ms (default 2000)");

static DECLARE_COMPLETION(done);
static DEFINE_MUTEX(lock);	/* one waiter at a time */
static struct delayed_work dwork;
static struct dentry *dir;

static void dwork_fn(struct work_struct *work)
{
	pr_info("work: complete()\n");
	complete(&done);
}

static ssize_t go_write(struct file *file, const char __user *buf,
			size_t len, loff_t *ppos)
{
	unsigned long timeout = msecs_to_jiffies(timeout_ms);
	unsigned int ms;
	long left;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &ms);
	if (ret)
		return ret;
	if (ms > 10000)
		return -ERANGE;
	if (mutex_lock_interruptible(&lock))
		return -EINTR;

	reinit_completion(&done);
	schedule_delayed_work(&dwork, msecs_to_jiffies(ms));
	pr_info("writer: waiting (work due in %u ms)\n", ms);
#ifdef LKMP_MUTATION
	left = timeout;	/* the mutation: no wait, as if done at once */
#else
	left = wait_for_completion_interruptible_timeout(&done, timeout);
#endif
	if (left > 0) {
		pr_info("writer: done, %u ms of the timeout left\n",
			jiffies_to_msecs(left));
		ret = len;
	} else {
		cancel_delayed_work_sync(&dwork);
		pr_info("writer: %s\n", left ? "interrupted" : "timed out");
		ret = left ? -EINTR : -ETIMEDOUT;
	}
	mutex_unlock(&lock);
	return ret;
}

static const struct file_operations go_fops = {
	.owner = THIS_MODULE,
	.write = go_write,
};

static int __init completion_example_init(void)
{
	INIT_DELAYED_WORK(&dwork, dwork_fn);
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("go", 0200, dir, NULL, &go_fops);
	pr_info("init\n");
	return 0;
}

static void __exit completion_example_exit(void)
{
	debugfs_remove(dir);
	cancel_delayed_work_sync(&dwork);
	pr_info("exit\n");
}

module_init(completion_example_init);
module_exit(completion_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A writer waits on a completion that a delayed work signals");
