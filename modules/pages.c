// SPDX-License-Identifier: GPL-2.0
/*
 * pages: whole pages from the page allocator, and the ways to name them.
 * A page has a struct page (the allocator's bookkeeping), a page frame
 * number (pfn), a physical address (pfn << PAGE_SHIFT) and, for lowmem
 * (all of it on x86_64), a kernel virtual address in the direct map:
 *   page_address(page) -> virt      virt_to_page(virt)  -> page
 *   virt_to_phys(virt) -> phys      phys_to_virt(phys)  -> virt
 * Each read of /proc/pages allocates 2^order pages with alloc_pages() and
 * one with __get_free_page(), prints every translation, checks that the
 * round trips agree and that data written through one address reads back
 * through the other, then frees them. The file is read-only.
 *
 * Guest:  modprobe pages order=2; cat /proc/pages
 *           -> "order 2", "virt 0xffff8880...", "phys 0x...", "pfn 0x...",
 *              "phys_to_virt 0xffff8880..." (same as virt),
 *              "virt_to_page same", "data same", then the same for "gfp_"
 *         modprobe pages order=11   -> "Invalid argument" (order is 0..10)
 *         rmmod pages               -> dmesg: "pages: exit"
 * Test:   /test/pages.sh
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>

static unsigned int order;
module_param(order, uint, 0444);
MODULE_PARM_DESC(order, "alloc_pages() order: 2^order pages, 0 to MAX_PAGE_ORDER (10)");

/* Print virt's translations under a prefix ("" or "gfp_"); fill its pages. */
static void show_page(struct seq_file *m, const char *pre, struct page *page,
		      void *virt, size_t bytes)
{
	phys_addr_t phys = virt_to_phys(virt);
	unsigned char *back = phys_to_virt(phys);

	memset(virt, 0x5a, bytes);
	seq_printf(m, "%svirt %#lx\n", pre, (unsigned long)virt);
	seq_printf(m, "%sphys %pa\n", pre, &phys);
	seq_printf(m, "%spfn %#lx\n", pre, page_to_pfn(page));
	seq_printf(m, "%sphys_to_virt %#lx\n", pre, (unsigned long)back);
	seq_printf(m, "%svirt_to_page %s\n", pre,
		   virt_to_page(virt) == page ? "same" : "DIFFERENT");
	seq_printf(m, "%sdata %s\n", pre,
		   back[0] == 0x5a && back[bytes - 1] == 0x5a ? "same" : "DIFFERENT");
}

static int pages_show(struct seq_file *m, void *v)
{
	struct page *page;
	unsigned long addr;

	page = alloc_pages(GFP_KERNEL, order);
	if (!page)
		return -ENOMEM;
	seq_printf(m, "order %u\npages %lu\n", order, 1UL << order);
	show_page(m, "", page, page_address(page), PAGE_SIZE << order);
	__free_pages(page, order);

	/* the same, starting from an address instead of a struct page */
	addr = __get_free_page(GFP_KERNEL);
	if (!addr)
		return -ENOMEM;
	show_page(m, "gfp_", virt_to_page((void *)addr), (void *)addr, PAGE_SIZE);
	free_page(addr);
	return 0;
}

static int pages_open(struct inode *inode, struct file *file)
{
	return single_open(file, pages_show, NULL);
}

static const struct proc_ops pages_ops = {
	.proc_open = pages_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init pages_init(void)
{
	if (order > MAX_PAGE_ORDER)
		return -EINVAL;
	if (!proc_create("pages", 0444, NULL, &pages_ops))
		return -ENOMEM;
	pr_info("init, order %u\n", order);
	return 0;
}

static void __exit pages_exit(void)
{
	remove_proc_entry("pages", NULL);
	pr_info("exit\n");
}

module_init(pages_init);
module_exit(pages_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("alloc_pages, page_address, virt_to_phys/phys_to_virt, virt_to_page");
