// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe: count the calls of any kernel function with a kprobe. The kernel
 * patches a breakpoint at the function's first instruction; each hit runs
 * our pre_handler before the function goes on as usual. The function is a
 * parameter (default: the getppid() syscall's handler); the count is in
 * debugfs. An unknown symbol makes register_kprobe(), so the load, fail
 * with ENOENT.
 *
 * The syscall handler's name depends on the arch's syscall wrappers:
 * __x64_sys_getppid on x86_64, __arm64_sys_getppid on aarch64, ...
 *
 * With dynamic ftrace, a traced function begins with ftrace's call site:
 * NOPs that ftrace patches into a call. x86_64 runs a kprobe there through
 * ftrace (KPROBES_ON_FTRACE) and arm64's site is past the first instruction,
 * but riscv (kernel 6.12) has neither: the site is the function's first 8
 * bytes (MCOUNT_INSN_SIZE) and register_kprobe() refuses it with EINVAL. So
 * there the probe goes on the first instruction after the site.
 *
 * Guest:  modprobe kprobe       -> dmesg: "planted at __x64_sys_getppid"
 *         cat /sys/kernel/debug/kprobe/hits   -> grows with each getppid()
 *         modprobe kprobe symbol=nope   -> No such file or directory
 *         rmmod kprobe          -> dmesg: "kprobe: exit after N hits"
 * Test:   /test/kprobe.out (tests/guest/kprobe.c)
 * Needs:  CONFIG_KPROBES CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/ftrace.h>
#include <linux/init.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

#if defined(CONFIG_X86_64)
#define GETPPID_HANDLER "__x64_sys_getppid"
#elif defined(CONFIG_ARM64)
#define GETPPID_HANDLER "__arm64_sys_getppid"
#elif defined(CONFIG_RISCV)
#define GETPPID_HANDLER "__riscv_sys_getppid"
#else
#define GETPPID_HANDLER "sys_getppid"
#endif

/* Where the function's own code starts if its entry is an ftrace site. */
#if defined(CONFIG_RISCV) && defined(CONFIG_DYNAMIC_FTRACE) && !defined(CONFIG_KPROBES_ON_FTRACE)
#define FTRACE_SITE_SIZE MCOUNT_INSN_SIZE
#else
#define FTRACE_SITE_SIZE 0
#endif

static char *symbol = GETPPID_HANDLER;
module_param(symbol, charp, 0444);
MODULE_PARM_DESC(symbol, "Kernel function to probe (default: getppid's handler)");

static atomic_t kp_hits = ATOMIC_INIT(0);
static struct dentry *kp_dir;

/* Runs at each hit, in the probed function's context, preemption off. */
static int kp_pre(struct kprobe *p, struct pt_regs *regs)
{
	atomic_inc(&kp_hits);
	return 0;	/* 0: let the function run normally */
}

static struct kprobe kp = {
	.pre_handler = kp_pre,
};

static int __init kp_plant(unsigned int offset)
{
	kp.addr = NULL;	/* register_kprobe() sets it, even when it fails */
	kp.symbol_name = symbol;
	kp.offset = offset;
	return register_kprobe(&kp);
}

static int __init kp_init(void)
{
	int ret;

	ret = kp_plant(0);
	/* EINVAL at the entry: an ftrace site (riscv); probe right after it. */
	if (ret == -EINVAL && FTRACE_SITE_SIZE)
		ret = kp_plant(FTRACE_SITE_SIZE);
	if (ret) {
		pr_err("register_kprobe(%s) failed: %d\n", symbol, ret);
		return ret;
	}
	kp_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_atomic_t("hits", 0444, kp_dir, &kp_hits);
	pr_info("init\n");
	pr_info("planted at %s (%pS)\n", symbol, kp.addr);
	return 0;
}

static void __exit kp_exit(void)
{
	debugfs_remove(kp_dir);
	unregister_kprobe(&kp);
	pr_info("exit after %d hits\n", atomic_read(&kp_hits));
}

module_init(kp_init);
module_exit(kp_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Count calls of a kernel function with a kprobe");
