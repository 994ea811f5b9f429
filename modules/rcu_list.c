// SPDX-License-Identifier: GPL-2.0
/*
 * rcu_list: a linked list that readers walk without taking any lock.
 * Readers: list_for_each_entry_rcu() inside rcu_read_lock(), here the read
 * of the list file and a kthread that keeps summing the list. Updaters
 * (writes to the list file) serialize among themselves with a mutex,
 * publish with list_add_rcu() and unlink with list_del_rcu(). An unlinked
 * entry is freed only after every reader that could still see it is done
 * (a grace period): "del" waits for it in synchronize_rcu() then kfree()s,
 * "clear" hands each entry to kfree_rcu() and returns at once.
 *
 * Guest:  modprobe rcu_list
 *         echo add 3 > /sys/kernel/debug/rcu_list/list; echo add 7 > ...
 *         cat /sys/kernel/debug/rcu_list/list     -> "7", "3" (newest first)
 *         echo del 3 > .../list; echo clear > .../list
 *         echo del 9 > .../list    -> No such file or directory (not there)
 *         echo add 7 > .../list    -> File exists (when 7 is there)
 *         echo foo > .../list      -> Invalid argument
 *         rmmod rcu_list           -> "rcu_list: exit"
 * Test:   /test/rcu_list.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct item {
	struct list_head node;
	int value;
	struct rcu_head rcu;	/* for kfree_rcu() */
};

static LIST_HEAD(items);
static DEFINE_MUTEX(update_lock);	/* updaters only; readers take none */
static struct task_struct *reader;
static struct dentry *dir;

/* Caller holds update_lock. */
static struct item *find(int value)
{
	struct item *it;

	list_for_each_entry(it, &items, node)
		if (it->value == value)
			return it;
	return NULL;
}

static int reader_fn(void *data)
{
	struct item *it;
	long sum, last = 0;

	while (!kthread_should_stop()) {
		sum = 0;
		rcu_read_lock();
		list_for_each_entry_rcu(it, &items, node)
			sum += it->value;
		rcu_read_unlock();
		if (sum != last)
			pr_info("reader: sum is now %ld\n", sum);
		last = sum;
		schedule_timeout_interruptible(msecs_to_jiffies(10));
	}
	return 0;
}

static int update(const char *cmd, int value)
{
	struct item *it, *tmp;

	guard(mutex)(&update_lock);
	if (!strcmp(cmd, "add")) {
		if (find(value))
			return -EEXIST;
		it = kmalloc(sizeof(*it), GFP_KERNEL);
		if (!it)
			return -ENOMEM;
		it->value = value;
		list_add_rcu(&it->node, &items);	/* readers see it now */
	} else if (!strcmp(cmd, "del")) {
		it = find(value);
		if (!it)
			return -ENOENT;
		list_del_rcu(&it->node);	/* new readers no longer see it */
		synchronize_rcu();	/* wait for the readers that might */
		kfree(it);
	} else if (!strcmp(cmd, "clear")) {
		list_for_each_entry_safe(it, tmp, &items, node) {
			list_del_rcu(&it->node);
			kfree_rcu(it, rcu);	/* freed after a grace period */
		}
	} else {
		return -EINVAL;
	}
	return 0;
}

static ssize_t list_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[32], cmd[8];
	int value = 0, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%7s %d", cmd, &value) < 1)
		return -EINVAL;
	/* add and del need a value, clear takes none. */
	if (strcmp(cmd, "clear") && sscanf(buf, "%7s %d", cmd, &value) != 2)
		return -EINVAL;
	ret = update(cmd, value);
	if (ret)
		return ret;
	if (strcmp(cmd, "clear"))
		pr_info("%s %d\n", cmd, value);
	else
		pr_info("clear\n");
	return len;
}

static int list_show(struct seq_file *m, void *v)
{
	struct item *it;

	rcu_read_lock();
	list_for_each_entry_rcu(it, &items, node)
		seq_printf(m, "%d\n", it->value);
	rcu_read_unlock();
	return 0;
}

static int list_open(struct inode *inode, struct file *file)
{
	return single_open(file, list_show, NULL);
}

static const struct file_operations list_fops = {
	.owner = THIS_MODULE,
	.open = list_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = list_write,
};

static int __init rcu_list_init(void)
{
	int ret;

	reader = kthread_run(reader_fn, NULL, "lkmp_rcu_reader");
	if (IS_ERR(reader))
		return PTR_ERR(reader);

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto err_reader;
	}
	debugfs_create_file("list", 0600, dir, NULL, &list_fops);
	pr_info("init\n");
	return 0;

err_reader:
	kthread_stop(reader);
	return ret;
}

static void __exit rcu_list_exit(void)
{
	debugfs_remove(dir);
	kthread_stop(reader);
	update("clear", 0);
	pr_info("exit\n");
}

module_init(rcu_list_init);
module_exit(rcu_list_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("An RCU-protected list with lockless readers and an updater");
