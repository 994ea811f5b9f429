// SPDX-License-Identifier: GPL-2.0
/*
 * locking: nthreads kernel threads each add 1 to four shared counters,
 * iterations times: a plain counter with no protection (read, add, write:
 * two threads can read the same value and one increment is lost), one
 * under a mutex (may sleep), one under a spinlock (may not), and an
 * atomic_long_t (one indivisible instruction, no lock). The first three
 * are incremented alike: read, a short pause that widens the window in
 * which another thread can slip in, write.
 * Writing the iteration count to the run file starts a run and returns
 * when it is over; the counters file shows the result. The threads are
 * bound to the online CPUs in turn and count one counter after the other,
 * each starting together at a barrier, so that they race on it at the
 * same time (not in step with a lock another counter makes them wait on).
 * The protected counters are always exact. The plain one loses increments
 * when threads really run at the same time: on several CPUs (./run -c 2,
 * as ./test boots), nearly always.
 *
 * Guest:  modprobe locking nthreads=2
 *         echo 100000 > /sys/kernel/debug/locking/run
 *         cat /sys/kernel/debug/locking/counters
 *                 -> "expected 200000", "none 106169" (-c 2) or 200000 (1 CPU),
 *                    "mutex 200000", "spinlock 200000", "atomic 200000"
 *         echo 0 > .../run      -> Numerical result out of range (1..1000000)
 *         rmmod locking         -> "locking: exit"
 * Test:   /test/locking.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: no mutex or spinlock; "mutex counter is exact" fails (needs 2 CPUs)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#define MAX_THREADS 8
#define WINDOW 16	/* cpu_relax() rounds between a read and its write */
#define SLICES 8	/* of a run, in which the threads take each counter */

static unsigned int nthreads = 2;

static int nthreads_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 2, MAX_THREADS);
}

static const struct kernel_param_ops nthreads_ops = {
	.set = nthreads_set,
	.get = param_get_uint,
};

module_param_cb(nthreads, &nthreads_ops, &nthreads, 0444);
MODULE_PARM_DESC(nthreads, "Threads per run, 2..8 (default 2)");

static unsigned long plain_count;
static unsigned long mutex_count;
static __maybe_unused DEFINE_MUTEX(count_mutex);	/* (not in the mutation) */
static unsigned long spin_count;
static __maybe_unused DEFINE_SPINLOCK(count_spinlock);
static atomic_long_t atomic_count;

static unsigned int iterations;
static atomic_t arrived;		/* the start barrier: arrivals */
static atomic_t running;
static DECLARE_COMPLETION(all_done);
static DEFINE_MUTEX(run_lock);		/* one run at a time */
static struct dentry *dir;

/* The race: another thread may write between our read and our write. */
static void slow_inc(unsigned long *counter)
{
	unsigned long value = READ_ONCE(*counter);
	unsigned int i;

	for (i = 0; i < WINDOW; i++)
		cpu_relax();
	WRITE_ONCE(*counter, value + 1);
}

static void inc_plain(void)
{
	slow_inc(&plain_count);
}

#ifdef LKMP_MUTATION
/* The mutation: the same increments, without their locks. */
static void inc_mutex(void)
{
	slow_inc(&mutex_count);
}

static void inc_spin(void)
{
	slow_inc(&spin_count);
}
#else
static void inc_mutex(void)
{
	mutex_lock(&count_mutex);
	slow_inc(&mutex_count);
	mutex_unlock(&count_mutex);
}

static void inc_spin(void)
{
	spin_lock(&count_spinlock);
	slow_inc(&spin_count);
	spin_unlock(&count_spinlock);
}
#endif

static void inc_atomic(void)
{
	atomic_long_inc(&atomic_count);
}

/* Wait until every thread has come to this slice (yielding: 1 CPU). */
static void start_together(unsigned int slices)
{
	atomic_inc(&arrived);
	while (atomic_read(&arrived) < nthreads * slices)
		cond_resched();
}

