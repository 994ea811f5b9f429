// SPDX-License-Identifier: GPL-2.0
/*
 * notifier: notifier chains, the kernel's publish/subscribe lists.
 * 1) A blocking chain of our own with two notifier blocks: callbacks run
 *    in priority order (higher first), and a callback returning
 *    NOTIFY_STOP ends the walk. Write to /sys/kernel/debug/notifier/fire:
 *    "1" (ping) reaches both blocks, "2" (stop) is stopped by the first.
 * 2) A block on a real kernel chain, the module notifier, which tells us
 *    when any module is coming, live, or going.
 *
 * Guest:  modprobe notifier; echo 1 > /sys/kernel/debug/notifier/fire
 *             -> dmesg: "high: event 1", "low: event 1", "chain returned ok"
 *         echo 2 > /sys/kernel/debug/notifier/fire
 *             -> dmesg: "high: event 2, stop", "chain returned stop"
 *         modprobe hello; rmmod hello
 *             -> dmesg: "module hello coming", "... live", "... going"
 * Test:   /test/notifier.sh
 * Needs:  CONFIG_DEBUG_FS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/printk.h>

enum { EV_PING = 1, EV_STOP = 2 };

static BLOCKING_NOTIFIER_HEAD(demo_chain);
static struct dentry *dir;

static int high_cb(struct notifier_block *nb, unsigned long event, void *data)
{
	if (event == EV_STOP) {
		pr_info("high: event %lu, stop\n", event);
		return NOTIFY_STOP;
	}
	pr_info("high: event %lu\n", event);
	return NOTIFY_OK;
}

static int low_cb(struct notifier_block *nb, unsigned long event, void *data)
{
	pr_info("low: event %lu\n", event);
	return NOTIFY_OK;
}

/* Registered low first: the priority, not the order, decides who runs first. */
static struct notifier_block low_nb = { .notifier_call = low_cb, .priority = 0 };
static struct notifier_block high_nb = { .notifier_call = high_cb, .priority = 10 };

static int module_cb(struct notifier_block *nb, unsigned long state, void *data)
{
	static const char * const names[] = {
		[MODULE_STATE_LIVE] = "live",
		[MODULE_STATE_COMING] = "coming",
		[MODULE_STATE_GOING] = "going",
	};
	struct module *mod = data;

	if (state < ARRAY_SIZE(names) && names[state])
		pr_info("module %s %s\n", mod->name, names[state]);
	return NOTIFY_DONE;
}

static struct notifier_block module_nb = { .notifier_call = module_cb };

static ssize_t fire_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	unsigned long event;
	int ret;

	ret = kstrtoul_from_user(buf, count, 0, &event);
	if (ret)
		return ret;
	if (event != EV_PING && event != EV_STOP)
		return -EINVAL;
	ret = blocking_notifier_call_chain(&demo_chain, event, NULL);
	pr_info("chain returned %s\n", ret == NOTIFY_STOP ? "stop" : "ok");
	return count;
}

static const struct file_operations fire_fops = {
	.owner = THIS_MODULE,
	.write = fire_write,
};

static int __init notifier_init(void)
{
	struct dentry *file;
	int ret;

	ret = blocking_notifier_chain_register(&demo_chain, &low_nb);
	if (ret)
		return ret;
	ret = blocking_notifier_chain_register(&demo_chain, &high_nb);
	if (ret)
		goto err_low;
	ret = register_module_notifier(&module_nb);
	if (ret)
		goto err_high;
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto err_module_nb;
	}
	file = debugfs_create_file("fire", 0200, dir, NULL, &fire_fops);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_dir;
	}
	pr_info("init\n");
	return 0;

err_dir:
	debugfs_remove_recursive(dir);
err_module_nb:
	unregister_module_notifier(&module_nb);
err_high:
	blocking_notifier_chain_unregister(&demo_chain, &high_nb);
err_low:
	blocking_notifier_chain_unregister(&demo_chain, &low_nb);
	return ret;
}

static void __exit notifier_exit(void)
{
	debugfs_remove_recursive(dir);
	unregister_module_notifier(&module_nb);
	blocking_notifier_chain_unregister(&demo_chain, &high_nb);
	blocking_notifier_chain_unregister(&demo_chain, &low_nb);
	pr_info("exit\n");
}

module_init(notifier_init);
module_exit(notifier_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A notifier chain of our own and the module notifier");
