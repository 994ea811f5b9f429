// SPDX-License-Identifier: GPL-2.0
/*
 * arm64_cycles: the Arm PMU's cycle counter, PMCCNTR_EL0, which counts the
 * CPU's clock cycles. It is off after reset: the module switches it on for
 * every CPU (PMCR_EL0.E for the PMU, bit 31 of PMCNTENSET_EL0 for the cycle
 * counter, PMCCFILTR_EL0 = 0 to count at EL0 and EL1) and off again on
 * unload. Reading debugfs's loop_cycles runs a fixed loop of `loops`
 * iterations with preemption off and prints the cycles it took on that CPU;
 * more iterations, more cycles. Under QEMU's TCG the counter follows QEMU's
 * virtual clock (1 GHz), not a real pipeline. arm64 only: on other arches
 * the module is not built (modules/Kbuild) and its test skips. The kernel's
 * own PMU driver (perf) would own these registers: with CONFIG_ARM_PMU the
 * module refuses to load.
 *
 * Guest:  modprobe arm64_cycles   -> dmesg: "PMUv3 (PMUVer 0x4), 1000000 loops: N cycles"
 *         cat /sys/kernel/debug/arm64_cycles/loop_cycles
 *         echo 1000 > /sys/module/arm64_cycles/parameters/loops
 *         echo 0 > .../loops   -> Numerical result out of range (1..100000000)
 * Test:   /test/arm64_cycles.sh (tests/guest/arm64_cycles.sh)
 * Needs:  CONFIG_ARM64 CONFIG_DEBUG_FS CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/perf/arm_pmuv3.h>
#include <linux/preempt.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

#define LOOPS_MAX 100000000	/* the loop runs with preemption off */

static unsigned long loops = 1000000;

/* A bound, or "echo 18446744073709551615 > loops" would hang a CPU. */
static int loops_set(const char *val, const struct kernel_param *kp)
{
	unsigned long n;
	int ret = kstrtoul(val, 0, &n);

	if (ret)
		return ret;
	if (n < 1 || n > LOOPS_MAX)
		return -ERANGE;
	WRITE_ONCE(loops, n);
	return 0;
}

static const struct kernel_param_ops loops_ops = {
	.set = loops_set,
	.get = param_get_ulong,
};

module_param_cb(loops, &loops_ops, &loops, 0644);
MODULE_PARM_DESC(loops, "Iterations of the loop that loop_cycles times, 1..100000000");

#define CYCLE_COUNTER BIT(ARMV8_PMU_CYCLE_IDX)
/* ID_AA64DFR0_EL1 bits [11:8], the PMU version: 0 none, 0xf not PMUv3. */
#define PMU_VERSION(dfr0) (((dfr0) >> 8) & 0xf)

static u64 saved_pmcr;
static struct dentry *cyc_dir;

/* On each CPU (PMU registers are per CPU): count cycles from now on. */
static void cycles_on(void *unused)
{
	write_sysreg(0, pmccfiltr_el0);
	write_sysreg(read_sysreg(pmcr_el0) | ARMV8_PMU_PMCR_E | ARMV8_PMU_PMCR_LC |
		     ARMV8_PMU_PMCR_C, pmcr_el0);
	write_sysreg(CYCLE_COUNTER, pmcntenset_el0);
	isb();
}

static void cycles_off(void *unused)
{
	write_sysreg(CYCLE_COUNTER, pmcntenclr_el0);
	write_sysreg(saved_pmcr, pmcr_el0);
	isb();
}

/* Cycles that N iterations of an empty loop take on this CPU. */
static u64 loop_cycles(unsigned long n)
{
	unsigned long i;
	u64 start, end;

	preempt_disable();
	isb();
	start = read_sysreg(pmccntr_el0);
	for (i = 0; i < n; i++)
		barrier();	/* keeps the compiler from removing the loop */
	isb();
	end = read_sysreg(pmccntr_el0);
	preempt_enable();
	return end - start;
}

static int loop_cycles_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%llu\n", loop_cycles(READ_ONCE(loops)));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(loop_cycles);

static int __init arm64_cycles_init(void)
{
	unsigned int pmuver;

	if (IS_ENABLED(CONFIG_ARM_PMU)) {
		pr_err("the kernel's PMU driver (CONFIG_ARM_PMU) owns the PMU\n");
		return -EBUSY;
	}
	pmuver = PMU_VERSION(read_sysreg(id_aa64dfr0_el1));
	if (pmuver == 0 || pmuver == 0xf) {
		pr_err("this CPU has no PMUv3 (ID_AA64DFR0_EL1 PMU version %#x)\n", pmuver);
		return -ENODEV;
	}
	saved_pmcr = read_sysreg(pmcr_el0);
	on_each_cpu(cycles_on, NULL, 1);
	pr_info("PMUv3 (PMUVer %#x), %lu loops: %llu cycles\n", pmuver, loops,
		loop_cycles(loops));

	cyc_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("loop_cycles", 0444, cyc_dir, NULL, &loop_cycles_fops);
	return 0;
}

static void __exit arm64_cycles_exit(void)
{
	debugfs_remove(cyc_dir);
	on_each_cpu(cycles_off, NULL, 1);
	pr_info("exit: cycle counter off\n");
}

module_init(arm64_cycles_init);
module_exit(arm64_cycles_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Count CPU cycles with the Arm PMU's cycle counter");
