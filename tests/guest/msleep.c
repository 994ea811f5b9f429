// SPDX-License-Identifier: GPL-2.0
/*
 * msleep: a signal cuts the interruptible sleep short (EINTR) but not the
 * uninterruptible msleep, which completes; usleep_range works; bad requests
 * get their error codes.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "ktap.h"

#define SLEEP_FILE "/sys/kernel/debug/msleep/sleep"

static volatile sig_atomic_t got_alarm;

static void on_alarm(int sig)
{
	(void)sig;
	got_alarm = 1;
}

/* Arm a one-shot SIGALRM in ms milliseconds. */
static void alarm_ms(int ms)
{
	struct itimerval it = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };

	got_alarm = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Write a request; return 0 on success or the errno. */
static int request(int fd, const char *s)
{
	return write(fd, s, strlen(s)) == (ssize_t)strlen(s) ? 0 : errno;
}

static int check_err(int fd, const char *req, int want)
{
	int err = request(fd, req);

	return ktap_ok(err == want, "\"%s\" -> %s (got %s)", req, strerror(want),
		       strerror(err));
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	void *volatile bad = (void *)8;	/* hidden from the compiler's checks */
	char c;
	int fd, err;

	ktap_plan(17);
	sigaction(SIGALRM, &sa, NULL);
	ktap_ok(sh("modprobe msleep") == 0, "modprobe msleep");
	ktap_ok(dmesg_has("msleep: init$"), "init message");
	fd = open(SLEEP_FILE, O_RDWR);
	if (!ktap_ok(fd >= 0, "open %s", SLEEP_FILE))
		return sh("rmmod msleep"), 1;

	alarm_ms(200);
	err = request(fd, "interruptible 5000");
	ktap_ok(err == EINTR && got_alarm, "a signal cuts the interruptible sleep short: %s",
		strerror(err));
	ktap_ok(dmesg_has("msleep: interruptible sleep cut short by a signal, [0-9]+ ms left$"),
		"the module logged it");

	alarm_ms(100);
	err = request(fd, "msleep 500");
	ktap_ok(err == 0 && got_alarm, "msleep 500 completes despite the signal (%s)",
		strerror(err));
	ktap_ok(dmesg_has("msleep: msleep 500 done, signal pending: 1$"),
		"the signal was pending when it woke");

	ktap_ok(request(fd, "usleep 2000") == 0, "usleep 2000 completes");
	ktap_ok(dmesg_has("msleep: usleep 2000 done, signal pending: 0$"), "logged");
	ktap_ok(request(fd, "interruptible 50") == 0, "interruptible 50 completes with no signal");

	check_err(fd, "nap 10", EINVAL);
	check_err(fd, "msleep", EINVAL);
	check_err(fd, "msleep 0", ERANGE);
	check_err(fd, "usleep 50000", ERANGE);
	errno = 0;
	ktap_ok(write(fd, bad, 10) < 0 && errno == EFAULT, "bad pointer -> EFAULT (got %s)",
		strerror(errno));
	errno = 0;
	ktap_ok(read(fd, &c, 1) < 0 && errno == EINVAL, "read -> EINVAL (got %s)", strerror(errno));
	close(fd);

	ktap_ok(sh("rmmod msleep") == 0 && dmesg_has("msleep: exit$"), "rmmod msleep, exit message");
	return ktap_finish();
}
