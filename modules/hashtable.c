// SPDX-License-Identifier: GPL-2.0
/*
 * hashtable: a fixed-size hash table (DEFINE_HASHTABLE, 8 buckets) mapping
 * integer keys to short strings. hash_add() puts an entry in the bucket its
 * key hashes to; hash_for_each_possible() walks only that bucket to find it;
 * hash_for_each() walks every bucket. Commands written to /proc/hashtable:
 *   set KEY VALUE   add KEY, or replace its value (1 to 15 chars, no space)
 *   get KEY         log "get KEY = VALUE (bucket B)" (-ENOENT if absent)
 *   del KEY         hash_del KEY (-ENOENT if absent)
 * Anything else is refused with -EINVAL. A read lists "bucket key value".
 *
 * Guest:  modprobe hashtable
 *         echo set 1 one > /proc/hashtable; echo set 9 nine > /proc/hashtable
 *         cat /proc/hashtable        -> "3 9 nine", "3 1 one": one bucket
 *         echo get 9 > /proc/hashtable; dmesg | tail -1
 *                                    -> "hashtable: get 9 = nine (bucket 3)"
 *         echo get 2 > /proc/hashtable   -> "write error: No such file or directory"
 *         rmmod hashtable            -> dmesg: "hashtable: exit, freed 2 entries"
 * Test:   /test/hashtable.out (tests/guest/hashtable.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct entry {
	unsigned int key;
	char value[16];
	struct hlist_node node;	/* links the entry into its bucket */
};

static DEFINE_HASHTABLE(table, 3);	/* 2^3 = 8 buckets */
static DEFINE_MUTEX(table_lock);

static struct entry *table_find(unsigned int key)
{
	struct entry *e;

	/* visits only the bucket "key" hashes to, so compare keys */
	hash_for_each_possible(table, e, node, key)
		if (e->key == key)
			return e;
	return NULL;
}

static int table_cmd(const char *cmd, unsigned int key, const char *value)
{
	struct entry *e = table_find(key);

	if (!strcmp(cmd, "set")) {
		if (!value || !*value || strlen(value) >= sizeof(e->value) ||
		    strchr(value, ' '))
			return -EINVAL;
		if (!e) {
			e = kzalloc(sizeof(*e), GFP_KERNEL);
			if (!e)
				return -ENOMEM;
			e->key = key;
			hash_add(table, &e->node, key);
		}
		strscpy(e->value, value);
		return 0;
	}
	if (value || (strcmp(cmd, "get") && strcmp(cmd, "del")))
		return -EINVAL;
	if (!e)
		return -ENOENT;
	if (cmd[0] == 'g') {
		pr_info("get %u = %s (bucket %u)\n", key, e->value,
			hash_min(key, HASH_BITS(table)));
	} else {
		hash_del(&e->node);
		kfree(e);
	}
	return 0;
}

static ssize_t hashtable_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	char buf[48], *arg, *cmd, *key;
	unsigned int k;
	int ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");
	key = strsep(&arg, " ");
	if (!key || kstrtouint(key, 0, &k))
		return -EINVAL;

	mutex_lock(&table_lock);
	ret = table_cmd(cmd, k, arg);
	mutex_unlock(&table_lock);
	return ret ? ret : len;
}

static int hashtable_show(struct seq_file *m, void *v)
{
	struct entry *e;
	unsigned int bkt;

	mutex_lock(&table_lock);
	hash_for_each(table, bkt, e, node)
		seq_printf(m, "%u %u %s\n", bkt, e->key, e->value);
	mutex_unlock(&table_lock);
	return 0;
}

static int hashtable_open(struct inode *inode, struct file *file)
{
	return single_open(file, hashtable_show, NULL);
}

static const struct proc_ops hashtable_ops = {
	.proc_open = hashtable_open,
	.proc_read = seq_read,
	.proc_write = hashtable_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init hashtable_init(void)
{
	if (!proc_create("hashtable", 0644, NULL, &hashtable_ops))
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit hashtable_exit(void)
{
	struct hlist_node *tmp;
	struct entry *e;
	unsigned int bkt;
	int n = 0;

	remove_proc_entry("hashtable", NULL);
	hash_for_each_safe(table, bkt, tmp, e, node) {
		hash_del(&e->node);
		kfree(e);
		n++;
	}
	pr_info("exit, freed %d entries\n", n);
}

module_init(hashtable_init);
module_exit(hashtable_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("DEFINE_HASHTABLE: hash_add, lookups by key, deletes via /proc");
