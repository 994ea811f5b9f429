// SPDX-License-Identifier: GPL-2.0
/*
 * netlink: a kernel netlink socket that answers userland messages.
 * netlink_kernel_create() registers protocol NETLINK_LKMP (31) in the initial
 * network namespace; a process opens socket(AF_NETLINK, SOCK_RAW, 31) and
 * sends to port 0 (the kernel). Each message reaches our input function in
 * the sender's context; netlink_rcv_skb() walks the messages and calls the
 * handler, which sends the payload back upper-cased with nlmsg_unicast() to
 * the sender's port id. A handler error becomes an NLMSG_ERROR reply:
 * unknown type -> EOPNOTSUPP, empty payload -> EINVAL, over 256 bytes ->
 * EMSGSIZE. Before the module is loaded, socket() fails: EPROTONOSUPPORT.
 *
 * Guest:  /test/netlink.out      -> loads it, sends "hello, netlink!", gets it upper-cased
 *         dmesg | grep netlink   -> "netlink: echo 15 bytes to port <pid>"
 * Test:   /test/netlink.out (tests/guest/netlink.c)
 * Needs:  CONFIG_NET
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/printk.h>
#include <net/net_namespace.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "netlink.h"

static struct sock *nl_sk;

static int nl_echo(struct sk_buff *skb, struct nlmsghdr *nlh,
		   struct netlink_ext_ack *extack)
{
	u32 portid = NETLINK_CB(skb).portid;	/* the sender */
	int i, len = nlmsg_len(nlh);		/* payload bytes */
	const char *in = nlmsg_data(nlh);
	struct nlmsghdr *rnlh;
	struct sk_buff *reply;
	char *out;

	if (nlh->nlmsg_type != NETLINK_LKMP_ECHO) {
		NL_SET_ERR_MSG(extack, "unknown message type");
		return -EOPNOTSUPP;
	}
	if (len <= 0) {
		NL_SET_ERR_MSG(extack, "empty message");
		return -EINVAL;
	}
	if (len > NETLINK_LKMP_MAX) {
		NL_SET_ERR_MSG(extack, "message too long");
		return -EMSGSIZE;
	}

	reply = nlmsg_new(len, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	rnlh = nlmsg_put(reply, 0, nlh->nlmsg_seq, NETLINK_LKMP_ECHO, len, 0);
	if (!rnlh) {
		nlmsg_free(reply);
		return -EMSGSIZE;
	}
	out = nlmsg_data(rnlh);
	for (i = 0; i < len; i++)
		out[i] = toupper(in[i]);

	pr_info("echo %d bytes to port %u\n", len, portid);
	/* Consumes reply, even on error. */
	return nlmsg_unicast(nl_sk, reply, portid);
}

/* Called for each skb a process sends to us: it may hold several messages. */
static void nl_input(struct sk_buff *skb)
{
	netlink_rcv_skb(skb, nl_echo);
}

static int __init nl_init(void)
{
	struct netlink_kernel_cfg cfg = {
		.input = nl_input,
	};

	nl_sk = netlink_kernel_create(&init_net, NETLINK_LKMP, &cfg);
	if (!nl_sk)
		return -EBUSY;	/* protocol taken (or out of memory) */
	pr_info("init: protocol %d\n", NETLINK_LKMP);
	return 0;
}

static void __exit nl_exit(void)
{
	netlink_kernel_release(nl_sk);
	pr_info("exit\n");
}

module_init(nl_init);
module_exit(nl_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lkmp");
MODULE_DESCRIPTION("A netlink protocol that echoes messages back upper-cased");
