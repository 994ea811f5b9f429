// SPDX-License-Identifier: GPL-2.0
/* fasync: with F_SETOWN and O_ASYNC on /dev/fasync, a write by anyone sends
 * us SIGIO (or the F_SETSIG signal with POLL_IN and the fd in its siginfo);
 * without O_ASYNC, nothing. kill_fasync runs inside write(), so the signal is
 * already pending when write() returns: no waiting needed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

static int pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

/* Consume a pending SIG (timeout 0: it must already be there). */
static int take(int sig, siginfo_t *info)
{
	struct timespec zero = { 0, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, info, &zero) == sig;
}

int main(void)
{
	siginfo_t info;
	sigset_t block;
	char buf[128];
	int fd, w;

	ktap_plan(18);
	if (!ktap_ok(sh("modprobe fasync") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("fasync: init"), "init message");
	fd = open("/dev/fasync", O_RDONLY);
	w = open("/dev/fasync", O_WRONLY);
	if (!ktap_ok(fd >= 0 && w >= 0, "open /dev/fasync for reading and for writing")) {
		sh("rmmod fasync");
		return ktap_finish();
	}
	/* Blocked signals stay pending, so we can look at them. */
	sigemptyset(&block);
	sigaddset(&block, SIGIO);
	sigaddset(&block, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &block, NULL);

	ktap_ok(write(w, "early", 5) == 5 && !pending(SIGIO), "no SIGIO before O_ASYNC");
	ktap_ok(read(fd, buf, sizeof(buf)) == 5, "read consumes that message");

	ktap_ok(fcntl(fd, F_SETOWN, getpid()) == 0 &&
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC) == 0, "F_SETOWN + O_ASYNC");
	ktap_ok(dmesg_has("fasync: O_ASYNC on"), "the driver's fasync op ran (on)");
	ktap_ok(write(w, "data", 4) == 4 && pending(SIGIO), "a write makes SIGIO pending");
	ktap_ok(take(SIGIO, &info), "SIGIO delivered");
	ktap_ok(read(fd, buf, sizeof(buf)) == 4 && !memcmp(buf, "data", 4), "read gets the data");
	ktap_ok(FAILS(read(fd, buf, sizeof(buf)), EAGAIN), "then nothing left: EAGAIN");

	ktap_ok(fcntl(fd, F_SETSIG, SIGRTMIN) == 0 && write(w, "rt", 2) == 2 &&
		take(SIGRTMIN, &info), "with F_SETSIG the write sends SIGRTMIN");
	ktap_ok(info.si_code == POLL_IN && info.si_fd == fd,
		"its siginfo says POLL_IN on our fd (si_code %d, si_fd %d)", info.si_code,
		info.si_fd);

	ktap_ok(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_ASYNC) == 0 &&
		dmesg_has("fasync: O_ASYNC off"), "clearing O_ASYNC calls fasync (off)");
	ktap_ok(write(w, "late", 4) == 4 && !pending(SIGIO) && !pending(SIGRTMIN),
		"then a write sends no signal");
	memset(buf, 'x', sizeof(buf));
	ktap_ok(FAILS(write(w, buf, 65), EINVAL), "a 65-byte write (limit 64): EINVAL");
	close(fd);
	close(w);

	ktap_ok(sh("rmmod fasync") == 0, "unload");
	ktap_ok(dmesg_has("fasync: exit"), "exit message");
	return ktap_finish();
}
