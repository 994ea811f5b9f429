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
 * "stress N" adds and deletes an entry N times while the reader walks the
 * list without pause, slowly; each deletion waits until the reader is
 * inside a read-side critical section. The reader counts the sections it
 * began and ended, so "del" can show RCU's guarantee: a reader that was
 * inside when the entry was unlinked has left once synchronize_rcu()
 * returns. One that has not (a grace period too short) is counted, and the
 * entry goes to kfree_rcu() instead, not freed under it.
 *
 * Guest:  modprobe rcu_list
 *         echo add 3 > /sys/kernel/debug/rcu_list/list; echo add 7 > ...
 *         cat /sys/kernel/debug/rcu_list/list     -> "7", "3" (newest first)
 *         echo del 3 > .../list; echo clear > .../list
 *         echo del 9 > .../list    -> No such file or directory (not there)
 *         echo add 7 > .../list    -> File exists (when 7 is there)
 *         echo foo > .../list      -> Invalid argument
 *         echo stress 10 > .../list -> "stress: 10 deletions, 10 with a
 *                           reader inside, 0 readers outlived a grace period"
 *         rmmod rcu_list           -> "rcu_list: exit"
 * Test:   /test/rcu_list.sh
 * Needs:  CONFIG_DEBUG_FS
 * Mutation: del without synchronize_rcu(); "no reader outlived a grace period" fails
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
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

#define STRESS_BASE 1000000		/* the values "stress" adds */

static LIST_HEAD(items);
static DEFINE_MUTEX(update_lock);	/* updaters only; readers take none */
static struct task_struct *reader;
static struct dentry *dir;

/* The reader's critical sections (written by it only), begun and ended. */
static unsigned long reads_begun, reads_ended;
static bool stressing;			/* the reader walks without pause */
/* Of the current stress run (under update_lock). */
static unsigned long dels, dels_inside, outlived;

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
		WRITE_ONCE(reads_begun, reads_begun + 1);
		smp_mb();	/* begun, then the list: pairs with del's smp_mb() */
		list_for_each_entry_rcu(it, &items, node)
			sum += it->value;
		if (READ_ONCE(stressing)) {
			udelay(9);	/* a slow reader: it stays inside */
		} else {
			if (sum != last)
				pr_info("reader: sum is now %ld\n", sum);
			last = sum;
		}
		/* Our reads of the list, then ended: pairs with del's acquire. */
		smp_store_release(&reads_ended, reads_begun);
		rcu_read_unlock();
		if (READ_ONCE(stressing))
			cond_resched();
		else
			schedule_timeout_interruptible(msecs_to_jiffies(10));
	}
	return 0;
}

/*
 * Caller holds update_lock. Unlink it and free it once no reader can see
 * it; check that the reader inside at the unlink, if any, left meanwhile.
 */
static void del_item(struct item *it)
{
	unsigned long inside;

	list_del_rcu(&it->node);	/* new readers no longer see it */
	smp_mb();	/* the unlink, then reads_begun: pairs with the reader's */
	inside = READ_ONCE(reads_begun);
	/*
	 * None inside (acquire: pairs with the reader's release): a reader
	 * from now on cannot see it.
	 */
	if (inside == smp_load_acquire(&reads_ended))
		inside = 0;
	dels++;
	dels_inside += !!inside;
#ifdef LKMP_MUTATION
	/* The mutation: no grace period. */
#else
	synchronize_rcu();	/* wait for the readers that might see it */
#endif
	/* Acquire: pairs with the reader's release of reads_ended. */
	if (inside && smp_load_acquire(&reads_ended) < inside) {
		outlived++;
		kfree_rcu(it, rcu);	/* the reader may still use it */
		return;
	}
	kfree(it);
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
		del_item(it);
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

/* Wait (at most ~20 ms) until the reader is inside a critical section. */
static void wait_reader_inside(void)
{
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		/* (Acquire: pairs with the reader's release.) */
		if (READ_ONCE(reads_begun) != smp_load_acquire(&reads_ended))
			return;
		usleep_range(10, 20);
	}
}

/*
 * Add and delete an entry n times beside a reader walking without pause;
 * each deletion waits for the reader to be inside, so that its grace
 * period has a reader to wait for.
 */
static int run_stress(unsigned int n)
{
	unsigned int i;
	int ret = 0;

	scoped_guard(mutex, &update_lock) {
		dels = 0;
		dels_inside = 0;
		outlived = 0;
	}
	WRITE_ONCE(stressing, true);
	wake_up_process(reader);
	for (i = 0; i < n && !ret; i++) {
		ret = update("add", STRESS_BASE + i);
		wait_reader_inside();
		if (!ret)
			ret = update("del", STRESS_BASE + i);
	}
	WRITE_ONCE(stressing, false);
	guard(mutex)(&update_lock);
	pr_info("stress: %lu deletions, %lu with a reader inside, %lu readers outlived a grace period\n",
		dels, dels_inside, outlived);
	return ret;
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
	/* add, del and stress need a value, clear takes none. */
	if (strcmp(cmd, "clear") && sscanf(buf, "%7s %d", cmd, &value) != 2)
		return -EINVAL;
	if (!strcmp(cmd, "stress")) {
		if (value < 1 || value > 1000)
			return -ERANGE;
		ret = run_stress(value);
		return ret ? ret : len;
	}
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
