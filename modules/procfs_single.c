// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_single: a /proc file whose whole contents come from one show()
 * function, through seq_file's single_open(). seq_file allocates the
 * buffer, handles offsets and short reads, and calls show() again for a
 * new read from the start. (proc_create_single() wraps the same thing.)
 * It shows who is reading and how many times the file was opened.
 *
 * Guest:  modprobe procfs_single; cat /proc/procfs_single
 *             -> module: procfs_single / pid: <cat's pid> / comm: cat / opens: 1
 *         echo x > /proc/procfs_single      -> write error (no write method)
 * Test:   /test/procfs_single.sh
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

static atomic_t opens = ATOMIC_INIT(0);
static struct proc_dir_entry *entry;

static int procfs_single_show(struct seq_file *m, void *v)
{
	seq_printf(m, "module: %s\n", KBUILD_MODNAME);
	seq_printf(m, "pid: %d\n", task_pid_nr(current));
	seq_printf(m, "comm: %s\n", current->comm);
	seq_printf(m, "opens: %d\n", atomic_read(&opens));
	return 0;
}

static int procfs_single_open(struct inode *inode, struct file *file)
{
	atomic_inc(&opens);
	return single_open(file, procfs_single_show, NULL);
}

static const struct proc_ops procfs_single_ops = {
	.proc_open = procfs_single_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init procfs_single_init(void)
{
	entry = proc_create(KBUILD_MODNAME, 0444, NULL, &procfs_single_ops);
	if (!entry)
		return -ENOMEM;
	pr_info("init\n");
	return 0;
}

static void __exit procfs_single_exit(void)
{
	proc_remove(entry);
	pr_info("exit\n");
}

module_init(procfs_single_init);
module_exit(procfs_single_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A /proc file built with single_open and seq_file");
