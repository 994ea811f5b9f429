// SPDX-License-Identifier: GPL-2.0
/*
 * mmap: share one kernel page with userland through mmap().
 * At load the module allocates a page and fills it with a pattern
 * (byte i = i % 251). The mmap file operation maps that very page into the
 * process with vm_insert_page(): no copy, the same physical memory. What
 * userland writes through the mapping, the kernel sees, and read() returns
 * the page as the kernel sees it. Only a shared mapping of exactly one page
 * at offset 0 is allowed; anything else is -EINVAL.
 *
 * Guest:  modprobe mmap; head -c 16 /dev/mmap | od -An -tu1  -> 0 1 2 ... 15
 *         /test/mmap.out                 -> maps, checks, writes, reads back
 * Test:   /test/mmap.out (tests/guest/mmap.c)
 * Needs:  CONFIG_MMU
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>

static u8 *mmapdev_page;

static int mmapdev_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	if (size > PAGE_SIZE || vma->vm_pgoff != 0)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;		/* a private copy would not be shared */

	vm_flags_set(vma, VM_DONTEXPAND);	/* no mremap() past our page */
	pr_info("mmap: %lu bytes at %#lx\n", size, vma->vm_start);
	return vm_insert_page(vma, vma->vm_start, virt_to_page(mmapdev_page));
}

/* read() shows the page from the kernel's side. */
static ssize_t mmapdev_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, mmapdev_page, PAGE_SIZE);
}

static const struct file_operations mmapdev_fops = {
	.owner = THIS_MODULE,
	.mmap = mmapdev_mmap,
	.read = mmapdev_read,
	.llseek = default_llseek,
};

static struct miscdevice mmapdev_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mmap",
	.fops = &mmapdev_fops,
};

static int __init mmapdev_init(void)
{
	int i, ret;

	mmapdev_page = (u8 *)get_zeroed_page(GFP_KERNEL);
	if (!mmapdev_page)
		return -ENOMEM;
	for (i = 0; i < PAGE_SIZE; i++)
		mmapdev_page[i] = i % 251;

	ret = misc_register(&mmapdev_dev);
	if (ret)
		goto err_page;
	pr_info("init\n");
	return 0;

err_page:
	free_page((unsigned long)mmapdev_page);
	return ret;
}

/* No mapping can outlive us: a mapping holds the file, the file the module. */
static void __exit mmapdev_exit(void)
{
	misc_deregister(&mmapdev_dev);
	pr_info("exit: page starts with \"%.16s\"\n", mmapdev_page);
	free_page((unsigned long)mmapdev_page);
}

module_init(mmapdev_init);
module_exit(mmapdev_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Map a kernel page into userland with mmap");
