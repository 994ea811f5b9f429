// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl: unlocked_ioctl with _IOR/_IOW/_IOWR commands carrying a struct.
 * The command numbers encode direction, size and a magic number; ioctl.h
 * is shared with userland. The driver copies the struct in and out with
 * copy_{from,to}_user, validates every field, and answers:
 *   unknown command -> -ENOTTY, bad user pointer -> -EFAULT,
 *   out-of-range rate or unknown flag -> -EINVAL (nothing changed).
 *
 * Guest:  /test/ioctl.out        -> loads ioctl, runs each command, unloads
 *         dmesg | grep ioctl   -> "ioctl: set rate 100 flags 0x1", ...
 * Test:   /test/ioctl.out (tests/guest/ioctl.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#include "ioctl.h"

static DEFINE_MUTEX(ioctl_lock);		/* protects ioctl_cur */
static struct ioctl_cfg ioctl_cur = { .rate = 10 };

static int ioctl_check(const struct ioctl_cfg *cfg)
{
	if (cfg->rate < IOCTL_RATE_MIN || cfg->rate > IOCTL_RATE_MAX)
		return -EINVAL;
	if (cfg->flags & ~IOCTL_FLAGS_ALL)
		return -EINVAL;
	return 0;
}

static long ioctl_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct ioctl_cfg cfg, old;
	int ret;

	switch (cmd) {
	case IOCTL_GET_CFG:
		mutex_lock(&ioctl_lock);
		cfg = ioctl_cur;
		mutex_unlock(&ioctl_lock);
		return copy_to_user(uarg, &cfg, sizeof(cfg)) ? -EFAULT : 0;
	case IOCTL_SET_CFG:
	case IOCTL_XCHG_CFG:
		if (copy_from_user(&cfg, uarg, sizeof(cfg)))
			return -EFAULT;
		ret = ioctl_check(&cfg);
		if (ret)
			return ret;
		mutex_lock(&ioctl_lock);
		old = ioctl_cur;
		ioctl_cur = cfg;
		mutex_unlock(&ioctl_lock);
		pr_info("set rate %u flags %#x\n", cfg.rate, cfg.flags);
		/* The new value is set even if this copy back fails. */
		if (cmd == IOCTL_XCHG_CFG && copy_to_user(uarg, &old, sizeof(old)))
			return -EFAULT;
		return 0;
	default:
		return -ENOTTY;		/* "inappropriate ioctl for device" */
	}
}

static const struct file_operations ioctl_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ioctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice ioctl_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ioctl",
	.fops = &ioctl_fops,
};

static int __init ioctl_init(void)
{
	int ret;

	ret = misc_register(&ioctl_dev);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit ioctl_exit(void)
{
	misc_deregister(&ioctl_dev);
	pr_info("exit\n");
}

module_init(ioctl_init);
module_exit(ioctl_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("ioctl commands with a struct: _IOR, _IOW, _IOWR and their errors");
