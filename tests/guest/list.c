// SPDX-License-Identifier: GPL-2.0
/*
 * list: list_head operations driven through /proc/list, read back in order;
 * refused commands return the exact errno and change nothing.
 */
#include <fcntl.h>
#include <unistd.h>

#include "ktap.h"

#define P "/proc/list"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

/* Write s to P in one write(): 0 if all of it was taken, else the errno. */
static int put(const void *s, size_t len)
{
	int fd = open(P, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, s, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

static int cmd(const char *s)
{
	errno = 0;
	return put(s, strlen(s));
}

/* P's whole content, without its final newline. */
static const char *cat(void)
{
	static char buf[4096];
	ssize_t n = 0, r;
	int fd = open(P, O_RDONLY);

	if (fd < 0)
		return "(open failed)";
	while ((r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

static void check_cat(const char *want, const char *desc)
{
	const char *got = cat();

	if (!ktap_ok(!strcmp(got, want), "%s", desc))
		ktap_diag("expected '%s', got '%s'", want, got);
}

static void check_err(int want, const char *c, const char *desc)
{
	int err = cmd(c);

	if (!ktap_ok(err == want, "%s", desc))
		ktap_diag("'%s': expected %s, got %s", c, strerror(want), strerror(err));
}

int main(void)
{
	ktap_plan(19);
	if (!ktap_ok(sh("modprobe list") == 0, "modprobe list"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] list: init$"), "init message");
	check_cat("", "starts empty");
	cmd("tail 3"), cmd("tail 1"), cmd("add 2"), cmd("tail 5"), cmd("add 4");
	check_cat("4 2 3 1 5", "add puts at the head, tail at the tail");
	check_err(0, "del 3", "del 3 succeeds");
	check_cat("4 2 1 5", "del removes the entry");
	cmd("front 5");
	check_cat("5 4 2 1", "front (list_move) moves 5 to the head");
	cmd("tail 2"), cmd("add -7"), cmd("sort\n");
	check_cat("-7 1 2 2 4 5", "sort is ascending");
	check_err(ENOENT, "del 42", "del of a missing value: ENOENT");
	check_err(ENOENT, "front 42", "front of a missing value: ENOENT");
	check_err(EINVAL, "push 1", "unknown command: EINVAL");
	check_err(EINVAL, "add 1x", "bad number: EINVAL");
	check_err(EINVAL, "add", "missing number: EINVAL");
	check_err(EINVAL, "add 11111111111111111111111111111111111", "too long a write: EINVAL");
	ktap_ok(put(bad, 6) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat("-7 1 2 2 4 5", "refused commands changed nothing");
	cmd("clear"), cmd("tail 8"), cmd("tail 9");
	check_cat("8 9", "clear empties it");
	ktap_ok(sh("rmmod list") == 0, "rmmod list");
	ktap_ok(dmesg_has("^\\[.*\\] list: exit, freed 2 entries$"), "exit frees the 2 entries left");
	return ktap_finish();
}
