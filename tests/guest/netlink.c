// SPDX-License-Identifier: GPL-2.0
/* netlink: send messages to the kernel on protocol NETLINK_LKMP, get the
 * echo back upper-cased; wrong messages get NLMSG_ERROR with an errno. */
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>
#include "ktap.h"
#include "../../modules/netlink.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

static struct {
	struct nlmsghdr h;
	char data[512];
} req, rsp;

/* Send TYPE with LEN bytes of TEXT, sequence SEQ, to the kernel (port 0). */
static int send_msg(int s, int type, const char *text, int len, int seq, int flags)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(len);
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | flags;
	req.h.nlmsg_seq = seq;
	memcpy(req.data, text, len);
	return sendto(s, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel,
		      sizeof(kernel)) == (ssize_t)req.h.nlmsg_len;
}

/* Receive one message into rsp; its payload length, or -1. */
static int recv_msg(int s)
{
	ssize_t n = recv(s, &rsp, sizeof(rsp), 0);

	if (n < (ssize_t)NLMSG_HDRLEN || !NLMSG_OK(&rsp.h, (size_t)n))
		return -1;
	return rsp.h.nlmsg_len - NLMSG_HDRLEN;
}

/* Receive an NLMSG_ERROR for SEQ and return its error (0 = ack), or 1. */
static int recv_err(int s, int seq)
{
	struct nlmsgerr *e = NLMSG_DATA(&rsp.h);

	if (recv_msg(s) < (int)sizeof(*e) || rsp.h.nlmsg_type != NLMSG_ERROR ||
	    (int)rsp.h.nlmsg_seq != seq)
		return 1;
	return e->error;
}

int main(void)
{
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 5 };
	char big[NETLINK_LKMP_MAX + 1];
	int s, n;

	ktap_plan(14);
	s = socket(AF_NETLINK, SOCK_RAW, NETLINK_LKMP);
	ktap_ok(s < 0 && errno == EPROTONOSUPPORT, "before loading: EPROTONOSUPPORT");
	if (s >= 0)
		close(s);
	if (!ktap_ok(sh("modprobe netlink") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("netlink: init: protocol 31"), "init message");
	s = socket(AF_NETLINK, SOCK_RAW, NETLINK_LKMP);
	if (!ktap_ok(s >= 0 && bind(s, (struct sockaddr *)&me, sizeof(me)) == 0,
		     "socket and bind (the kernel picks our port id)")) {
		sh("rmmod netlink");
		return ktap_finish();
	}
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));	/* no hang */

	n = send_msg(s, NETLINK_LKMP_ECHO, "hello, netlink!", 15, 1, 0) ? recv_msg(s) : -1;
	ktap_ok(n == 15 && !memcmp(rsp.data, "HELLO, NETLINK!", 15),
		"\"hello, netlink!\" comes back as \"HELLO, NETLINK!\"");
	ktap_ok(rsp.h.nlmsg_type == NETLINK_LKMP_ECHO && rsp.h.nlmsg_seq == 1 &&
		rsp.h.nlmsg_pid == 0, "reply: our type, our sequence number, from port 0");
	ktap_ok(dmesg_has("netlink: echo 15 bytes to port [0-9]+"), "the module logged the echo");

	n = send_msg(s, NETLINK_LKMP_ECHO, "ack me", 6, 2, NLM_F_ACK) ? recv_msg(s) : -1;
	ktap_ok(n == 6 && !memcmp(rsp.data, "ACK ME", 6) && recv_err(s, 2) == 0,
		"with NLM_F_ACK: the echo, then an ack (error 0)");

	ktap_ok(send_msg(s, NETLINK_LKMP_ECHO + 1, "x", 1, 3, 0) &&
		recv_err(s, 3) == -EOPNOTSUPP, "unknown type: NLMSG_ERROR -EOPNOTSUPP");
	ktap_ok(send_msg(s, NETLINK_LKMP_ECHO, "", 0, 4, 0) && recv_err(s, 4) == -EINVAL,
		"empty payload: NLMSG_ERROR -EINVAL");
	memset(big, 'a', sizeof(big));
	ktap_ok(send_msg(s, NETLINK_LKMP_ECHO, big, sizeof(big), 5, 0) &&
		recv_err(s, 5) == -EMSGSIZE, "257-byte payload: NLMSG_ERROR -EMSGSIZE");
	ktap_ok(FAILS(recv(s, &rsp, sizeof(rsp), MSG_DONTWAIT), EAGAIN), "nothing else was sent");
	close(s);

	ktap_ok(sh("rmmod netlink") == 0, "unload");
	ktap_ok(dmesg_has("netlink: exit"), "exit message");
	return ktap_finish();
}
