// SPDX-License-Identifier: GPL-2.0
/*
 * xarray: an XArray used as an id allocator, mapping ids 1..8 to strings.
 * xa_alloc() stores an entry at the lowest free id in a range and returns
 * that id; xa_load() looks an id up; xa_erase() removes it and returns what
 * was there; xa_for_each() walks the present entries in id order.
 * Commands written to /proc/xarray:
 *   add TEXT   store a copy of TEXT (1 to 31 chars) at a new id, logged as
 *              "add ID = TEXT"; -EBUSY once ids 1..8 are all taken
 *   get ID     log "get ID = TEXT" (-ENOENT if nothing is stored at ID)
 *   del ID     erase ID and free its text (-ENOENT if nothing is there)
 * Anything else is refused with -EINVAL. A read lists "ID TEXT" lines.
 *
 * Guest:  modprobe xarray
 *         echo add hello > /proc/xarray; echo add world > /proc/xarray
 *         cat /proc/xarray            -> "1 hello" and "2 world"
 *         echo del 1 > /proc/xarray; echo add again > /proc/xarray
 *         cat /proc/xarray            -> "1 again" and "2 world" (id reused)
 *         echo get 7 > /proc/xarray   -> "write error: No such file or directory"
 *         rmmod xarray                -> dmesg: "xarray: exit, freed 2 entries"
 * Test:   /test/xarray.out (tests/guest/xarray.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#define TEXT_MAX 31

/* ALLOC1: an allocating XArray whose ids start at 1 */
static DEFINE_XARRAY_ALLOC1(names);
/* The XArray locks itself; this mutex keeps a text alive while we print it. */
static DEFINE_MUTEX(names_lock);

static int names_add(const char *text)
{
	char *copy;
	u32 id;
	int ret;

	if (!*text || strlen(text) > TEXT_MAX)
		return -EINVAL;
	copy = kstrdup(text, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	ret = xa_alloc(&names, &id, copy, XA_LIMIT(1, 8), GFP_KERNEL);
	if (ret) {	/* -EBUSY: no free id in 1..8 */
		kfree(copy);
		return ret;
	}
	pr_info("add %u = %s\n", id, copy);
	return 0;
}

static int names_cmd(const char *cmd, char *arg)
{
	unsigned long id;
	char *text;

	if (!strcmp(cmd, "add"))
		return names_add(arg);
	if (kstrtoul(arg, 0, &id))
		return -EINVAL;
	if (!strcmp(cmd, "get")) {
		text = xa_load(&names, id);
		if (!text)
			return -ENOENT;
		pr_info("get %lu = %s\n", id, text);
		return 0;
	}
	if (!strcmp(cmd, "del")) {
		text = xa_erase(&names, id);	/* returns the old entry */
		if (!text)
			return -ENOENT;
		kfree(text);
		return 0;
	}
	return -EINVAL;
}

static ssize_t xarray_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char buf[48], *arg, *cmd;
	int ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");
	if (!arg)
		return -EINVAL;

	mutex_lock(&names_lock);
	ret = names_cmd(cmd, arg);
	mutex_unlock(&names_lock);
	return ret ? ret : len;
}

static int xarray_show(struct seq_file *m, void *v)
{
	unsigned long id;
	char *text;

	mutex_lock(&names_lock);
	xa_for_each(&names, id, text)
		seq_printf(m, "%lu %s\n", id, text);
	mutex_unlock(&names_lock);
	return 0;
}

static int xarray_open(struct inode *inode, struct file *file)
{
	return single_open(file, xarray_show, NULL);
}

static const struct proc_ops xarray_ops = {
	.proc_open = xarray_open,
	.proc_read = seq_read,
	.proc_write = xarray_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init xarray_init(void)
{
	if (!proc_create("xarray", 0644, NULL, &xarray_ops))
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit xarray_exit(void)
{
	unsigned long id;
	char *text;
	int n = 0;

	remove_proc_entry("xarray", NULL);
	xa_for_each(&names, id, text) {
		kfree(text);
		n++;
	}
	xa_destroy(&names);	/* frees the XArray's own nodes */
	pr_info("exit, freed %d entries\n", n);
}

module_init(xarray_init);
module_exit(xarray_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("XArray mapping allocated ids to strings: xa_alloc, xa_load, xa_erase");
