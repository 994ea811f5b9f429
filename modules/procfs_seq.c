// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_seq: a /proc file of many records, produced with the full
 * seq_operations iterator. seq_read() calls start(pos), then show() and
 * next() until its page-sized buffer is full, then stop(); the next read()
 * resumes with start() at the saved position. So the records never need
 * to fit in one buffer, and any read size or lseek() gives the same bytes.
 * Here 1000 records (about 25 KiB) force several rounds.
 *
 * Guest:  modprobe procfs_seq; head -n 2 /proc/procfs_seq
 *             -> "record 0: square 0" / "record 1: square 1"
 *         wc -l /proc/procfs_seq                 -> 1000
 *         dd if=/proc/procfs_seq bs=7 | md5sum   -> same sum as cat's
 * Test:   /test/procfs_seq.sh
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#define NR_RECORDS 1000

struct record {
	unsigned int id;
	unsigned long square;
};

static struct record *records;
static struct proc_dir_entry *entry;

/* Return the record at *pos, or NULL at the end; called for each read(). */
static void *procfs_seq_start(struct seq_file *m, loff_t *pos)
{
	return *pos < NR_RECORDS ? &records[*pos] : NULL;
}

static void *procfs_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return procfs_seq_start(m, pos);
}

/* Would release what start() took (a lock, a reference): nothing here. */
static void procfs_seq_stop(struct seq_file *m, void *v)
{
}

static int procfs_seq_show(struct seq_file *m, void *v)
{
	const struct record *r = v;

	seq_printf(m, "record %u: square %lu\n", r->id, r->square);
	return 0;
}

static const struct seq_operations procfs_seq_sops = {
	.start = procfs_seq_start,
	.next = procfs_seq_next,
	.stop = procfs_seq_stop,
	.show = procfs_seq_show,
};

static int __init procfs_seq_init(void)
{
	unsigned int i;
	int ret;

	records = kcalloc(NR_RECORDS, sizeof(*records), GFP_KERNEL);
	if (!records)
		return -ENOMEM;
	for (i = 0; i < NR_RECORDS; i++) {
		records[i].id = i;
		records[i].square = (unsigned long)i * i;
	}
	/* proc_create_seq() supplies the open/read/lseek/release glue. */
	entry = proc_create_seq(KBUILD_MODNAME, 0444, NULL, &procfs_seq_sops);
	if (!entry) {
		ret = -ENOMEM;
		goto err_free;
	}
	pr_info("init: %d records\n", NR_RECORDS);
	return 0;

err_free:
	kfree(records);
	return ret;
}

static void __exit procfs_seq_exit(void)
{
	proc_remove(entry);
	kfree(records);
	pr_info("exit\n");
}

module_init(procfs_seq_init);
module_exit(procfs_seq_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A multi-record /proc file with seq_operations");
