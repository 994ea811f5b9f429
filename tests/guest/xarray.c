// SPDX-License-Identifier: GPL-2.0
/*
 * xarray: ids allocated by xa_alloc from 1, looked up, erased and reused
 * through /proc/xarray; EBUSY when ids 1..8 are taken, ENOENT for an id
 * with nothing stored.
 */
#include <fcntl.h>
#include <unistd.h>

#include "ktap.h"

#define P "/proc/xarray"

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
	const char *full = "1 alpha\n2 epsilon\n3 gamma\n4 delta\n5 f\n6 g\n7 h\n8 i";

	ktap_plan(20);
	if (!ktap_ok(sh("modprobe xarray") == 0, "modprobe xarray"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] xarray: init$"), "init message");
	cmd("add alpha"), cmd("add beta"), cmd("add gamma"), cmd("add delta");
	check_cat("1 alpha\n2 beta\n3 gamma\n4 delta", "ids are allocated from 1, in order");
	ktap_ok(dmesg_has("xarray: add 3 = gamma$"), "add logs the new id");
	check_err(0, "get 2", "get 2 succeeds");
	ktap_ok(dmesg_has("xarray: get 2 = beta$"), "get logs the text at id 2");
	check_err(0, "del 2", "del 2 succeeds");
	check_err(ENOENT, "get 2", "get 2 after del: ENOENT");
	check_err(ENOENT, "del 2", "del 2 again: ENOENT");
	check_err(ENOENT, "get 1000", "get of an id never allocated: ENOENT");
	cmd("add epsilon");
	ktap_ok(dmesg_has("xarray: add 2 = epsilon$"), "the lowest free id (2) is reused");
	cmd("add f"), cmd("add g"), cmd("add h"), cmd("add i");
	check_cat(full, "ids 1..8 all taken");
	check_err(EBUSY, "add overflow", "add when full: EBUSY");
	check_err(EINVAL, "add", "add without text: EINVAL");
	check_err(EINVAL, "get two", "bad id: EINVAL");
	check_err(EINVAL, "put 1", "unknown command: EINVAL");
	check_err(EINVAL, "add 0123456789012345678901234567890123", "text over 31 chars: EINVAL");
	ktap_ok(put(bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(full, "refused commands changed nothing");
	ktap_ok(sh("rmmod xarray") == 0 && dmesg_has("^\\[.*\\] xarray: exit, freed 8 entries$"),
		"rmmod xarray: exit frees the 8 entries");
	return ktap_finish();
}
