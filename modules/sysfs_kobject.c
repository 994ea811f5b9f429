// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs_kobject: a directory of our own in sysfs, /sys/kernel/sysfs_kobject,
 * made with kobject_create_and_add(), holding an attribute group:
 *   value   rw  an int from 0 to 100 (anything else: -EINVAL)
 *   writes  ro  how many times value was set (open for writing: -EACCES)
 *   reset   wo  write 1 to set value back to 50 and writes to 0
 * sysfs attributes are one value per file, as text; show() fills a page
 * (use sysfs_emit), store() gets the written text and returns its length.
 *
 * Guest:  modprobe sysfs_kobject; cd /sys/kernel/sysfs_kobject
 *         cat value; echo 7 > value; cat value writes   -> 50, then 7 and 1
 *         echo 101 > value              -> write error: Invalid argument
 *         echo 1 > writes               -> can't create writes: Permission denied
 *         echo 1 > reset; cat value     -> 50
 * Test:   /test/sysfs_kobject.sh
 * Needs:  CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

#define VALUE_DEFAULT 50
#define VALUE_MAX 100

static struct kobject *kobj;
static DEFINE_MUTEX(lock);	/* protects value and writes */
static int value = VALUE_DEFAULT;
static unsigned int writes;

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	int v;

	mutex_lock(&lock);
	v = value;
	mutex_unlock(&lock);
	return sysfs_emit(buf, "%d\n", v);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	int v, ret;

	ret = kstrtoint(buf, 10, &v);
	if (ret)
		return ret;
	if (v < 0 || v > VALUE_MAX)
		return -EINVAL;
	mutex_lock(&lock);
	value = v;
	writes++;
	mutex_unlock(&lock);
	return count;
}

static ssize_t writes_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	unsigned int n;

	mutex_lock(&lock);
	n = writes;
	mutex_unlock(&lock);
	return sysfs_emit(buf, "%u\n", n);
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	bool doit;
	int ret;

	ret = kstrtobool(buf, &doit);
	if (ret)
		return ret;
	if (!doit)
		return -EINVAL;
	mutex_lock(&lock);
	value = VALUE_DEFAULT;
	writes = 0;
	mutex_unlock(&lock);
	pr_info("reset\n");
	return count;
}

/* __ATTR_RW(x) wires x_show/x_store with mode 0644, RO 0444, WO 0200. */
static struct kobj_attribute value_attr = __ATTR_RW(value);
static struct kobj_attribute writes_attr = __ATTR_RO(writes);
static struct kobj_attribute reset_attr = __ATTR_WO(reset);

static struct attribute *sysfs_kobject_attrs[] = {
	&value_attr.attr,
	&writes_attr.attr,
	&reset_attr.attr,
	NULL,
};

static const struct attribute_group sysfs_kobject_group = {
	.attrs = sysfs_kobject_attrs,
};

static int __init sysfs_kobject_init(void)
{
	int ret;

	kobj = kobject_create_and_add(KBUILD_MODNAME, kernel_kobj);
	if (!kobj)
		return -ENOMEM;
	ret = sysfs_create_group(kobj, &sysfs_kobject_group);
	if (ret)
		goto err_kobj;
	pr_info("init\n");
	return 0;

err_kobj:
	kobject_put(kobj);
	return ret;
}

static void __exit sysfs_kobject_exit(void)
{
	/* Dropping the last reference removes the directory and its files. */
	kobject_put(kobj);
	pr_info("exit\n");
}

module_init(sysfs_kobject_init);
module_exit(sysfs_kobject_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A kobject in /sys/kernel with rw, ro and wo attributes");
