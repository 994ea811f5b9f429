// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap: a 16-id allocator built on a bitmap (DECLARE_BITMAP), one bit per
 * id. find_first_zero_bit() finds a free id, set_bit() takes it,
 * test_bit()/clear_bit() give it back, bitmap_weight() counts ids in use.
 * Commands written to /proc/bitmap:
 *   alloc     take the lowest free id, logged as "alloc ID";
 *             -ENOSPC when all 16 are taken
 *   free ID   give ID back: -EINVAL if ID >= 16, -ENOENT if it is not taken
 * Anything else is refused with -EINVAL. A read shows the weight, the ids
 * in use as a range list (printk's %*pbl) and the first free id.
 *
 * Guest:  modprobe bitmap
 *         echo alloc > /proc/bitmap; echo alloc > /proc/bitmap
 *         cat /proc/bitmap    -> "weight 2", "used 0-1", "first_zero 2"
 *         echo free 5 > /proc/bitmap   -> "write error: No such file or directory"
 *         rmmod bitmap        -> dmesg: "bitmap: exit, 2 ids were in use"
 * Test:   /test/bitmap.out (tests/guest/bitmap.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define NR_IDS 16

static DECLARE_BITMAP(ids, NR_IDS);	/* an array of longs, all zero */
static DEFINE_MUTEX(ids_lock);

static int ids_cmd(const char *cmd, const char *arg)
{
	unsigned int id;

	if (!strcmp(cmd, "alloc") && !arg) {
		id = find_first_zero_bit(ids, NR_IDS);
		if (id >= NR_IDS)	/* returns NR_IDS when none is zero */
			return -ENOSPC;
		set_bit(id, ids);
		pr_info("alloc %u\n", id);
		return 0;
	}
	if (strcmp(cmd, "free") || !arg || kstrtouint(arg, 0, &id) ||
	    id >= NR_IDS)
		return -EINVAL;
	if (!test_bit(id, ids))
		return -ENOENT;
	clear_bit(id, ids);
	return 0;
}

static ssize_t bm_write(struct file *file, const char __user *ubuf,
			size_t len, loff_t *ppos)
{
	char buf[32], *arg, *cmd;
	int ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");

	mutex_lock(&ids_lock);
	ret = ids_cmd(cmd, arg);
	mutex_unlock(&ids_lock);
	return ret ? ret : len;
}

static int bm_show(struct seq_file *m, void *v)
{
	mutex_lock(&ids_lock);
	seq_printf(m, "weight %u\n", bitmap_weight(ids, NR_IDS));
	seq_printf(m, "used %*pbl\n", NR_IDS, ids);
	seq_printf(m, "first_zero %lu\n", find_first_zero_bit(ids, NR_IDS));
	mutex_unlock(&ids_lock);
	return 0;
}

static int bm_open(struct inode *inode, struct file *file)
{
	return single_open(file, bm_show, NULL);
}

static const struct proc_ops bm_ops = {
	.proc_open = bm_open,
	.proc_read = seq_read,
	.proc_write = bm_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init bm_init(void)
{
	if (!proc_create("bitmap", 0644, NULL, &bm_ops))
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit bm_exit(void)
{
	remove_proc_entry("bitmap", NULL);
	pr_info("exit, %u ids were in use\n", bitmap_weight(ids, NR_IDS));
}

module_init(bm_init);
module_exit(bm_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("DECLARE_BITMAP as an id allocator: set/clear/test_bit, weight");
