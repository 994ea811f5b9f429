/* SPDX-License-Identifier: GPL-2.0 */
/*
 * anon_inode.h: the ioctl of /dev/anon_inode, shared by the module and its
 * test. ANON_INODE_NEW takes O_CLOEXEC or 0 as its argument and returns a
 * new file descriptor (the ioctl's return value), or -1 with errno.
 */
#ifndef LKMP_ANON_INODE_H
#define LKMP_ANON_INODE_H

#include <linux/ioctl.h>

#define ANON_INODE_NEW		_IO(0xE7, 0x10)

#endif
