// SPDX-License-Identifier: GPL-2.0
/*
 * kstrto: parsing numbers and booleans that userland writes, with
 * kstrtoint(), kstrtoul() and kstrtobool(). They take the whole string
 * (one trailing newline allowed), base 0 accepts 0x.. hex and 0.. octal,
 * and they fail with -EINVAL for junk (or a '-' on an unsigned type) and
 * -ERANGE for a value that does not fit. The result is only stored on
 * success, so a bad write leaves the old value.
 * Files: /sys/kernel/debug/kstrto/{int,ulong,bool}, read back the value.
 *
 * Guest:  modprobe kstrto; cd /sys/kernel/debug/kstrto
 *         echo 0x10 > int; cat int          -> 16
 *         echo 12abc > int                  -> write error: Invalid argument
 *         echo 2147483648 > int             -> write error: Result not representable
 *         echo -1 > ulong                   -> write error: Invalid argument
 *         echo on > bool; cat bool          -> Y
 * Test:   /test/kstrto.out (tests/guest/kstrto.c)
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

enum kstrto_kind { KIND_INT, KIND_ULONG, KIND_BOOL };

static struct dentry *kstrto_dir;
static int int_val;
static unsigned long ulong_val;
static bool bool_val;

static ssize_t kstrto_read(struct file *file, char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	enum kstrto_kind kind = (uintptr_t)file->private_data;
	char buf[32];
	int len;

	if (kind == KIND_INT)
		len = scnprintf(buf, sizeof(buf), "%d\n", int_val);
	else if (kind == KIND_ULONG)
		len = scnprintf(buf, sizeof(buf), "%lu\n", ulong_val);
	else
		len = scnprintf(buf, sizeof(buf), "%c\n", bool_val ? 'Y' : 'N');
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t kstrto_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	enum kstrto_kind kind = (uintptr_t)file->private_data;
	char buf[32];
	int ret;

	/* Copy into a NUL-terminated kernel buffer first; refuse long input. */
	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	if (kind == KIND_INT)
		ret = kstrtoint(buf, 0, &int_val);
	else if (kind == KIND_ULONG)
		ret = kstrtoul(buf, 0, &ulong_val);
	else
		ret = kstrtobool(buf, &bool_val);
	if (ret) {
		pr_info("refused '%.*s': %d\n", (int)strcspn(buf, "\n"), buf, ret);
		return ret;
	}
	return count;
}

static const struct file_operations kstrto_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = kstrto_read,
	.write = kstrto_write,
};

static int __init kstrto_init(void)
{
	static const char * const names[] = { "int", "ulong", "bool" };
	struct dentry *file;
	uintptr_t kind;
	int ret;

	pr_info("init\n");
	kstrto_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(kstrto_dir))
		return PTR_ERR(kstrto_dir);
	for (kind = KIND_INT; kind <= KIND_BOOL; kind++) {
		file = debugfs_create_file(names[kind], 0600, kstrto_dir,
					   (void *)kind, &kstrto_fops);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			goto err_dir;
		}
	}
	return 0;

err_dir:
	debugfs_remove_recursive(kstrto_dir);
	return ret;
}

static void __exit kstrto_exit(void)
{
	debugfs_remove_recursive(kstrto_dir);
	pr_info("exit\n");
}

module_init(kstrto_init);
module_exit(kstrto_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Parse user input with kstrtoint/kstrtoul/kstrtobool");
