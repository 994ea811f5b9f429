// SPDX-License-Identifier: GPL-2.0
/*
 * x86_cr: the x86 control registers CR0, CR3 and CR4, read with "mov %crN",
 * which only ring 0 may run. CR0 and CR4 switch CPU features on: protected
 * mode (PE), paging (PG), write protection of read-only pages in the kernel
 * too (WP), PAE, SMEP and more; the module logs which bits are set. CR3
 * holds the physical address of the running process's top-level page table:
 * each process has its own, so two processes read different values. Each
 * read of a debugfs file reads the register again, on the reader's CPU, in
 * the reader's process. x86_64 only: on other arches the module is not built
 * (modules/Kbuild) and its test skips.
 *
 * Guest:  modprobe x86_cr   -> dmesg: "CR0 0x80050033: PE MP ET NE WP AM PG"
 *         cat /sys/kernel/debug/x86_cr/cr0   -> 0x80050033
 *         cat /sys/kernel/debug/x86_cr/cr3   -> cat's own page table
 * Test:   /test/x86_cr.sh (tests/guest/x86_cr.sh)
 * Needs:  CONFIG_X86_64 CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>

struct cr_bit {
	unsigned long mask;
	const char *name;
};

static const struct cr_bit cr0_bits[] = {
	{ X86_CR0_PE, "PE" }, { X86_CR0_MP, "MP" }, { X86_CR0_EM, "EM" },
	{ X86_CR0_TS, "TS" }, { X86_CR0_ET, "ET" }, { X86_CR0_NE, "NE" },
	{ X86_CR0_WP, "WP" }, { X86_CR0_AM, "AM" }, { X86_CR0_NW, "NW" },
	{ X86_CR0_CD, "CD" }, { X86_CR0_PG, "PG" },
};

static const struct cr_bit cr4_bits[] = {
	{ X86_CR4_VME, "VME" }, { X86_CR4_PVI, "PVI" }, { X86_CR4_TSD, "TSD" },
	{ X86_CR4_DE, "DE" }, { X86_CR4_PSE, "PSE" }, { X86_CR4_PAE, "PAE" },
	{ X86_CR4_MCE, "MCE" }, { X86_CR4_PGE, "PGE" }, { X86_CR4_PCE, "PCE" },
	{ X86_CR4_OSFXSR, "OSFXSR" }, { X86_CR4_OSXMMEXCPT, "OSXMMEXCPT" },
	{ X86_CR4_UMIP, "UMIP" }, { X86_CR4_LA57, "LA57" },
	{ X86_CR4_FSGSBASE, "FSGSBASE" }, { X86_CR4_PCIDE, "PCIDE" },
	{ X86_CR4_OSXSAVE, "OSXSAVE" }, { X86_CR4_SMEP, "SMEP" },
	{ X86_CR4_SMAP, "SMAP" }, { X86_CR4_PKE, "PKE" },
};

/* The debugfs files' private data: which register. */
enum { CR0 = 0, CR3 = 3, CR4 = 4 };

static unsigned long read_cr(long which)
{
	switch (which) {
	case CR0:
		return native_read_cr0();
	case CR3:
		return __native_read_cr3();
	default:
		return native_read_cr4();
	}
}

/* "PE MP ..." for the bits of VALUE that TABLE names, into BUF. */
static void name_bits(char *buf, size_t size, unsigned long value,
		      const struct cr_bit *table, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (value & table[i].mask)
			len += scnprintf(buf + len, size - len, "%s%s",
					 len ? " " : "", table[i].name);
}

static int cr_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%#lx\n", read_cr((long)m->private));
	return 0;
}

static int cr_open(struct inode *inode, struct file *file)
{
	return single_open(file, cr_show, inode->i_private);
}

static const struct file_operations cr_fops = {
	.owner = THIS_MODULE,
	.open = cr_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static struct dentry *cr_dir;

static int __init x86_cr_init(void)
{
	unsigned long cr0 = native_read_cr0(), cr4 = native_read_cr4();
	char names[96];

	name_bits(names, sizeof(names), cr0, cr0_bits, ARRAY_SIZE(cr0_bits));
	pr_info("CR0 %#lx: %s\n", cr0, names);
	name_bits(names, sizeof(names), cr4, cr4_bits, ARRAY_SIZE(cr4_bits));
	pr_info("CR4 %#lx: %s\n", cr4, names);
	pr_info("CR3 %#lx: page table of %s\n", __native_read_cr3(), current->comm);

	cr_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("cr0", 0444, cr_dir, (void *)CR0, &cr_fops);
	debugfs_create_file("cr3", 0444, cr_dir, (void *)CR3, &cr_fops);
	debugfs_create_file("cr4", 0444, cr_dir, (void *)CR4, &cr_fops);
	return 0;
}

static void __exit x86_cr_exit(void)
{
	debugfs_remove(cr_dir);
	pr_info("exit\n");
}

module_init(x86_cr_init);
module_exit(x86_cr_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Read the x86 control registers CR0, CR3 and CR4");
