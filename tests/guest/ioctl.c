// SPDX-License-Identifier: GPL-2.0
/* ioctl: _IOR/_IOW/_IOWR on /dev/ioctl with the shared header, and the
 * errors: ENOTTY (unknown command), EFAULT (bad pointer), EINVAL (bad values). */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "ktap.h"
#include "fileio.h"
#include "../../modules/ioctl.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

int main(void)
{
	struct ioctl_cfg cfg;
	int fd;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe ioctl") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("ioctl: init"), "init message");
	fd = open_or_finish("/dev/ioctl", O_RDWR, "ioctl");

	memset(&cfg, 0xff, sizeof(cfg));
	ktap_ok(ioctl(fd, IOCTL_GET_CFG, &cfg) == 0 && cfg.rate == 10 && cfg.flags == 0,
		"_IOR GET_CFG returns the defaults (rate 10, flags 0)");

	cfg.rate = 100;
	cfg.flags = IOCTL_FLAG_ENABLE;
	ktap_ok(ioctl(fd, IOCTL_SET_CFG, &cfg) == 0, "_IOW SET_CFG rate 100, ENABLE");
	ktap_ok(dmesg_has("ioctl: set rate 100 flags 0x1"), "the module logged the new config");
	memset(&cfg, 0, sizeof(cfg));
	ktap_ok(ioctl(fd, IOCTL_GET_CFG, &cfg) == 0 && cfg.rate == 100 &&
		cfg.flags == IOCTL_FLAG_ENABLE, "GET_CFG reads it back");

	cfg.rate = 500;
	cfg.flags = IOCTL_FLAG_VERBOSE;
	ktap_ok(ioctl(fd, IOCTL_XCHG_CFG, &cfg) == 0 && cfg.rate == 100 &&
		cfg.flags == IOCTL_FLAG_ENABLE, "_IOWR XCHG_CFG sets 500 and returns the old 100");

	ktap_ok(FAILS(ioctl(fd, _IO(IOCTL_MAGIC, 99)), ENOTTY), "unknown command: ENOTTY");
	ktap_ok(FAILS(ioctl(fd, _IOR(IOCTL_MAGIC, 1, int), &cfg), ENOTTY),
		"right number, wrong size: ENOTTY");
	ktap_ok(FAILS(ioctl(fd, IOCTL_GET_CFG, NULL), EFAULT), "GET_CFG to NULL: EFAULT");
	ktap_ok(FAILS(ioctl(fd, IOCTL_SET_CFG, (void *)0xffffffff81000000UL), EFAULT),
		"SET_CFG from a kernel address: EFAULT");

	cfg.rate = 0;
	cfg.flags = 0;
	ktap_ok(FAILS(ioctl(fd, IOCTL_SET_CFG, &cfg), EINVAL), "rate 0: EINVAL");
	cfg.rate = IOCTL_RATE_MAX + 1;
	ktap_ok(FAILS(ioctl(fd, IOCTL_SET_CFG, &cfg), EINVAL), "rate 1001: EINVAL");
	cfg.rate = 1;
	cfg.flags = 0x80;
	ktap_ok(FAILS(ioctl(fd, IOCTL_XCHG_CFG, &cfg), EINVAL), "unknown flag: EINVAL");
	memset(&cfg, 0, sizeof(cfg));
	ioctl(fd, IOCTL_GET_CFG, &cfg);
	ktap_ok(cfg.rate == 500 && cfg.flags == IOCTL_FLAG_VERBOSE,
		"rejected values changed nothing (rate %u flags %#x)", cfg.rate, cfg.flags);
	close(fd);

	ktap_ok(sh("rmmod ioctl") == 0 && dmesg_has("ioctl: exit"), "unload, exit message");
	return ktap_finish();
}
