// SPDX-License-Identifier: GPL-2.0
/* copy_user: bad user pointers (NULL, kernel address, unmapped, read-only)
 * give EFAULT, never an oops; a buffer running into an unmapped page gives
 * a short read/write with the exact count; get_user/put_user in ioctls. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ktap.h"
#include "../../modules/copy_user.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))
#define KERNEL_ADDR ((void *)0xffffffff81000000UL)	/* kernel text */

/* volatile: the compiler must not see (and refuse) the NULL at build time */
static char *volatile null_buf;

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char buf[COPY_USER_MAX + 1], line[64], *area, *edge, *gone;
	ssize_t ret;
	int fd, len;

	ktap_plan(27);
	if (!ktap_ok(sh("modprobe copy_user") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("copy_user: init"), "init message");
	fd = open("/dev/copy_user", O_RDWR);
	/* Two pages: the first read-write, the second made inaccessible. */
	area = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!ktap_ok(fd >= 0 && area != MAP_FAILED && mprotect(area + pg, pg, PROT_NONE) == 0,
		     "open /dev/copy_user, map a page followed by a PROT_NONE page")) {
		sh("rmmod copy_user");
		return ktap_finish();
	}
	edge = area + pg - 8;		/* 8 good bytes, then the guard page */
	gone = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, pg);		/* an address that is no longer mapped */

	ktap_ok(write(fd, "0123456789abcdef", 16) == 16, "write 16 bytes");
	ktap_ok(pread(fd, buf, sizeof(buf), 0) == 16 && !memcmp(buf, "0123456789abcdef", 16),
		"read them back");
	ktap_ok(ioctl(fd, COPY_USER_GET_LEN, &len) == 0 && len == 16, "GET_LEN (put_user): 16");

	ktap_ok(FAILS(write(fd, null_buf, 8), EFAULT), "write from NULL: EFAULT");
	ktap_ok(FAILS(write(fd, KERNEL_ADDR, 8), EFAULT), "write from a kernel address: EFAULT");
	ktap_ok(FAILS(write(fd, gone, 8), EFAULT), "write from unmapped memory: EFAULT");
	ktap_ok(FAILS(write(fd, area + pg, 8), EFAULT), "write from a PROT_NONE page: EFAULT");
	memset(buf, 'x', sizeof(buf));
	ktap_ok(FAILS(write(fd, buf, COPY_USER_MAX + 1), EINVAL), "a 65-byte write: EINVAL");

	/*
	 * copy_from_user() copies what it can before the fault and returns the
	 * rest: 8 of 16 bytes here on most arches. The kernel allows it to stop
	 * short of the fault, and arm's gives up on the whole chunk (-EFAULT,
	 * nothing copied): what counts is that the count it returns is right.
	 */
	memcpy(edge, "ABCDEFGH", 8);
	ret = write(fd, edge, 16);
	if (ret == -1 && errno == EFAULT)
		ret = 0;
	ktap_ok(ret >= 0 && ret <= 8, "a write running into the guard page is short: %zd of 16", ret);
	ktap_ok(ioctl(fd, COPY_USER_GET_LEN, &len) == 0 && len == ret,
		"the device kept exactly those %zd bytes", ret);
	snprintf(line, sizeof(line), "copy_user: write: %zd of 16 bytes faulted", 16 - ret);
	ktap_ok(dmesg_has(line), "copy_from_user reported the %zd bytes it could not copy", 16 - ret);
	ktap_ok(write(fd, "0123456789abcdef", 16) == 16, "a good write after it");

	ktap_ok(FAILS(pread(fd, null_buf, 8, 0), EFAULT), "read into NULL: EFAULT");
	ktap_ok(FAILS(pread(fd, KERNEL_ADDR, 8, 0), EFAULT), "read into a kernel address: EFAULT");
	ktap_ok(FAILS(pread(fd, gone, 8, 0), EFAULT), "read into unmapped memory: EFAULT");
	ktap_ok(FAILS(pread(fd, area + pg, 8, 0), EFAULT), "read into a PROT_NONE page: EFAULT");
	ktap_ok(write(fd, "0123456789abcdef", 16) == 16 && pread(fd, edge + 4, 16, 0) == 4 &&
		!memcmp(edge + 4, "0123", 4), "a read running into the guard page is short: 4 of 16");

	ktap_ok(FAILS(ioctl(fd, COPY_USER_GET_LEN, null_buf), EFAULT), "put_user to NULL: EFAULT");
	ktap_ok(FAILS(ioctl(fd, COPY_USER_SET_LEN, KERNEL_ADDR), EFAULT),
		"get_user from a kernel address: EFAULT");
	len = 17;
	ktap_ok(FAILS(ioctl(fd, COPY_USER_SET_LEN, &len), EINVAL), "SET_LEN beyond the message: EINVAL");
	len = 3;
	ktap_ok(ioctl(fd, COPY_USER_SET_LEN, &len) == 0 && pread(fd, buf, sizeof(buf), 0) == 3,
		"SET_LEN 3 (get_user) truncates the message");
	ktap_ok(FAILS(ioctl(fd, _IO(0xE7, 0x2f)), ENOTTY), "unknown ioctl: ENOTTY");
	close(fd);
	munmap(area, 2 * pg);

	ktap_ok(sh("rmmod copy_user") == 0, "unload");
	ktap_ok(dmesg_has("copy_user: exit"), "exit message");
	return ktap_finish();
}
