// SPDX-License-Identifier: GPL-2.0
/*
 * bug_uaf: a use after free, on purpose, for KASAN to catch. Writing 1 to
 * the debugfs file "trigger" starts a session (a kmalloc'ed struct), ends
 * it with kfree() and then logs its id from the freed memory: the classic
 * "log after free". The plain kernel reads stale memory and says nothing;
 * the debug kernel's KASAN reports the read, where the object was
 * allocated and where it was freed. doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks KASAN)
 * Guest:  modprobe bug_uaf; echo 1 > /sys/kernel/debug/bug_uaf/trigger
 *                  -> dmesg: "BUG: KASAN: slab-use-after-free in
 *                     bug_uaf_trigger", "Read of size 4", "Freed by task"
 *         rmmod bug_uaf    -> dmesg: "bug_uaf: exit"
 * Test:   /test/bug_uaf.sh
 * Needs:  CONFIG_KASAN CONFIG_DEBUG_FS CONFIG_PROC_SYSCTL
 * Stress: no-fuzz: writing 1 to trigger reads freed memory, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

struct bug_uaf_session {
	unsigned int id;
	unsigned long started;	/* jiffies */
};

static struct dentry *bug_uaf_dir;
static unsigned int bug_uaf_sessions;

/* "1" runs one session; anything else is -EINVAL. */
static ssize_t bug_uaf_trigger(struct file *file, const char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct bug_uaf_session *s;
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val != 1)
		return -EINVAL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->id = ++bug_uaf_sessions;
	s->started = jiffies;
	pr_info("session %u started\n", s->id);
	kfree(s);
	/* The bug: s is read after kfree(). The fix: log, then free. */
	pr_info("session %u ended\n", s->id);
	return count;
}

static const struct file_operations bug_uaf_fops = {
	.owner = THIS_MODULE,
	.write = bug_uaf_trigger,
};

static int __init bug_uaf_init(void)
{
	bug_uaf_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_uaf_dir, NULL, &bug_uaf_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_uaf_exit(void)
{
	debugfs_remove(bug_uaf_dir);
	pr_info("exit\n");
}

module_init(bug_uaf_init);
module_exit(bug_uaf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A use after free on purpose, for KASAN to report");
