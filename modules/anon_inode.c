// SPDX-License-Identifier: GPL-2.0
/*
 * anon_inode: hand out new file descriptors from an ioctl.
 * ANON_INODE_NEW on /dev/anon_inode allocates a context and returns a new
 * fd made by anon_inode_getfd(): a file with no path, sharing the kernel's
 * single anonymous inode, with our own file_operations and the context as
 * private_data. /proc/self/fd shows it as "anon_inode:[anonfd]". Each fd
 * has its own state: read() returns "ctx ID read N" with N counting the
 * reads on that fd. Closing the last reference calls release(), which
 * frees the context. This is how eventfd, timerfd, epoll, KVM, DRM... work.
 *
 * Guest:  /test/anon_inode.out     -> loads it, makes fds, reads, unloads
 *         dmesg | grep anon_inode  -> "anon_inode: ctx 1 created, fd 4", ...
 * Test:   /test/anon_inode.out (tests/guest/anon_inode.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/atomic.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "anon_inode.h"

/* "ctx 4294967295 read 4294967295\n": read() wants a buffer this big. */
#define ANONFD_MSG_MAX	32

struct anonfd_ctx {
	unsigned int id;
	atomic_t reads;
};

static atomic_t anonfd_ids = ATOMIC_INIT(0);

static ssize_t anonfd_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	struct anonfd_ctx *ctx = file->private_data;
	char msg[ANONFD_MSG_MAX + 1];
	int len;

	if (count < ANONFD_MSG_MAX)
		return -EINVAL;
	len = scnprintf(msg, sizeof(msg), "ctx %u read %d\n", ctx->id,
			atomic_inc_return(&ctx->reads));
	return copy_to_user(ubuf, msg, len) ? -EFAULT : len;
}

static int anonfd_release(struct inode *inode, struct file *file)
{
	struct anonfd_ctx *ctx = file->private_data;

	pr_info("ctx %u released after %d reads\n", ctx->id,
		atomic_read(&ctx->reads));
	kfree(ctx);
	return 0;
}

/* The new fds' operations: owner pins the module while any fd is open. */
static const struct file_operations anonfd_ctx_fops = {
	.owner = THIS_MODULE,
	.read = anonfd_read,
	.release = anonfd_release,
	.llseek = noop_llseek,
};

static long anonfd_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct anonfd_ctx *ctx;
	unsigned int id;
	int fd;

	if (cmd != ANON_INODE_NEW)
		return -ENOTTY;
	if (arg & ~(unsigned long)O_CLOEXEC)
		return -EINVAL;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	id = atomic_inc_return(&anonfd_ids);
	ctx->id = id;

	fd = anon_inode_getfd("[anonfd]", &anonfd_ctx_fops, ctx, O_RDONLY | arg);
	if (fd < 0) {
		kfree(ctx);
		return fd;
	}
	/* The fd is live: another thread may have closed it, don't touch ctx. */
	pr_info("ctx %u created, fd %d\n", id, fd);
	return fd;
}

static const struct file_operations anonfd_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = anonfd_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice anonfd_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "anon_inode",
	.fops = &anonfd_fops,
};

static int __init anonfd_init(void)
{
	int ret;

	ret = misc_register(&anonfd_dev);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit anonfd_exit(void)
{
	misc_deregister(&anonfd_dev);
	pr_info("exit\n");
}

module_init(anonfd_init);
module_exit(anonfd_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("New file descriptors with per-fd state from anon_inode_getfd");
