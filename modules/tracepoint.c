// SPDX-License-Identifier: GPL-2.0
/*
 * tracepoint: a trace event of our own, TRACE_EVENT() in tracepoint.h.
 * Each accepted write to /sys/kernel/debug/tracepoint/value fires
 * trace_tracepoint_write(value, count). Disabled, the call costs a patched
 * out branch; enabled in tracefs, it records the value, the number of
 * writes so far and the writer's name into the trace ring buffer.
 *
 * Build: the header must be found on the include path (see tracepoint.h):
 *         modules/Kbuild has CFLAGS_tracepoint.o := -I$(src)
 * Guest:  modprobe tracepoint
 *         echo 1 > /sys/kernel/tracing/events/tracepoint/enable
 *         echo 42 > /sys/kernel/debug/tracepoint/value
 *         cat /sys/kernel/tracing/trace
 *           -> "sh-95 ... tracepoint_write: value=42 count=1 comm=sh"
 *         echo x > /sys/kernel/debug/tracepoint/value   -> Invalid argument
 *         echo 0 > /sys/kernel/tracing/events/tracepoint/enable
 *         rmmod tracepoint      -> dmesg: "tracepoint: exit"
 * Test:   /test/tracepoint.sh
 * Needs:  CONFIG_TRACEPOINTS CONFIG_EVENT_TRACING CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

/* Here, and only here, the header also generates the event's code. */
#define CREATE_TRACE_POINTS
#include "tracepoint.h"

static atomic_t tp_count = ATOMIC_INIT(0);
static struct dentry *tp_dir;

static ssize_t tp_write(struct file *file, const char __user *buf,
			size_t count, loff_t *ppos)
{
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	trace_tracepoint_write(val, atomic_inc_return(&tp_count));
	return count;
}

static const struct file_operations tp_fops = {
	.owner = THIS_MODULE,
	.write = tp_write,
};

static int __init tp_init(void)
{
	tp_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("value", 0200, tp_dir, NULL, &tp_fops);
	pr_info("init\n");
	return 0;
}

static void __exit tp_exit(void)
{
	debugfs_remove(tp_dir);
	pr_info("exit\n");
}

module_init(tp_init);
module_exit(tp_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A custom trace event fired by a debugfs write");
