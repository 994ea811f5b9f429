/* SPDX-License-Identifier: GPL-2.0 */
/*
 * copy_user.h: the ioctls of /dev/copy_user, shared by the module and its
 * test. Both move a single int with get_user()/put_user().
 */
#ifndef LKMP_COPY_USER_H
#define LKMP_COPY_USER_H

#include <linux/ioctl.h>

#define COPY_USER_MAX		64	/* bytes the device holds */
/* Get the length of the stored message (put_user). */
#define COPY_USER_GET_LEN	_IOR(0xE7, 0x20, int)
/* Truncate the message to a length 0..current (get_user); more: EINVAL. */
#define COPY_USER_SET_LEN	_IOW(0xE7, 0x21, int)

#endif
