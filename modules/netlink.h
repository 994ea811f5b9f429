/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netlink.h: the protocol of the netlink example, shared by the module and
 * its test. A request is a netlink message of type NETLINK_LKMP_ECHO with
 * NLM_F_REQUEST and 1..NETLINK_LKMP_MAX bytes of payload; the reply has the
 * same type and sequence number and the payload in upper case.
 */
#ifndef LKMP_NETLINK_H
#define LKMP_NETLINK_H

/*
 * A protocol number the kernel does not use (include/uapi/linux/netlink.h
 * stops at 22; MAX_LINKS is 32).
 */
#define NETLINK_LKMP		31

#define NETLINK_LKMP_ECHO	0x10	/* types below 0x10 are netlink's own */
#define NETLINK_LKMP_MAX	256	/* largest payload */

#endif
