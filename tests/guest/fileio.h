/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fileio.h: a C guest test's file helpers, each on a path given as the first
 * argument (a /proc, /sys or /dev file a module made).
 *
 *	#define P "/proc/x"
 *	cmd(P, "add 3");			// one write(); 0 or the errno
 *	check_err(P, EINVAL, "add", "missing value: EINVAL");
 *	check_cat(P, "3", "read back");	// whole file, final newline dropped
 *	fd = open_or_finish("/dev/x", O_RDWR, "x");
 */
#ifndef LKMP_FILEIO_H
#define LKMP_FILEIO_H

#include <fcntl.h>
#include <unistd.h>

#include "ktap.h"

/* Write len bytes of buf to path in one write(): write()'s result, or -errno. */
static inline ssize_t write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY);
	ssize_t ret;

	if (fd < 0)
		return -errno;
	ret = write(fd, buf, len);
	if (ret < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* Write s to path in one write(): 0 if all of it was taken, else the errno. */
static inline int put(const char *path, const void *s, size_t len)
{
	ssize_t ret = write_file(path, s, len);

	if (ret < 0)
		return -ret;
	if (ret != (ssize_t)len)
		return errno ? errno : EIO;
	return 0;
}

/* Write the string s to path as one command: 0 if all of it was taken, else the errno. */
static inline int cmd(const char *path, const char *s)
{
	errno = 0;
	return put(path, s, strlen(s));
}

/* path's whole content (up to 4095 bytes) without its final newline; a static buffer. */
static inline const char *cat(const char *path)
{
	static char buf[4096];
	ssize_t n = 0, r;
	int fd = open(path, O_RDONLY);

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

/* Test desc: cat(path) is exactly want. */
static inline void check_cat(const char *path, const char *want, const char *desc)
{
	const char *got = cat(path);

	if (!ktap_ok(!strcmp(got, want), "%s", desc))
		ktap_diag("expected '%s', got '%s'", want, got);
}

/* Test desc: cmd(path, c) returns the errno want (0: accepted). */
static inline void check_err(const char *path, int want, const char *c, const char *desc)
{
	int err = cmd(path, c);

	if (!ktap_ok(err == want, "%s", desc))
		ktap_diag("'%s': expected %s, got %s", c, strerror(want), strerror(err));
}

/* path's first 31 bytes (one read()) as a number in base (0: as in C), -1 on error. */
static inline long long read_num(const char *path, int base)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtoll(buf, NULL, base) : -1;
}

/* Open path as test "open PATH"; if that fails, rmmod module and end the test. */
static inline int open_or_finish(const char *path, int flags, const char *module)
{
	int fd = open(path, flags);

	if (!ktap_ok(fd >= 0, "open %s", path)) {
		sh("rmmod %s", module);
		exit(ktap_finish());
	}
	return fd;
}

#endif
