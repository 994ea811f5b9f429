// SPDX-License-Identifier: GPL-2.0
/*
 * edu: a PCI driver for QEMU's "edu" teaching device (1234:11e8): map its
 * BAR0 registers (doc/edu.md), take its MSI interrupt, wait for work with
 * a completion, and DMA to and from its 4 KiB buffer.
 *
 *   /sys/class/misc/edu/identity   RO  "0x010000ed": version 1.0, 0xed
 *   /sys/class/misc/edu/liveness   RW  write v, read back ~v
 *   /sys/class/misc/edu/factorial  RW  write n (0..12), read n! (interrupt)
 *   /dev/edu  read()/write() the device buffer by DMA (4096 bytes)
 *
 * The device decodes 28 DMA address bits unless QEMU's edu,dma_mask says
 * otherwise: dma_bits must match it. On boards whose RAM starts above
 * 256 MiB (QEMU's virt boards) the arch file gives the device 40 bits and
 * the kernel edu.dma_bits=40 (modprobe reads it from the command line).
 *
 * Guest:  modprobe edu          -> dmesg: "edu 0000:00:05.0: version 1.0, irq 24"
 *         echo 5 > /sys/class/misc/edu/factorial; cat it   -> 120
 *         echo 13 > /sys/class/misc/edu/factorial   -> Numerical result out of range
 *         echo hi > /dev/edu; head -c 2 /dev/edu   -> hi
 *         rmmod edu             -> dmesg: "edu: exit"
 * Test:   /test/edu.out (tests/guest/edu.c)
 * Needs:  CONFIG_PCI CONFIG_SYSFS
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/uaccess.h>

#define EDU_ID			0x00	/* RO: 0xRRrr00ed, version RR.rr */
#define EDU_LIVENESS		0x04	/* RW: reads back ~value */
#define EDU_FACTORIAL		0x08	/* RW: write n, read n! */
#define EDU_STATUS		0x20	/* RW */
#define   EDU_STATUS_COMPUTING	BIT(0)
#define   EDU_STATUS_IRQ_FACT	BIT(7)	/* interrupt when n! is done */
#define EDU_IRQ_STATUS		0x24	/* RO: why it interrupted */
#define   EDU_IRQ_FACT		0x001
#define   EDU_IRQ_DMA		0x100
#define EDU_IRQ_RAISE		0x60	/* WO */
#define EDU_IRQ_ACK		0x64	/* WO: clears these bits */
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define   EDU_DMA_START		BIT(0)
#define   EDU_DMA_TO_RAM	BIT(1)	/* 0: RAM -> device */
#define   EDU_DMA_IRQ		BIT(2)	/* interrupt when done */
#define EDU_DMA_BUF		0x40000	/* device address of its buffer */
#define EDU_DMA_SIZE		4096
#define EDU_FACT_MAX		12	/* 13! does not fit 32 bits */
#define EDU_TIMEOUT		msecs_to_jiffies(2000)

static unsigned int dma_bits = 28;
module_param(dma_bits, uint, 0444);
MODULE_PARM_DESC(dma_bits, "DMA address bits the device decodes (QEMU's edu,dma_mask; default 28)");

struct edu {
	void __iomem *regs;
	struct mutex lock;		/* one operation at a time */
	struct completion fact_done;
	struct completion dma_done;
	void *buf;			/* DMA bounce buffer, EDU_DMA_SIZE */
	dma_addr_t buf_dma;
	struct miscdevice misc;
};

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu *edu = data;
	u32 status = readl(edu->regs + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edu->regs + EDU_IRQ_ACK);
	if (status & EDU_IRQ_FACT)
		complete(&edu->fact_done);
	if (status & EDU_IRQ_DMA)
		complete(&edu->dma_done);
	return IRQ_HANDLED;
}

/* Copy len bytes between our buffer and the device's, at offset pos. */
static int edu_dma(struct edu *edu, loff_t pos, size_t len, bool to_ram)
{
	dma_addr_t dev = EDU_DMA_BUF + pos;

	reinit_completion(&edu->dma_done);
	writeq(to_ram ? dev : edu->buf_dma, edu->regs + EDU_DMA_SRC);
	writeq(to_ram ? edu->buf_dma : dev, edu->regs + EDU_DMA_DST);
	writeq(len, edu->regs + EDU_DMA_COUNT);
	writeq(EDU_DMA_START | EDU_DMA_IRQ | (to_ram ? EDU_DMA_TO_RAM : 0),
	       edu->regs + EDU_DMA_CMD);
	if (!wait_for_completion_timeout(&edu->dma_done, EDU_TIMEOUT))
		return -ETIMEDOUT;
	return 0;
}

static struct edu *file_edu(struct file *file)
{
	return container_of(file->private_data, struct edu, misc);
}

static ssize_t edu_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	struct edu *edu = file_edu(file);
	int ret;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= EDU_DMA_SIZE)
		return 0;
	count = min_t(size_t, count, EDU_DMA_SIZE - *ppos);
	mutex_lock(&edu->lock);
	ret = edu_dma(edu, *ppos, count, true);
	if (!ret && copy_to_user(ubuf, edu->buf, count))
		ret = -EFAULT;
	mutex_unlock(&edu->lock);
	if (ret)
		return ret;
	*ppos += count;
	return count;
}

