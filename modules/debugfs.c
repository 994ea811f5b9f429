// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: the debug filesystem's ready-made files and one of our own.
 * debugfs_create_u32/bool expose a variable as text (kernel parses and
 * formats it), debugfs_create_blob exposes a buffer, and
 * debugfs_create_file takes our own file_operations. Removing the
 * directory recursively at exit removes every file.
 * Mode bits are the only guard for the blob (it has a write method):
 * 0444 stops users without CAP_DAC_OVERRIDE, but root could still write.
 * The bool file quietly ignores input it cannot parse (write "succeeds");
 * the u32 file refuses it with -EINVAL; our cmd file refuses it too.
 *
 * Guest:  modprobe debugfs; cd /sys/kernel/debug/debugfs
 *         cat counter; echo 7 > counter; cat counter      -> 10, then 7
 *         cat enabled; echo n > enabled                   -> Y, then N
 *         cat blob                                        -> lkmp debugfs blob
 *         echo inc > cmd; cat cmd          -> counter=8 enabled=N
 *         echo bad > cmd                   -> write error: Invalid argument
 * Test:   /test/debugfs.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

static struct dentry *dir;
static u32 counter = 10;
static bool enabled = true;
/* Writable storage even though the file is 0444: see the header. */
#define BLOB_TEXT "lkmp debugfs blob\n"
static char blob_data[sizeof(BLOB_TEXT)] = BLOB_TEXT;
static struct debugfs_blob_wrapper blob = {
	.data = blob_data,
	.size = sizeof(BLOB_TEXT) - 1,
};

/* cmd: reads a summary, takes the commands "inc" and "reset". */
static ssize_t cmd_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	char buf[48];
	int len;

	len = scnprintf(buf, sizeof(buf), "counter=%u enabled=%c\n",
			counter, enabled ? 'Y' : 'N');
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t cmd_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char buf[8];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	/* sysfs_streq() ignores one trailing newline, as left by echo. */
	if (sysfs_streq(buf, "inc")) {
		counter++;
	} else if (sysfs_streq(buf, "reset")) {
		counter = 0;
		enabled = false;
	} else {
		return -EINVAL;
	}
	pr_info("cmd %.*s: counter=%u\n", (int)strcspn(buf, "\n"), buf, counter);
	return count;
}

static const struct file_operations cmd_fops = {
	.owner = THIS_MODULE,
	.read = cmd_read,
	.write = cmd_write,
};

static int __init debugfs_example_init(void)
{
	struct dentry *file;

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	/* These return nothing useful to check: debugfs is best effort. */
	debugfs_create_u32("counter", 0644, dir, &counter);
	debugfs_create_bool("enabled", 0644, dir, &enabled);
	debugfs_create_blob("blob", 0444, dir, &blob);
	file = debugfs_create_file("cmd", 0644, dir, NULL, &cmd_fops);
	if (IS_ERR(file)) {
		debugfs_remove_recursive(dir);
		return PTR_ERR(file);
	}
	pr_info("init\n");
	return 0;
}

static void __exit debugfs_example_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("exit\n");
}

module_init(debugfs_example_init);
module_exit(debugfs_example_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("debugfs: u32, bool, blob and custom files");