/*
 * The counters in turn, a slice of the iterations at a time, every thread
 * starting each slice together: so each counter is raced on all through
 * the run, not in step with a lock another one makes the threads wait on.
 */
static int counter_fn(void *data)
{
	static void (*const incs[])(void) = { inc_plain, inc_mutex, inc_spin, inc_atomic };
	unsigned int slice, i, n, slices = 0;

	for (slice = 0; slice < SLICES; slice++) {
		n = iterations / SLICES + (slice < iterations % SLICES);
		if (!n)
			continue;	/* (fewer iterations than slices) */
		for (i = 0; i < ARRAY_SIZE(incs) * n; i++) {
			if (!(i % n))
				start_together(++slices);
			incs[i / n]();
			if (!(i % 1024))
				cond_resched();	/* let the other threads run on 1 CPU */
		}
	}
	if (atomic_dec_and_test(&running))
		complete(&all_done);
	return 0;
}

static int do_run(void)
{
	struct task_struct *tasks[MAX_THREADS];
	unsigned int i, started;

	plain_count = 0;
	mutex_count = 0;
	spin_count = 0;
	atomic_long_set(&atomic_count, 0);
	reinit_completion(&all_done);
	atomic_set(&arrived, 0);
	atomic_set(&running, nthreads);

	/* Create them all before waking any, so that they start together. */
	for (started = 0; started < nthreads; started++) {
		tasks[started] = kthread_create(counter_fn, NULL, "lkmp_lock/%u",
						started);
		if (IS_ERR(tasks[started]))
			goto err_create;
		/* Our reference keeps the task valid for kthread_stop_put(). */
		get_task_struct(tasks[started]);
		/* On the online CPUs in turn: on 2 CPUs, 2 threads really at once. */
		kthread_bind(tasks[started],
			     cpumask_nth(started % num_online_cpus(), cpu_online_mask));
	}
	for (i = 0; i < nthreads; i++)
		wake_up_process(tasks[i]);
	wait_for_completion(&all_done);
	/* Each thread returned from counter_fn: this waits for it to exit. */
	for (i = 0; i < nthreads; i++)
		kthread_stop_put(tasks[i]);
	return 0;

err_create:
	/* Stopped before ever running: counter_fn is never called. */
	for (i = 0; i < started; i++)
		kthread_stop_put(tasks[i]);
	return PTR_ERR(tasks[started]);
}

static ssize_t run_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > 1000000)
		return -ERANGE;
	if (mutex_lock_interruptible(&run_lock))
		return -EINTR;
	iterations = n;
	ret = do_run();
	mutex_unlock(&run_lock);
	if (ret)
		return ret;
	pr_info("run: %u threads x %u, plain counter lost %lu\n", nthreads, n,
		(unsigned long)nthreads * n - plain_count);
	return len;
}

static const struct file_operations run_fops = {
	.owner = THIS_MODULE,
	.write = run_write,
};

static int counters_show(struct seq_file *m, void *v)
{
	if (mutex_lock_interruptible(&run_lock))
		return -EINTR;
	seq_printf(m, "expected %lu\n", (unsigned long)nthreads * iterations);
	seq_printf(m, "none %lu\n", plain_count);
	seq_printf(m, "mutex %lu\n", mutex_count);
	seq_printf(m, "spinlock %lu\n", spin_count);
	seq_printf(m, "atomic %ld\n", atomic_long_read(&atomic_count));
	mutex_unlock(&run_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counters);

static int __init locking_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("run", 0200, dir, NULL, &run_fops);
	debugfs_create_file("counters", 0444, dir, NULL, &counters_fops);
	pr_info("init: %u threads, %u CPUs online\n", nthreads,
		num_online_cpus());
	return 0;
}

static void __exit locking_exit(void)
{
	debugfs_remove(dir);
	pr_info("exit\n");
}

module_init(locking_init);
module_exit(locking_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Counters under no lock, a mutex, a spinlock and atomics");
