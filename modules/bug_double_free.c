// SPDX-License-Identifier: GPL-2.0
/*
 * bug_double_free: a double free, on purpose, for KASAN to catch. The
 * debugfs file "trigger" takes a lowercase word and logs its length. The
 * word is copied into a kmalloc'ed buffer; the error path for a word that
 * is not all lowercase frees the buffer, then goes on to the common
 * kfree() at the end: the classic "error path frees too". The
 * plain kernel corrupts its allocator's free list; the debug kernel's KASAN
 * reports the second kfree(), and where the first one was, and skips it.
 * doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks KASAN)
 * Guest:  modprobe bug_double_free; cd /sys/kernel/debug/bug_double_free
 *         echo hello > trigger    -> dmesg: "word hello: 5 letters"
 *         echo Hello > trigger    -> Invalid argument, dmesg: "BUG: KASAN:
 *                                    double-free in bug_double_free_trigger"
 *         cd /; rmmod bug_double_free   -> dmesg: "bug_double_free: exit"
 * Test:   /test/bug_double_free.sh
 * Needs:  CONFIG_KASAN CONFIG_DEBUG_FS CONFIG_PROC_SYSCTL
 * Stress: no-fuzz: a word with a capital letter is freed twice, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#define BUG_DOUBLE_FREE_MAX 64

static struct dentry *bug_double_free_dir;

static ssize_t bug_double_free_trigger(struct file *file,
				       const char __user *buf, size_t count,
				       loff_t *ppos)
{
	ssize_t ret = count;
	size_t i, len;
	char *word;

	if (count > BUG_DOUBLE_FREE_MAX)
		return -EINVAL;
	word = memdup_user_nul(buf, count);
	if (IS_ERR(word))
		return PTR_ERR(word);
	len = strcspn(word, "\n");
	for (i = 0; i < len; i++) {
		if (!islower(word[i])) {
			pr_info("refused: not a lowercase word\n");
			/*
			 * The bug: freed here and again below.
			 * The fix: no kfree() here.
			 */
			kfree(word);
			ret = -EINVAL;
			break;
		}
	}
	if (ret > 0)
		pr_info("word %.*s: %zu letters\n", (int)len, word, len);
	kfree(word);
	return ret;
}

static const struct file_operations bug_double_free_fops = {
	.owner = THIS_MODULE,
	.write = bug_double_free_trigger,
};

static int __init bug_double_free_init(void)
{
	bug_double_free_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0200, bug_double_free_dir, NULL,
			    &bug_double_free_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_double_free_exit(void)
{
	debugfs_remove(bug_double_free_dir);
	pr_info("exit\n");
}

module_init(bug_double_free_init);
module_exit(bug_double_free_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A double free on purpose, for KASAN to report");
