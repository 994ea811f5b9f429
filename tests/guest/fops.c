// SPDX-License-Identifier: GPL-2.0
/* fops: file positions on /dev/fops (64 bytes): partial reads and writes,
 * EOF, SEEK_SET/CUR/END, EINVAL for bad seeks, ENOSPC at the end, EFAULT. */
#include <fcntl.h>
#include <unistd.h>
#include "ktap.h"
#include "fileio.h"

#define SIZE 64

/* ok when a call returned -1 with errno E */
#define FAILS(call, e) ((call) == -1 && errno == (e))

/* volatile: the compiler must not see (and refuse) the NULL at build time */
static char *volatile null_buf;

int main(void)
{
	char buf[128];
	int fd, fd2;

	ktap_plan(25);
	if (!ktap_ok(sh("modprobe fops") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("fops: init: 64-byte buffer"), "init message");
	fd = open_or_finish("/dev/fops", O_RDWR, "fops");

	ktap_ok(lseek(fd, 0, SEEK_END) == SIZE, "SEEK_END 0 is the size");
	ktap_ok(lseek(fd, 0, SEEK_CUR) == SIZE, "SEEK_CUR 0 reports the position");
	ktap_ok(read(fd, buf, sizeof(buf)) == 0, "read at the end returns 0 (EOF)");
	ktap_ok(lseek(fd, 0, SEEK_SET) == 0, "SEEK_SET 0");
	ktap_ok(write(fd, "abcdefghij", 10) == 10, "write 10 bytes");
	ktap_ok(lseek(fd, 0, SEEK_CUR) == 10, "the write moved the position to 10");
	ktap_ok(lseek(fd, -6, SEEK_CUR) == 4, "SEEK_CUR -6 goes back to 4");
	ktap_ok(read(fd, buf, 3) == 3 && !memcmp(buf, "efg", 3),
		"read 3 bytes at 4 gives \"efg\"");
	ktap_ok(read(fd, buf, sizeof(buf)) == SIZE - 7,
		"a read past the end is partial: %d bytes", SIZE - 7);
	ktap_ok(read(fd, buf, sizeof(buf)) == 0, "then EOF");

	ktap_ok(FAILS(lseek(fd, 1, SEEK_END), EINVAL), "seek beyond the end: EINVAL");
	ktap_ok(FAILS(lseek(fd, -1, SEEK_SET), EINVAL), "negative position: EINVAL");
	ktap_ok(FAILS(lseek(fd, 0, 42), EINVAL), "unknown whence: EINVAL");
	ktap_ok(lseek(fd, 0, SEEK_CUR) == SIZE, "a failed seek leaves the position");

	ktap_ok(lseek(fd, -2, SEEK_END) == SIZE - 2, "SEEK_END -2");
	ktap_ok(write(fd, "XYZ", 3) == 2, "a write that does not fit is partial (2 of 3)");
	ktap_ok(FAILS(write(fd, "Z", 1), ENOSPC), "a write at the end: ENOSPC");
	ktap_ok(lseek(fd, 0, SEEK_SET) == 0 && FAILS(read(fd, null_buf, 4), EFAULT),
		"read into a NULL buffer: EFAULT");
	ktap_ok(pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "abcd", 4),
		"pread at 0 sees the data (and ignores the position)");

	fd2 = open("/dev/fops", O_RDONLY);
	ktap_ok(fd2 >= 0 && read(fd2, buf, 2) == 2 && !memcmp(buf, "ab", 2),
		"a second open starts at 0 and shares the buffer");
	if (fd2 >= 0)
		close(fd2);
	close(fd);

	ktap_ok(sh("rmmod fops") == 0, "unload");
	ktap_ok(dmesg_has("fops: exit"), "exit message");
	return ktap_finish();
}
