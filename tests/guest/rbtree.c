// SPDX-License-Identifier: GPL-2.0
/*
 * rbtree: insert/erase/find through /proc/rbtree; the in-order dump is
 * sorted whatever the insertion order; refused commands return the exact
 * errno and change nothing.
 */
#include <fcntl.h>
#include <unistd.h>

#include "ktap.h"

#define P "/proc/rbtree"

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
	const char *left = "-9 -8 -7 -6 -5 -4 -3 -2 -1 1 2 3 5 6 7 8";
	char c[32];
	int i;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe rbtree") == 0, "modprobe rbtree"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] rbtree: init$"), "init message");
	/* 20 keys in a scrambled order: (i * 7) mod 20, minus 10 */
	for (i = 0; i < 20; i++) {
		snprintf(c, sizeof(c), "insert %d", i * 7 % 20 - 10);
		cmd(c);
	}
	check_cat("-10 -9 -8 -7 -6 -5 -4 -3 -2 -1 0 1 2 3 4 5 6 7 8 9",
		  "in-order dump is sorted");
	check_err(EEXIST, "insert 3", "duplicate insert: EEXIST");
	check_err(0, "find 3", "find an existing key succeeds");
	check_err(ENOENT, "find 100", "find a missing key: ENOENT");
	cmd("erase -10"), cmd("erase 0"), cmd("erase 9"), cmd("erase 4");
	check_cat(left, "erase removes keys, order kept");
	check_err(ENOENT, "erase 0", "erase a missing key: ENOENT");
	check_err(ENOENT, "find 4", "find an erased key: ENOENT");
	check_err(EINVAL, "delete 1", "unknown command: EINVAL");
	check_err(EINVAL, "insert", "missing key: EINVAL");
	check_err(EINVAL, "insert five", "bad key: EINVAL");
	check_err(EINVAL, "insert 99999999999", "key out of int range: EINVAL");
	ktap_ok(put(bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(left, "refused commands changed nothing");
	ktap_ok(sh("rmmod rbtree") == 0, "rmmod rbtree");
	ktap_ok(dmesg_has("^\\[.*\\] rbtree: exit, freed 16 nodes$"), "exit frees the 16 nodes left");
	return ktap_finish();
}
