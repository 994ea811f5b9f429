// SPDX-License-Identifier: GPL-2.0
/*
 * list: a doubly linked list of integers with struct list_head.
 * Each write to /proc/list is one command; each read prints the list from
 * head to tail with list_for_each_entry:
 *   add N     list_add: insert N at the head
 *   tail N    list_add_tail: append N at the tail
 *   del N     list_del: remove the first N (-ENOENT if there is none)
 *   front N   list_move: move the first N to the head (-ENOENT if none)
 *   sort      list_sort: sort ascending (stable)
 *   clear     list_for_each_entry_safe: free every entry
 * Anything else, or a number that does not parse, is refused with -EINVAL.
 *
 * Guest:  modprobe list
 *         echo tail 3 > /proc/list; echo tail 1 > /proc/list
 *         echo add 2 > /proc/list; cat /proc/list      -> "2 3 1"
 *         echo sort > /proc/list; cat /proc/list       -> "1 2 3"
 *         echo bogus > /proc/list   -> "write error: Invalid argument"
 *         rmmod list                -> dmesg: "list: exit, freed 3 entries"
 * Test:   /test/list.out (tests/guest/list.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/list_sort.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct item {
	int val;
	struct list_head node;	/* links this item into "items" */
};

static LIST_HEAD(items);
static DEFINE_MUTEX(items_lock);

static struct item *item_find(int val)
{
	struct item *it;

	list_for_each_entry(it, &items, node)
		if (it->val == val)
			return it;
	return NULL;
}

static int item_cmp(void *priv, const struct list_head *a,
		    const struct list_head *b)
{
	const struct item *ia = list_entry(a, struct item, node);
	const struct item *ib = list_entry(b, struct item, node);

	return ia->val > ib->val;	/* > 0 means a goes after b */
}

static int items_clear(void)
{
	struct item *it, *tmp;
	int n = 0;

	/* _safe: "tmp" keeps the next entry while "it" is freed */
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree(it);
		n++;
	}
	return n;
}

static int list_cmd(const char *cmd, bool has_val, int val)
{
	struct item *it;

	if (!strcmp(cmd, "sort") && !has_val) {
		list_sort(NULL, &items, item_cmp);
		return 0;
	}
	if (!strcmp(cmd, "clear") && !has_val) {
		items_clear();
		return 0;
	}
	if (!has_val)
		return -EINVAL;
	if (!strcmp(cmd, "add") || !strcmp(cmd, "tail")) {
		it = kmalloc(sizeof(*it), GFP_KERNEL);
		if (!it)
			return -ENOMEM;
		it->val = val;
		if (cmd[0] == 'a')
			list_add(&it->node, &items);
		else
			list_add_tail(&it->node, &items);
		return 0;
	}
	if (!strcmp(cmd, "del") || !strcmp(cmd, "front")) {
		it = item_find(val);
		if (!it)
			return -ENOENT;
		if (cmd[0] == 'd') {
			list_del(&it->node);
			kfree(it);
		} else {
			list_move(&it->node, &items);
		}
		return 0;
	}
	return -EINVAL;
}

static ssize_t list_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[32], *arg, *cmd;
	int val = 0, ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");
	if (arg && kstrtoint(arg, 0, &val))
		return -EINVAL;

	mutex_lock(&items_lock);
	ret = list_cmd(cmd, !!arg, val);
	mutex_unlock(&items_lock);
	return ret ? ret : len;
}

static int list_show(struct seq_file *m, void *v)
{
	struct item *it;

	mutex_lock(&items_lock);
	list_for_each_entry(it, &items, node)
		seq_printf(m, "%s%d", list_is_first(&it->node, &items) ? "" : " ",
			   it->val);
	mutex_unlock(&items_lock);
	seq_putc(m, '\n');
	return 0;
}

static int list_open(struct inode *inode, struct file *file)
{
	return single_open(file, list_show, NULL);
}

static const struct proc_ops list_ops = {
	.proc_open = list_open,
	.proc_read = seq_read,
	.proc_write = list_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init list_init(void)
{
	if (!proc_create("list", 0644, NULL, &list_ops))
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit list_exit(void)
{
	remove_proc_entry("list", NULL);
	pr_info("exit, freed %d entries\n", items_clear());
}

module_init(list_init);
module_exit(list_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("struct list_head: add, del, move, sort, driven by /proc/list");
