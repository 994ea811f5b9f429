// SPDX-License-Identifier: GPL-2.0
/*
 * bug_array_index: an array index out of bounds, on purpose, for UBSAN to
 * catch. A histogram of four buckets: writing N (0 to 3) to the debugfs
 * file "trigger" counts a hit in bucket N, and a read shows the buckets and
 * the total. The range check is off by one ("n > 4" instead of "n >= 4"),
 * so 4 passes it and counts into hits[4], one past the array: in this
 * struct, the total that follows it. The plain kernel silently corrupts the
 * total; the debug kernel's UBSAN (bounds) reports the index, the array's
 * type and the file and line of the access. KASAN sees nothing: the access
 * stays inside the struct. doc/debug-kernel.md reads the report.
 *
 * Host:   ./run --debug    (the debug kernel; the plain one lacks UBSAN)
 * Guest:  modprobe bug_array_index; cd /sys/kernel/debug/bug_array_index
 *         echo 3 > trigger; cat trigger   -> 0 0 0 1 total 1
 *         echo 4 > trigger; cat trigger   -> 0 0 0 1 total 3
 *                  dmesg: "UBSAN: array-index-out-of-bounds in
 *                  .../bug_array_index.c:NN:NN", "index 4 is out of range
 *                  for type 'unsigned long[4]'"
 *         echo 5 > trigger                -> Invalid argument
 *         cd /; rmmod bug_array_index     -> dmesg: "bug_array_index: exit"
 * Test:   /test/bug_array_index.sh
 * Needs:  CONFIG_UBSAN_BOUNDS CONFIG_DEBUG_FS
 * Stress: no-fuzz: writing 4 to trigger indexes past the array, on purpose
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>

#define BUG_ARRAY_INDEX_BUCKETS 4

static struct {
	struct mutex lock;	/* guards the counts */
	unsigned long hits[BUG_ARRAY_INDEX_BUCKETS];
	unsigned long total;
} histogram = {
	.lock = __MUTEX_INITIALIZER(histogram.lock),
};

static struct dentry *bug_array_index_dir;

static ssize_t bug_array_index_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char buf[128];
	int len = 0, i;

	mutex_lock(&histogram.lock);
	for (i = 0; i < BUG_ARRAY_INDEX_BUCKETS; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, "%lu ",
				 histogram.hits[i]);
	len += scnprintf(buf + len, sizeof(buf) - len, "total %lu\n",
			 histogram.total);
	mutex_unlock(&histogram.lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

/* N counts a hit in bucket N; a bucket that does not exist is -EINVAL. */
static ssize_t bug_array_index_trigger(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(ubuf, count, 0, &n);
	if (ret)
		return ret;
	/* The bug: 4 passes this check. The fix: n >= ..._BUCKETS. */
	if (n > BUG_ARRAY_INDEX_BUCKETS)
		return -EINVAL;
	mutex_lock(&histogram.lock);
	histogram.hits[n]++;
	histogram.total++;
	mutex_unlock(&histogram.lock);
	return count;
}

static const struct file_operations bug_array_index_fops = {
	.owner = THIS_MODULE,
	.read = bug_array_index_read,
	.write = bug_array_index_trigger,
};

static int __init bug_array_index_init(void)
{
	bug_array_index_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("trigger", 0600, bug_array_index_dir, NULL,
			    &bug_array_index_fops);
	pr_info("init\n");
	return 0;
}

static void __exit bug_array_index_exit(void)
{
	debugfs_remove(bug_array_index_dir);
	pr_info("exit\n");
}

module_init(bug_array_index_init);
module_exit(bug_array_index_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("An array index out of bounds on purpose, for UBSAN to report");
