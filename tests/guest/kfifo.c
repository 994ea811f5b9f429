// SPDX-License-Identifier: GPL-2.0
/*
 * kfifo: bytes come out of /dev/kfifo in the order they went in; a write
 * larger than the room left is short, a write to a full fifo is ENOSPC, an
 * empty fifo reads as end of file, bad pointers are EFAULT.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ktap.h"
#include "fileio.h"

/* an address never mapped in user space; volatile hides it from the compiler */
static void *volatile bad = (void *)8;

static int fd;
static char buf[64];

/* Read up to n bytes into buf, NUL-terminated; returns read()'s result. */
static ssize_t rd(size_t n)
{
	ssize_t r = read(fd, buf, n);

	buf[r > 0 ? r : 0] = '\0';
	return r;
}

static ssize_t wr(const char *s)
{
	return write(fd, s, strlen(s));
}

int main(void)
{
	ssize_t r;

	ktap_plan(20);
	if (!ktap_ok(sh("modprobe kfifo") == 0, "modprobe kfifo"))
		return ktap_finish();
	ktap_ok(dmesg_has("kfifo: init, 16 bytes of room$"), "init message");
	fd = open_or_finish("/dev/kfifo", O_RDWR, "kfifo");

	ktap_ok(rd(sizeof(buf)) == 0, "an empty fifo reads as end of file");
	ktap_ok(wr("abcdefghij") == 10, "write 10 bytes: all stored");
	r = wr("0123456789");
	ktap_ok(r == 6, "write 10 more: short write of the 6 that fit (got %zd)", r);
	r = wr("x");
	ktap_ok(r == -1 && errno == ENOSPC, "write to a full fifo: ENOSPC");
	r = read(fd, bad, 4);
	ktap_ok(r == -1 && errno == EFAULT, "read to a bad pointer: EFAULT (%zd %s)", r, strerror(errno));
	r = rd(4);
	ktap_ok(r == 4 && !strcmp(buf, "abcd"), "read 4: \"%s\", the oldest bytes", buf);
	r = rd(sizeof(buf));
	ktap_ok(r == 12 && !strcmp(buf, "efghij012345"),
		"read the rest: \"%s\", in order, nothing from the short write's tail", buf);
	ktap_ok(rd(sizeof(buf)) == 0, "empty again: end of file");
	r = write(fd, bad, 4);
	ktap_ok(r == -1 && errno == EFAULT, "write from a bad pointer: EFAULT (%zd %s)", r, strerror(errno));
	ktap_ok(rd(sizeof(buf)) == 0, "the failed write stored nothing");
	ktap_ok(write(fd, buf, 0) == 0, "a zero-length write returns 0");

	/* the ring's indexes are now at 16: this write wraps around its end */
	ktap_ok(wr("ABCDEFGHIJKLMNOP") == 16, "write 16 bytes across the ring's end");
	r = rd(sizeof(buf));
	ktap_ok(r == 16 && !strcmp(buf, "ABCDEFGHIJKLMNOP"), "read back in order: \"%s\"", buf);
	errno = 0;
	ktap_ok(ioctl(fd, 0x1234, 0) == -1 && errno == ENOTTY, "no ioctl: ENOTTY");

	wr("xyz");
	close(fd);
	ktap_ok(sh("rmmod kfifo") == 0, "rmmod kfifo");
	ktap_ok(dmesg_has("kfifo: exit, 3 bytes left$"), "exit message counts the bytes left");
	ktap_ok(access("/dev/kfifo", F_OK) == -1 && errno == ENOENT, "/dev/kfifo is gone");
	return ktap_finish();
}
