// SPDX-License-Identifier: GPL-2.0
/*
 * bug_leak: a memory leak, on purpose, for kmemleak to catch. The debugfs
 * file "trigger" keeps the last name written to it (lowercase letters; a
 * read returns it). A write copies the name into a new kmalloc'ed buffer
 * and, once it is checked, replaces the old one (which is freed). The
 * error path for a name that is not all lowercase returns -EINVAL and
 * forgets to free the new buffer: the classic leak on an error path.
 * Nothing points to it any more; kmemleak, which scans memory for pointers
 * to each allocated block, reports it as an "unreferenced object" with the
 * backtrace of its allocation: once it is over 5 s old, at the second scan
 * that finds it unreferenced (the first records its checksum; a block that
 * changes in between may be in use). doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks kmemleak)
 * Guest:  modprobe bug_leak; cd /sys/kernel/debug
 *         echo tux > bug_leak/trigger; cat bug_leak/trigger   -> tux
 *         echo Tux > bug_leak/trigger      -> Invalid argument (and a leak)
 *         sleep 6; echo scan > kmemleak; echo scan > kmemleak; cat kmemleak
 *                  -> "unreferenced object 0x... (size 8):", a backtrace
 *                     through "bug_leak_trigger_write ... [bug_leak]"
 *         echo clear > kmemleak; cd /; rmmod bug_leak  -> dmesg: "bug_leak: exit"
 * Test:   /test/bug_leak.sh
 * Needs:  CONFIG_DEBUG_KMEMLEAK CONFIG_DEBUG_FS
 * Stress: no-fuzz: a name with a capital letter leaks, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#define BUG_LEAK_MAX 32

static struct dentry *bug_leak_dir;
static DEFINE_MUTEX(bug_leak_lock);	/* guards bug_leak_name */
static char *bug_leak_name;		/* the last name, or NULL */

static ssize_t bug_leak_trigger_read(struct file *file, char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	char buf[BUG_LEAK_MAX + 2];
	int len = 0;

	mutex_lock(&bug_leak_lock);
	if (bug_leak_name)
		len = scnprintf(buf, sizeof(buf), "%s\n", bug_leak_name);
	mutex_unlock(&bug_leak_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t bug_leak_trigger_write(struct file *file,
				      const char __user *ubuf, size_t count,
				      loff_t *ppos)
{
	size_t i, len;
	char *name;

	if (count > BUG_LEAK_MAX)
		return -EINVAL;
	name = memdup_user_nul(ubuf, count);
	if (IS_ERR(name))
		return PTR_ERR(name);
	len = strcspn(name, "\n");
	for (i = 0; i < len; i++) {
		if (!islower(name[i])) {
			pr_info("refused: not a lowercase name\n");
			/* The bug: name is not freed. The fix: kfree(name). */
			return -EINVAL;
		}
	}
	name[len] = '\0';
	mutex_lock(&bug_leak_lock);
	kfree(bug_leak_name);
	bug_leak_name = name;
	mutex_unlock(&bug_leak_lock);
	return count;
}

static const struct file_operations bug_leak_fops = {
	.owner = THIS_MODULE,
	.read = bug_leak_trigger_read,
	.write = bug_leak_trigger_write,
};

static int __init bug_leak_init(void)
{
	bug_leak_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0600, bug_leak_dir, NULL,
			    &bug_leak_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_leak_exit(void)
{
	debugfs_remove(bug_leak_dir);
	kfree(bug_leak_name);
	pr_info("exit\n");
}

module_init(bug_leak_init);
module_exit(bug_leak_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A memory leak on an error path on purpose, for kmemleak to report");
