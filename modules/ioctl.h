/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioctl.h: the interface of /dev/ioctl, shared by the module (ioctl.c) and
 * its test (tests/guest/ioctl.c). Only fixed-size __u32-style types, so the
 * layout is the same for the kernel and for 32- and 64-bit userland.
 */
#ifndef LKMP_IOCTL_H
#define LKMP_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct ioctl_cfg {
	__u32 rate;		/* IOCTL_RATE_MIN..IOCTL_RATE_MAX */
	__u32 flags;		/* IOCTL_FLAG_* only */
};

#define IOCTL_RATE_MIN		1
#define IOCTL_RATE_MAX		1000
#define IOCTL_FLAG_ENABLE	0x1
#define IOCTL_FLAG_VERBOSE	0x2
#define IOCTL_FLAGS_ALL		(IOCTL_FLAG_ENABLE | IOCTL_FLAG_VERBOSE)

/* 0xE7 is not listed in Documentation/userspace-api/ioctl/ioctl-number.rst */
#define IOCTL_MAGIC		0xE7
/* Read the configuration (kernel -> user). */
#define IOCTL_GET_CFG		_IOR(IOCTL_MAGIC, 1, struct ioctl_cfg)
/* Set it (user -> kernel), after validation. */
#define IOCTL_SET_CFG		_IOW(IOCTL_MAGIC, 2, struct ioctl_cfg)
/* Set a new one and get the old one back, in the same struct (both ways). */
#define IOCTL_XCHG_CFG		_IOWR(IOCTL_MAGIC, 3, struct ioctl_cfg)

#endif
