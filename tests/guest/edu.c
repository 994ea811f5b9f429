// SPDX-License-Identifier: GPL-2.0
/* edu: registers, factorial by interrupt and DMA round trip on QEMU's edu. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ktap.h"
#include "fileio.h"

#define SYS "/sys/class/misc/edu/"
#define BUF_SIZE 4096

/* An unmapped address, hidden from the compiler's bounds checks. */
static void *volatile bad_ptr = (void *)8;

/* Write a string to a sysfs file: 0 or -errno. */
static int store(const char *file, const char *val)
{
	ssize_t ret = write_file(file, val, strlen(val));

	return ret < 0 ? ret : 0;
}

/* Interrupts counted for edu in /proc/interrupts (1 CPU), -1 if absent. */
static long irq_count(void)
{
	char line[256];
	long n = -1;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " edu\n"))
			sscanf(strchr(line, ':') + 1, "%ld", &n);
	fclose(f);
	return n;
}

int main(void)
{
	static unsigned char out[BUF_SIZE], in[BUF_SIZE];
	long irqs;
	int fd, i, ret;

	/* A board whose PCI has no MSI cannot have the device (arch/mips64.conf). */
	if (sh("grep -qx 0x11e8 /sys/bus/pci/devices/*/device") != 0)
		ktap_skip_all("no edu device on this board's PCI bus (QEMU_DEVICES in arch/ARCH.conf)");
	ktap_plan(23);
	if (!ktap_ok(sh("modprobe edu") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("edu: init$"), "init message");
	ktap_ok(dmesg_has("edu [0-9a-f:.]+: version 1\\.0, irq [0-9]+"), "probe found version 1.0");

	ktap_ok(read_num(SYS "identity", 0) == 0x010000ed, "identity is 0x010000ed");
	ktap_ok(store(SYS "identity", "0") == -EACCES, "identity is read-only (EACCES)");

	store(SYS "liveness", "0x12345678");
	ktap_ok(read_num(SYS "liveness", 0) == 0xedcba987, "liveness inverts 0x12345678");
	store(SYS "liveness", "0");
	ktap_ok(read_num(SYS "liveness", 0) == 0xffffffff, "liveness inverts 0");
	ktap_ok(store(SYS "liveness", "xyz") == -EINVAL, "liveness refuses text (EINVAL)");

	irqs = irq_count();
	ktap_ok(store(SYS "factorial", "5") == 0 && read_num(SYS "factorial", 0) == 120, "5! = 120");
	ktap_ok(store(SYS "factorial", "10") == 0 && read_num(SYS "factorial", 0) == 3628800,
		"10! = 3628800");
	ktap_ok(irqs >= 0 && irq_count() >= irqs + 2, "each factorial ended with an interrupt");
	ktap_ok(store(SYS "factorial", "13") == -ERANGE, "13! does not fit: ERANGE");
	ktap_ok(store(SYS "factorial", "five") == -EINVAL, "factorial refuses text (EINVAL)");

	fd = open("/dev/edu", O_RDWR);
	ktap_ok(fd >= 0, "open /dev/edu");
	for (i = 0; i < BUF_SIZE; i++)
		out[i] = (unsigned char)(i * 7 + 3);
	ret = pwrite(fd, out, BUF_SIZE, 0) == BUF_SIZE && pread(fd, in, BUF_SIZE, 0) == BUF_SIZE;
	ktap_ok(ret && !memcmp(out, in, BUF_SIZE), "DMA round trip of 4096 bytes");
	ret = pwrite(fd, "lkmp", 4, 100) == 4 && pread(fd, in, 8, 98) == 8;
	ktap_ok(ret && !memcmp(in, "\xb1\xb8lkmp\xdb\xe2", 8),
		"4 bytes at offset 100, the rest untouched");
	ktap_ok(pwrite(fd, "x", 1, BUF_SIZE) == -1 && errno == ENOSPC,
		"a write past the buffer fails with ENOSPC");
	ktap_ok(pread(fd, in, 1, BUF_SIZE) == 0, "a read past the buffer is end of file");
	ktap_ok(pwrite(fd, bad_ptr, 16, 0) == -1 && errno == EFAULT,
		"a write from a bad pointer fails with EFAULT");
	ktap_ok(pread(fd, bad_ptr, 16, 0) == -1 && errno == EFAULT,
		"a read to a bad pointer fails with EFAULT");
	ktap_ok(ioctl(fd, 0x1234, 0) == -1 && errno == ENOTTY, "an ioctl fails with ENOTTY");
	close(fd);

	ktap_ok(sh("rmmod edu") == 0, "unload");
	ktap_ok(dmesg_has("edu: exit$") && access("/dev/edu", F_OK) != 0,
		"exit message, /dev/edu is gone");
	return ktap_finish();
}
