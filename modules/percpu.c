// SPDX-License-Identifier: GPL-2.0
/*
 * percpu: per-CPU counters. DEFINE_PER_CPU gives each CPU its own copy;
 * this_cpu_inc() adds to the current CPU's copy in one instruction that
 * cannot be interrupted halfway, so it needs no lock and no atomic even
 * when an interrupt increments the same counter. Two contexts count here:
 * process context (a write of N to the add file does N increments, on
 * whichever CPU the writer runs) and softirq context (a timer ticking every
 * 10 ms). Reading sums the copies with for_each_possible_cpu(). Writers
 * on two CPUs at once need no lock either: each adds to its own copy.
 *
 * Guest:  modprobe percpu
 *         echo 1000 > /sys/kernel/debug/percpu/add
 *         taskset -c 1 sh -c 'echo 500 > /sys/kernel/debug/percpu/add'
 *                                                      (with ./run -c 2)
 *         cat /sys/kernel/debug/percpu/counters
 *                  -> "cpu0 writes 1000 ticks 97", "cpu1 writes 500 ticks 88",
 *                     "total writes 1500 ticks 185"
 *         echo 0 > .../add      -> Numerical result out of range (1..1000000)
 *         rmmod percpu          -> "percpu: exit"
 * Test:   /test/percpu.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: all add to cpu0's copy; "the last CPU's copy has its writes" fails (needs 2 CPUs)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/timer.h>

static DEFINE_PER_CPU(unsigned long, writes);
static DEFINE_PER_CPU(unsigned long, ticks);
static struct timer_list timer;
static bool stopping;
static struct dentry *dir;

static void timer_fn(struct timer_list *t)
{
	this_cpu_inc(ticks);
	if (!READ_ONCE(stopping))
		mod_timer(t, jiffies + msecs_to_jiffies(10));
}

static ssize_t add_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	unsigned int i, n;
	int ret;

	ret = kstrtouint_from_user(buf, len, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > 1000000)
		return -ERANGE;
	/* We may migrate to another CPU halfway: each increment still lands. */
	for (i = 0; i < n; i++) {
#ifdef LKMP_MUTATION
		/* The mutation: one copy for all, a plain read-modify-write. */
		per_cpu(writes, 0)++;
#else
		this_cpu_inc(writes);
#endif
	}
	pr_info("added %u, last on cpu%d\n", n, raw_smp_processor_id());
	return len;
}

static const struct file_operations add_fops = {
	.owner = THIS_MODULE,
	.write = add_write,
};

static int counters_show(struct seq_file *m, void *v)
{
	unsigned long w, t, total_w = 0, total_t = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		w = per_cpu(writes, cpu);
		t = per_cpu(ticks, cpu);
		total_w += w;
		total_t += t;
		if (cpu_online(cpu))
			seq_printf(m, "cpu%d writes %lu ticks %lu\n", cpu, w, t);
	}
	seq_printf(m, "total writes %lu ticks %lu\n", total_w, total_t);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counters);

static int __init percpu_example_init(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("add", 0200, dir, NULL, &add_fops);
	debugfs_create_file("counters", 0444, dir, NULL, &counters_fops);

	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + msecs_to_jiffies(10));
	pr_info("init: %u possible CPUs, %u online\n", num_possible_cpus(),
		num_online_cpus());
	return 0;
}

static void __exit percpu_example_exit(void)
{
	WRITE_ONCE(stopping, true);
	timer_delete_sync(&timer);
	debugfs_remove(dir);
	pr_info("exit\n");
}

module_init(percpu_example_init);
module_exit(percpu_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Per-CPU counters incremented from process and softirq context");