static ssize_t edu_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct edu *edu = file_edu(file);
	int ret = 0;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= EDU_DMA_SIZE)
		return -ENOSPC;
	count = min_t(size_t, count, EDU_DMA_SIZE - *ppos);
	mutex_lock(&edu->lock);
	if (copy_from_user(edu->buf, ubuf, count))
		ret = -EFAULT;
	else
		ret = edu_dma(edu, *ppos, count, false);
	mutex_unlock(&edu->lock);
	if (ret)
		return ret;
	*ppos += count;
	return count;
}

static const struct file_operations edu_fops = {
	.owner = THIS_MODULE,
	.read = edu_read,
	.write = edu_write,
	.llseek = default_llseek,
};

static struct edu *dev_edu(struct device *dev)
{
	struct miscdevice *misc = dev_get_drvdata(dev);

	return container_of(misc, struct edu, misc);
}

static ssize_t identity_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "0x%08x\n", readl(dev_edu(dev)->regs + EDU_ID));
}
static DEVICE_ATTR_RO(identity);

static ssize_t liveness_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "0x%08x\n",
			  readl(dev_edu(dev)->regs + EDU_LIVENESS));
}

static ssize_t liveness_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	u32 val;
	int ret = kstrtou32(buf, 0, &val);

	if (ret)
		return ret;
	writel(val, dev_edu(dev)->regs + EDU_LIVENESS);
	return count;
}
static DEVICE_ATTR_RW(liveness);

static ssize_t factorial_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  readl(dev_edu(dev)->regs + EDU_FACTORIAL));
}

/* Start n!, sleep until the device interrupts to say it is done. */
static ssize_t factorial_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct edu *edu = dev_edu(dev);
	u32 n;
	int ret = kstrtou32(buf, 0, &n);

	if (ret)
		return ret;
	if (n > EDU_FACT_MAX)
		return -ERANGE;
	mutex_lock(&edu->lock);
	reinit_completion(&edu->fact_done);
	writel(EDU_STATUS_IRQ_FACT, edu->regs + EDU_STATUS);
	writel(n, edu->regs + EDU_FACTORIAL);
	if (!wait_for_completion_timeout(&edu->fact_done, EDU_TIMEOUT))
		ret = -ETIMEDOUT;
	mutex_unlock(&edu->lock);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(factorial);

static struct attribute *edu_attrs[] = {
	&dev_attr_identity.attr,
	&dev_attr_liveness.attr,
	&dev_attr_factorial.attr,
	NULL
};
ATTRIBUTE_GROUPS(edu);

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct edu *edu;
	u32 ident;
	int ret, irq;

	edu = devm_kzalloc(dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	mutex_init(&edu->lock);
	init_completion(&edu->fact_done);
	init_completion(&edu->dma_done);

	/* pcim_*: undone automatically when probe fails or the driver goes. */
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	edu->regs = pcim_iomap_region(pdev, 0, KBUILD_MODNAME);
	if (IS_ERR(edu->regs))
		return PTR_ERR(edu->regs);
	ident = readl(edu->regs + EDU_ID);
	if ((ident & 0xffff) != 0xed)
		return -ENODEV;

	/* The device only decodes dma_bits address bits (28 by default). */
	if (dma_bits < 12 || dma_bits > 64)
		return -EINVAL;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(dma_bits));
	if (ret) {
		dev_err(dev, "no RAM reachable with %u DMA address bits (edu.dma_bits)\n",
			dma_bits);
		return ret;
	}
	pci_set_master(pdev);
	edu->buf = dmam_alloc_coherent(dev, EDU_DMA_SIZE, &edu->buf_dma,
				       GFP_KERNEL);
	if (!edu->buf)
		return -ENOMEM;

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (ret < 0)
		return ret;
	irq = pci_irq_vector(pdev, 0);
	ret = devm_request_irq(dev, irq, edu_irq, IRQF_SHARED, KBUILD_MODNAME,
			       edu);
	if (ret)
		return ret;

	edu->misc.minor = MISC_DYNAMIC_MINOR;
	edu->misc.name = KBUILD_MODNAME;
	edu->misc.fops = &edu_fops;
	edu->misc.groups = edu_groups;
	edu->misc.parent = dev;
	ret = misc_register(&edu->misc);
	if (ret)
		return ret;
	pci_set_drvdata(pdev, edu);
	dev_info(dev, "version %u.%u, irq %d%s\n", ident >> 24,
		 (ident >> 16) & 0xff, irq, pdev->msi_enabled ? " (MSI)" : "");
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	misc_deregister(&edu->misc);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = KBUILD_MODNAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};

static int __init edu_init(void)
{
	int ret;

	ret = pci_register_driver(&edu_driver);
	if (ret)
		return ret;
	pr_info("init\n");
	return 0;
}

static void __exit edu_exit(void)
{
	pci_unregister_driver(&edu_driver);
	pr_info("exit\n");
}

module_init(edu_init);
module_exit(edu_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("PCI driver for QEMU's edu device: MMIO, MSI, DMA");
