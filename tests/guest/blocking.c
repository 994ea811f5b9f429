// SPDX-License-Identifier: GPL-2.0
/* blocking: a read on /dev/blocking sleeps until a forked writer writes;
 * O_NONBLOCK gives EAGAIN; a signal interrupts the sleep (EINTR), or the
 * read restarts transparently when the handler has SA_RESTART. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

static volatile sig_atomic_t signals;
static int sigpipe[2];		/* the handler tells the child it ran */

static void on_usr1(int sig)
{
	(void)sig;
	signals++;
	if (write(sigpipe[1], "s", 1) < 0)
		signals += 100;
}

/* Bounded poll (5 s) until PID sleeps in the driver's read. */
static int wait_blocked(pid_t pid)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char path[64], wchan[64];
	int i, n, fd;

	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	for (i = 0; i < 500; i++) {
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? read(fd, wchan, sizeof(wchan) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 0) {
			wchan[n] = '\0';
			if (!strcmp(wchan, "blocking_read"))
				return 1;
		}
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* Fork a child that waits for us to block, then does what it is told:
 * write MSG to the device, or send SIGUSR1 (and, with MSG, write it once we
 * handled the signal and blocked again). */
static pid_t helper(int sig, const char *msg)
{
	pid_t parent = getpid(), pid = fork();
	int ok, fd;
	char c;

	if (pid)
		return pid;
	ok = wait_blocked(parent);
	if (sig) {
		struct pollfd p = { .fd = sigpipe[0], .events = POLLIN };

		kill(parent, sig);
		if (!msg)
			_exit(!ok);
		ok = ok && poll(&p, 1, 5000) == 1 && read(sigpipe[0], &c, 1) == 1;
		ok = ok && wait_blocked(parent);
	}
	fd = open("/dev/blocking", O_WRONLY);
	ok = ok && fd >= 0 && write(fd, msg, strlen(msg)) == (ssize_t)strlen(msg);
	_exit(!ok);
}

static int reaped_ok(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	char buf[128];
	ssize_t n;
	pid_t pid;
	int fd;

	ktap_plan(15);
	if (!ktap_ok(sh("modprobe blocking") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("blocking: init"), "init message");
	fd = open("/dev/blocking", O_RDWR | O_NONBLOCK);
	if (!ktap_ok(fd >= 0, "open /dev/blocking") || pipe(sigpipe)) {
		sh("rmmod blocking");
		return ktap_finish();
	}
	ktap_ok(FAILS(read(fd, buf, sizeof(buf)), EAGAIN), "O_NONBLOCK read when empty: EAGAIN");
	memset(buf, 'x', sizeof(buf));
	ktap_ok(FAILS(write(fd, buf, 65), EINVAL), "a 65-byte write (limit 64): EINVAL");
	fcntl(fd, F_SETFL, 0);		/* blocking from now on */

	pid = helper(0, "hello");
	n = read(fd, buf, sizeof(buf));
	ktap_ok(n == 5 && !memcmp(buf, "hello", 5), "read blocked until the writer wrote \"hello\"");
	ktap_ok(reaped_ok(pid), "the writer saw us blocked in blocking_read (wchan)");

	sigaction(SIGUSR1, &sa, NULL);		/* no SA_RESTART */
	pid = helper(SIGUSR1, NULL);
	ktap_ok(FAILS(read(fd, buf, sizeof(buf)), EINTR), "a signal interrupts the read: EINTR");
	ktap_ok(signals == 1, "the handler ran once");
	ktap_ok(reaped_ok(pid), "the signaller saw us blocked");
	if (read(sigpipe[0], buf, 1) != 1)	/* drain the handler's byte */
		ktap_diag("no byte from the handler");

	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	pid = helper(SIGUSR1, "again");
	n = read(fd, buf, sizeof(buf));
	ktap_ok(n == 5 && !memcmp(buf, "again", 5) && signals == 2,
		"with SA_RESTART the read restarts after the handler and gets \"again\"");
	ktap_ok(reaped_ok(pid), "the helper saw us block again after the signal");
	ktap_ok(sh("test $(dmesg | grep -c 'blocking: read interrupted by a signal') = 2") == 0,
		"the driver saw two interruptions (-ERESTARTSYS)");
	close(fd);
	close(sigpipe[0]);
	close(sigpipe[1]);

	ktap_ok(sh("rmmod blocking") == 0, "unload");
	ktap_ok(dmesg_has("blocking: exit"), "exit message");
	return ktap_finish();
}
