// SPDX-License-Identifier: GPL-2.0
/*
 * dyndbg: pr_debug() with dynamic debug. Each pr_debug() is a call site
 * that is compiled in but silent until switched on at run time, per module,
 * file, function or line, through /sys/kernel/debug/dynamic_debug/control,
 * or at load time with the dyndbg= parameter every module accepts.
 * Writing a number to /sys/kernel/debug/dyndbg/trigger runs one pr_debug().
 *
 * Guest:  modprobe dyndbg; echo 1 > /sys/kernel/debug/dyndbg/trigger
 *             -> dmesg: only "dyndbg: trigger 1 done"
 *         echo 'module dyndbg +p' > /sys/kernel/debug/dynamic_debug/control
 *         echo 2 > /sys/kernel/debug/dyndbg/trigger
 *             -> dmesg: "dyndbg: debug: trigger 2" then "dyndbg: trigger 2 done"
 *         grep dyndbg /sys/kernel/debug/dynamic_debug/control   -> "=p" flags
 *         rmmod dyndbg; modprobe dyndbg dyndbg=+p
 *             -> dmesg: "dyndbg: debug: init, debugfs ready"
 * Test:   /test/dyndbg.sh
 * Needs:  CONFIG_DYNAMIC_DEBUG CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/printk.h>

static struct dentry *dyndbg_dir;

static ssize_t trigger_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	int n, ret;

	ret = kstrtoint_from_user(buf, count, 0, &n);
	if (ret)
		return ret;
	pr_debug("debug: trigger %d\n", n);
	pr_info("trigger %d done\n", n);
	return count;
}

/* Write-only: with no .read, read() on the file fails with -EINVAL. */
static const struct file_operations trigger_fops = {
	.owner = THIS_MODULE,
	.write = trigger_write,
};

static int __init dyndbg_init(void)
{
	struct dentry *file;
	int ret;

	pr_info("init\n");
	dyndbg_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dyndbg_dir))
		return PTR_ERR(dyndbg_dir);
	file = debugfs_create_file("trigger", 0200, dyndbg_dir, NULL,
				   &trigger_fops);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_dir;
	}
	pr_debug("debug: init, debugfs ready\n");
	return 0;

err_dir:
	debugfs_remove_recursive(dyndbg_dir);
	return ret;
}

static void __exit dyndbg_exit(void)
{
	debugfs_remove_recursive(dyndbg_dir);
	pr_debug("debug: exit\n");
	pr_info("exit\n");
}

module_init(dyndbg_init);
module_exit(dyndbg_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("pr_debug switched on and off with dynamic debug");
