// SPDX-License-Identifier: GPL-2.0
/*
 * bug_oob: an out-of-bounds write on the heap, on purpose, for KASAN to
 * catch. Writing N (1 to 16) to the debugfs file "trigger" allocates a
 * table of N u32 and fills it with a loop that runs one step too far
 * ("i <= n"): the classic off-by-one. The plain kernel writes 4 bytes past
 * the table into whatever lies there and says nothing; the debug kernel's
 * KASAN reports the write, its size and how far past the object it landed.
 * doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks KASAN)
 * Guest:  modprobe bug_oob; echo 4 > /sys/kernel/debug/bug_oob/trigger
 *                  -> dmesg: "BUG: KASAN: slab-out-of-bounds in
 *                     bug_oob_trigger", "Write of size 4", "0 bytes to the
 *                     right of allocated 16-byte region"
 *         rmmod bug_oob    -> dmesg: "bug_oob: exit"
 * Test:   /test/bug_oob.sh
 * Needs:  CONFIG_KASAN CONFIG_DEBUG_FS CONFIG_PROC_SYSCTL
 * Stress: no-fuzz: a write to trigger writes past the table, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

#define BUG_OOB_MAX 16

static struct dentry *bug_oob_dir;

/* N from 1 to BUG_OOB_MAX fills a table of N entries; else -EINVAL. */
static ssize_t bug_oob_trigger(struct file *file, const char __user *buf,
			       size_t count, loff_t *ppos)
{
	unsigned int n, i;
	u32 *table;
	u32 sum = 0;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &n);
	if (ret)
		return ret;
	if (n == 0 || n > BUG_OOB_MAX)
		return -EINVAL;
	table = kmalloc_array(n, sizeof(*table), GFP_KERNEL);
	if (!table)
		return -ENOMEM;
	/* The bug: "<=" writes table[n], one past the end. The fix: "<". */
	for (i = 0; i <= n; i++)
		table[i] = i * i;
	for (i = 0; i < n; i++)
		sum += table[i];
	pr_info("%u squares, sum %u\n", n, sum);
	kfree(table);
	return count;
}

static const struct file_operations bug_oob_fops = {
	.owner = THIS_MODULE,
	.write = bug_oob_trigger,
};

static int __init bug_oob_init(void)
{
	bug_oob_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_oob_dir, NULL, &bug_oob_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_oob_exit(void)
{
	debugfs_remove(bug_oob_dir);
	pr_info("exit\n");
}

module_init(bug_oob_init);
module_exit(bug_oob_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("An out-of-bounds heap write on purpose, for KASAN to report");
