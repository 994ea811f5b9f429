// SPDX-License-Identifier: GPL-2.0
/*
 * memory: the kernel's allocators side by side, and a slab cache of our own.
 * For one size, it tries kmalloc (physically contiguous, at most 4 MiB
 * here; ksize() shows the size class actually given), kzalloc (zeroed),
 * krealloc (grown to twice the size, content kept), vmalloc (virtually
 * contiguous, any size that fits in RAM) and kvmalloc (kmalloc, falling
 * back to vmalloc), then frees them. __GFP_NOWARN turns an impossible
 * request into a plain NULL instead of a warning with a stack trace.
 * Objects of the "memory_obj" kmem_cache are kept until dropped; their
 * counters are in /proc/memory (this kernel has no /proc/slabinfo).
 *   modprobe memory size=N   first run with N bytes (default 4096; 0 is -EINVAL)
 *   echo alloc N > /proc/memory   run again with N bytes; -ENOMEM if even
 *                                  kvmalloc fails, -EINVAL if N is 0
 *   echo cache N > /proc/memory   keep N more cache objects (1 to 1000)
 *   echo drop > /proc/memory      free them all
 *
 * Guest:  modprobe memory size=100; cat /proc/memory
 *                 -> "kmalloc ok 128" ... "kvmalloc ok kmalloc"
 *         echo alloc 8388608 > /proc/memory; cat /proc/memory
 *                 -> "kmalloc -ENOMEM" ... "vmalloc ok", "kvmalloc ok vmalloc"
 *         echo alloc 1099511627776 > /proc/memory  -> "Cannot allocate memory"
 *         echo cache 5 > /proc/memory; cat /proc/memory   -> "cache_live 5"
 *         rmmod memory    -> dmesg: "memory: exit, freed 5 objects, 0 live"
 * Test:   /test/memory.out (tests/guest/memory.c)
 * Needs:  CONFIG_PROC_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#define GFP (GFP_KERNEL | __GFP_NOWARN)

static unsigned long size = 4096;
module_param(size, ulong, 0444);
MODULE_PARM_DESC(size, "bytes for the first round of allocations (> 0)");

struct obj {
	struct list_head node;
	char payload[120];
};

static struct kmem_cache *obj_cache;
static LIST_HEAD(objs);
static unsigned int live, allocs, frees;
static char report[256];
static DEFINE_MUTEX(memory_lock);

/* Try every allocator with n bytes, free at once, describe it in report. */
static int memory_tour(size_t n)
{
	size_t len = 0, sz = sizeof(report);
	char *p, *q;
	int ret = -ENOMEM;

	len += scnprintf(report + len, sz - len, "size %zu\n", n);
	p = kmalloc(n, GFP);
	len += p ? scnprintf(report + len, sz - len, "kmalloc ok %zu\n", ksize(p)) :
		   scnprintf(report + len, sz - len, "kmalloc -ENOMEM\n");
	kfree(p);

	p = kzalloc(n, GFP);
	len += scnprintf(report + len, sz - len, "kzalloc %s\n", !p ? "-ENOMEM" :
			 memchr_inv(p, 0, n) ? "ok NOT zeroed" : "ok zeroed");
	if (p) {
		p[0] = 'x';
		q = n <= SIZE_MAX / 2 ? krealloc(p, 2 * n, GFP) : NULL;
		if (q)
			p = q;	/* krealloc failing leaves p allocated */
		len += !q ? scnprintf(report + len, sz - len, "krealloc -ENOMEM\n") :
			    scnprintf(report + len, sz - len, "krealloc ok %zu %s\n",
				      ksize(q), q[0] == 'x' ? "kept" : "LOST");
		kfree(p);
	}

	p = __vmalloc(n, GFP);
	len += scnprintf(report + len, sz - len, "vmalloc %s\n", p ? "ok" : "-ENOMEM");
	vfree(p);

	p = kvmalloc(n, GFP);
	if (p)
		ret = 0;
	len += scnprintf(report + len, sz - len, "kvmalloc %s\n", !p ? "-ENOMEM" :
			 is_vmalloc_addr(p) ? "ok vmalloc" : "ok kmalloc");
	kvfree(p);
	return ret;
}

static int cache_add(unsigned int n)
{
	struct obj *o;

	while (n--) {
		o = kmem_cache_zalloc(obj_cache, GFP);
		if (!o)
			return -ENOMEM;
		list_add(&o->node, &objs);
		live++;
		allocs++;
	}
	return 0;
}

static unsigned int cache_drop(void)
{
	struct obj *o, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(o, tmp, &objs, node) {
		list_del(&o->node);
		kmem_cache_free(obj_cache, o);
		n++;
	}
	live -= n;
	frees += n;
	return n;
}

static int memory_cmd(const char *cmd, const char *arg)
{
	unsigned long n;

	if (!strcmp(cmd, "drop") && !arg) {
		cache_drop();
		return 0;
	}
	if (!arg || kstrtoul(arg, 0, &n) || !n)
		return -EINVAL;
	if (!strcmp(cmd, "alloc"))
		return memory_tour(n);
	if (!strcmp(cmd, "cache") && n <= 1000)
		return cache_add(n);
	return -EINVAL;
}

static ssize_t memory_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char buf[32], *arg, *cmd;
	int ret;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");

	mutex_lock(&memory_lock);
	ret = memory_cmd(cmd, arg);
	mutex_unlock(&memory_lock);
	return ret ? ret : len;
}

static int memory_show(struct seq_file *m, void *v)
{
	mutex_lock(&memory_lock);
	seq_puts(m, report);
	seq_printf(m, "cache_live %u\ncache_allocs %u\ncache_frees %u\n",
		   live, allocs, frees);
	mutex_unlock(&memory_lock);
	return 0;
}

static int memory_open(struct inode *inode, struct file *file)
{
	return single_open(file, memory_show, NULL);
}

static const struct proc_ops memory_ops = {
	.proc_open = memory_open,
	.proc_read = seq_read,
	.proc_write = memory_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init memory_init(void)
{
	int ret;

	if (!size)
		return -EINVAL;
	memory_tour(size);
	obj_cache = kmem_cache_create("memory_obj", sizeof(struct obj), 0, 0, NULL);
	if (!obj_cache)
		return -ENOMEM;
	if (!proc_create("memory", 0644, NULL, &memory_ops)) {
		ret = -ENOMEM;
		goto err_cache;
	}
	pr_info("init\n");
	return 0;

err_cache:
	kmem_cache_destroy(obj_cache);
	return ret;
}

static void __exit memory_exit(void)
{
	unsigned int n;

	remove_proc_entry("memory", NULL);
	n = cache_drop();
	kmem_cache_destroy(obj_cache);	/* warns if objects were still live */
	pr_info("exit, freed %u objects, %u live\n", n, live);
}

module_init(memory_init);
module_exit(memory_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("kmalloc, kzalloc, krealloc, vmalloc, kvmalloc and a kmem_cache");
