// SPDX-License-Identifier: GPL-2.0
/* mmap: a kernel page mapped into userland: the pattern the kernel wrote is
 * visible, userland writes are seen by the kernel (read()), and bad mappings
 * (too big, offset, private) fail with EINVAL. */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ktap.h"
#include "fileio.h"

int main(void)
{
	static const char msg[] = "hello from user";
	long pg = sysconf(_SC_PAGESIZE);
	char buf[32];
	unsigned char *p;
	void *q;
	int fd, i, bad;

	ktap_plan(13);
	if (!ktap_ok(sh("modprobe mmap") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("mmap: init"), "init message");
	fd = open_or_finish("/dev/mmap", O_RDWR, "mmap");

	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!ktap_ok(p != MAP_FAILED, "mmap one shared page")) {
		close(fd);
		sh("rmmod mmap");
		return ktap_finish();
	}
	for (bad = -1, i = 0; i < pg && bad < 0; i++)
		if (p[i] != i % 251)
			bad = i;
	ktap_ok(bad < 0, "userland sees the kernel's pattern in all %ld bytes", pg);
	if (bad >= 0)
		ktap_diag("byte %d is %u, expected %u", bad, p[bad], bad % 251);

	memcpy(p, msg, sizeof(msg));
	ktap_ok(pread(fd, buf, sizeof(msg), 0) == sizeof(msg) && !memcmp(buf, msg, sizeof(msg)),
		"the kernel sees what userland wrote (read() returns it)");
	close(fd);
	ktap_ok(sh("rmmod mmap 2>/dev/null") != 0,
		"fd closed, but rmmod refused while the page is mapped");
	munmap(p, pg);

	fd = open("/dev/mmap", O_RDWR);

	q = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	ktap_ok(q == MAP_FAILED && errno == EINVAL, "mapping two pages: EINVAL");
	q = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, pg);
	ktap_ok(q == MAP_FAILED && errno == EINVAL, "mapping at offset one page: EINVAL");
	q = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
	ktap_ok(q == MAP_FAILED && errno == EINVAL, "a private mapping: EINVAL");
	ktap_ok(dmesg_has("mmap: mmap: 4096 bytes at 0x"), "the module logged the mapping");
	close(fd);

	ktap_ok(sh("rmmod mmap") == 0, "unload");
	ktap_ok(dmesg_has("mmap: exit: page starts with \"hello from user\""),
		"exit message shows userland's data");
	return ktap_finish();
}
