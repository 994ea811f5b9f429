// SPDX-License-Identifier: GPL-2.0
/*
 * params: module parameters of each common type, an array, and one with
 * custom set/get operations that checks its range. Every parameter appears
 * in /sys/module/params/parameters/; its mode there is the last argument
 * of module_param (0 would hide it, 0444 is read-only, 0644 root-writable).
 *
 * Guest:  insmod /params.ko num=-5 name=lkmp values=1,2,3 level=7 disable=1
 *         dmesg                 -> "params: num=-5 ...", "values[3]: 1 2 3"
 *         cat /sys/module/params/parameters/level          -> 7
 *         echo 3 > /sys/module/params/parameters/level     -> "level 7 -> 3"
 *         echo -n hi > /sys/module/params/parameters/name  -> name=hi
 *         echo 99 > /sys/module/params/parameters/level    -> Invalid argument
 *         echo 1 > /sys/module/params/parameters/ulong     -> Permission denied
 * Test:   /test/params.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

/*
 * Writable at run time (0644): read them where they are used, not cached.
 * A charp keeps what is written verbatim, newline included: use echo -n.
 */
static int num = 42;
module_param(num, int, 0644);
MODULE_PARM_DESC(num, "An int, writable through sysfs (default 42)");

static char *name = "world";
module_param(name, charp, 0644);
MODULE_PARM_DESC(name, "A string (charp); the kernel allocates a copy");

/* Read-only in sysfs (0444): only insmod/modprobe can set them. */
static unsigned int uint_p = 7;
module_param_named(uint, uint_p, uint, 0444);
static long long_p = -100000;
module_param_named(long, long_p, long, 0444);
static unsigned long ulong_p = 100000;
module_param_named(ulong, ulong_p, ulong, 0444);
static short short_p = -3;
module_param_named(short, short_p, short, 0444);
static unsigned short ushort_p = 3;
module_param_named(ushort, ushort_p, ushort, 0444);
static unsigned char byte_p = 255;
module_param_named(byte, byte_p, byte, 0444);
static unsigned int mask = 0xff;
module_param(mask, hexint, 0444);
MODULE_PARM_DESC(mask, "An unsigned int shown in hex");

static bool verbose;
module_param(verbose, bool, 0444);
MODULE_PARM_DESC(verbose, "A bool: y/n/1/0 (default n)");

/* invbool: "disable=1" stores false in 'enabled'. */
static bool enabled = true;
module_param_named(disable, enabled, invbool, 0444);
MODULE_PARM_DESC(disable, "An inverted bool: disable=1 clears 'enabled'");

static int values[4];
static unsigned int nvalues;
module_param_array(values, int, &nvalues, 0444);
MODULE_PARM_DESC(values, "Up to 4 ints, comma separated");

/* A parameter with its own operations: the setter refuses out of range. */
#define LEVEL_MAX 10
static int level = 5;

static int level_set(const char *val, const struct kernel_param *kp)
{
	int *p = kp->arg, v, ret;

	ret = kstrtoint(val, 0, &v);
	if (ret)
		return ret;
	if (v < 0 || v > LEVEL_MAX)
		return -EINVAL;
	pr_info("level %d -> %d\n", *p, v);
	*p = v;
	return 0;
}

static int level_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", *(int *)kp->arg);
}

static const struct kernel_param_ops level_ops = {
	.set = level_set,
	.get = level_get,
};

module_param_cb(level, &level_ops, &level, 0644);
MODULE_PARM_DESC(level, "An int from 0 to 10, checked on every write");

static int __init params_init(void)
{
	char list[64] = "";
	unsigned int i;
	int len = 0;

	pr_info("init\n");
	pr_info("num=%d name=%s uint=%u long=%ld ulong=%lu\n",
		num, name, uint_p, long_p, ulong_p);
	pr_info("short=%d ushort=%u byte=%u mask=%#x\n",
		short_p, ushort_p, byte_p, mask);
	pr_info("verbose=%d enabled=%d level=%d\n", verbose, enabled, level);
	for (i = 0; i < nvalues; i++)
		len += scnprintf(list + len, sizeof(list) - len, " %d", values[i]);
	pr_info("values[%u]:%s\n", nvalues, list);
	return 0;
}

static void __exit params_exit(void)
{
	/* A sysfs write may replace (and free) 'name': hold the params lock. */
	kernel_param_lock(THIS_MODULE);
	pr_info("exit (num=%d name=%s level=%d)\n", num, name, level);
	kernel_param_unlock(THIS_MODULE);
}

module_init(params_init);
module_exit(params_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("Module parameters: types, array, custom ops, sysfs");
