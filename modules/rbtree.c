// SPDX-License-Identifier: GPL-2.0
/*
 * rbtree: a red-black tree (struct rb_root) of integer keys.
 * Insertion walks down from the root comparing keys, links the new node with
 * rb_link_node() and rebalances with rb_insert_color(); an in-order walk
 * (rb_first/rb_next) gives the keys sorted. Commands written to /proc/rbtree:
 *   insert N   add key N (-EEXIST if it is already there)
 *   erase N    rb_erase key N (-ENOENT if it is not there)
 *   find N     search for N: succeeds, or -ENOENT
 * Anything else is refused with -EINVAL.
 *
 * Guest:  modprobe rbtree
 *         for k in 5 1 9 3; do echo insert $k > /proc/rbtree; done
 *         cat /proc/rbtree          -> "1 3 5 9"
 *         echo insert 5 > /proc/rbtree   -> "write error: File exists"
 *         echo find 7 > /proc/rbtree     -> "write error: No such file or directory"
 *         rmmod rbtree              -> dmesg: "rbtree: exit, freed 4 nodes"
 * Test:   /test/rbtree.out (tests/guest/rbtree.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/rbtree.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct knode {
	struct rb_node rb;
	int key;
};

static struct rb_root tree = RB_ROOT;
static DEFINE_MUTEX(tree_lock);

static struct knode *tree_search(int key)
{
	struct rb_node *n = tree.rb_node;

	while (n) {
		struct knode *k = rb_entry(n, struct knode, rb);

		if (key < k->key)
			n = n->rb_left;
		else if (key > k->key)
			n = n->rb_right;
		else
			return k;
	}
	return NULL;
}

static int tree_insert(int key)
{
	struct rb_node **link = &tree.rb_node, *parent = NULL;
	struct knode *k;

	while (*link) {
		parent = *link;
		k = rb_entry(parent, struct knode, rb);
		if (key < k->key)
			link = &parent->rb_left;
		else if (key > k->key)
			link = &parent->rb_right;
		else
			return -EEXIST;
	}
	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->key = key;
	rb_link_node(&k->rb, parent, link);	/* hang it where the walk ended */
	rb_insert_color(&k->rb, &tree);		/* then recolour/rotate */
	return 0;
}

static int tree_cmd(const char *cmd, int key)
{
	struct knode *k;

	if (!strcmp(cmd, "insert"))
		return tree_insert(key);
	if (strcmp(cmd, "erase") && strcmp(cmd, "find"))
		return -EINVAL;
	k = tree_search(key);
	if (!k)
		return -ENOENT;
	if (cmd[0] == 'e') {
		rb_erase(&k->rb, &tree);
		kfree(k);
	}
	return 0;
}

static ssize_t rbtree_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char buf[32], *arg, *cmd;
	int key, ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");
	if (!arg || kstrtoint(arg, 0, &key))
		return -EINVAL;

	mutex_lock(&tree_lock);
	ret = tree_cmd(cmd, key);
	mutex_unlock(&tree_lock);
	return ret ? ret : len;
}

static int rbtree_show(struct seq_file *m, void *v)
{
	struct rb_node *n;

	mutex_lock(&tree_lock);
	for (n = rb_first(&tree); n; n = rb_next(n))
		seq_printf(m, "%s%d", n == rb_first(&tree) ? "" : " ",
			   rb_entry(n, struct knode, rb)->key);
	mutex_unlock(&tree_lock);
	seq_putc(m, '\n');
	return 0;
}

static int rbtree_open(struct inode *inode, struct file *file)
{
	return single_open(file, rbtree_show, NULL);
}

static const struct proc_ops rbtree_ops = {
	.proc_open = rbtree_open,
	.proc_read = seq_read,
	.proc_write = rbtree_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init rbtree_init(void)
{
	if (!proc_create("rbtree", 0644, NULL, &rbtree_ops))
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit rbtree_exit(void)
{
	struct knode *k, *tmp;
	int n = 0;

	remove_proc_entry("rbtree", NULL);
	/* post-order visits children before parents: safe to free as we go */
	rbtree_postorder_for_each_entry_safe(k, tmp, &tree, rb) {
		kfree(k);
		n++;
	}
	pr_info("exit, freed %d nodes\n", n);
}

module_init(rbtree_init);
module_exit(rbtree_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("rb_root keyed by integer: insert, erase, search, in-order dump");
