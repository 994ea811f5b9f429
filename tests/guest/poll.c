// SPDX-License-Identifier: GPL-2.0
/* poll: poll() and select() on /dev/poll wake up when the module's timer
 * makes it readable; reading clears the readiness. */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

/* volatile: the compiler must not see (and refuse) the NULL at build time */
static char *volatile null_buf;

int main(void)
{
	struct pollfd pfd;
	struct timeval tv;
	unsigned int t1 = 0, t2 = 0;
	char buf[32];
	fd_set rfds;
	ssize_t n;
	int fd, r;

	ktap_plan(16);
	ktap_ok(sh("modprobe poll period_ms=0 2>/dev/null") != 0 &&
		sh("grep -q '^poll ' /proc/modules") != 0, "period_ms=0 is refused at load");
	if (!ktap_ok(sh("modprobe poll period_ms=500") == 0, "load with period_ms=500"))
		return ktap_finish();
	ktap_ok(dmesg_has("poll: init: a tick every 500 ms"), "init message");
	fd = open("/dev/poll", O_RDONLY | O_NONBLOCK);
	if (!ktap_ok(fd >= 0, "open /dev/poll")) {
		sh("rmmod poll");
		return ktap_finish();
	}

	/* Wait for a tick (bounded: 5 s for a 500 ms period). */
	pfd.fd = fd;
	pfd.events = POLLIN;
	r = poll(&pfd, 1, 5000);
	ktap_ok(r == 1 && (pfd.revents & POLLIN), "poll() reports POLLIN after a tick");
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0)
		buf[n] = '\0';
	ktap_ok(n > 0 && sscanf(buf, "tick %u", &t1) == 1, "read returns \"tick N\"");
	ktap_ok(FAILS(read(fd, buf, sizeof(buf)), EAGAIN),
		"reading cleared it: O_NONBLOCK read gives EAGAIN");
	r = poll(&pfd, 1, 0);
	ktap_ok(r == 0, "poll() with timeout 0 right after: not readable (r=%d)", r);

	FD_ZERO(&rfds);
	FD_SET(fd, &rfds);
	tv.tv_sec = 5;
	tv.tv_usec = 0;
	r = select(fd + 1, &rfds, NULL, NULL, &tv);
	ktap_ok(r == 1 && FD_ISSET(fd, &rfds), "select() reports the fd readable at the next tick");
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0)
		buf[n] = '\0';
	r = n > 0 && sscanf(buf, "tick %u", &t2) == 1;
	ktap_ok(r && t2 > t1, "the next read has a later tick (%u > %u)", t2, t1);

	ktap_ok(poll(&pfd, 1, 5000) == 1, "readable again");
	ktap_ok(FAILS(read(fd, buf, 2), EINVAL), "a 2-byte buffer (under 16) is too short: EINVAL");
	ktap_ok(FAILS(read(fd, null_buf, sizeof(buf)), EFAULT), "read into NULL: EFAULT");
	close(fd);
	fd = open("/dev/poll", O_WRONLY);
	ktap_ok(fd >= 0 && FAILS(write(fd, "x", 1), EINVAL), "the device has no write: EINVAL");
	if (fd >= 0)
		close(fd);

	ktap_ok(sh("rmmod poll") == 0, "unload");
	ktap_ok(dmesg_has("poll: exit after [0-9]+ ticks"), "exit message");
	return ktap_finish();
}
