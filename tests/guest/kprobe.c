// SPDX-License-Identifier: GPL-2.0
/* kprobe: a kprobe on the getppid() syscall counts every call. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktap.h"
#include "fileio.h"

#define HITS "/sys/kernel/debug/kprobe/hits"
#define CALLS 1000

int main(void)
{
	long before, after;
	int fd, ret, err, i;

	ktap_plan(11);

	/* A symbol that does not exist: init_module fails with ENOENT. */
	fd = open("/kprobe.ko", O_RDONLY);
	ret = syscall(SYS_finit_module, fd, "symbol=lkmp_no_such_function", 0);
	err = errno;
	close(fd);
	ktap_ok(ret == -1 && err == ENOENT, "an unknown symbol fails with ENOENT (got %d, %s)",
		ret, strerror(err));
	ktap_ok(dmesg_has("kprobe: register_kprobe\\(lkmp_no_such_function\\) failed: -2"),
		"the module logged the kprobe error");

	ktap_ok(sh("modprobe kprobe") == 0, "load");
	ktap_ok(dmesg_has("kprobe: init$"), "init message");
	ktap_ok(dmesg_has("kprobe: planted at (__[a-z0-9]+_)?sys_getppid "),
		"probe on the arch's getppid handler");

	before = read_num(HITS, 10);
	for (i = 0; i < CALLS; i++)
		if (syscall(SYS_getppid) != getppid())
			break;
	after = read_num(HITS, 10);
	ktap_ok(i == CALLS, "getppid() still returns the right pid with the probe");
	ktap_ok(before >= 0 && after - before >= 2 * CALLS,
		"%d calls counted (%ld -> %ld)", 2 * CALLS, before, after);

	fd = open(HITS, O_WRONLY);
	ret = fd < 0 ? -1 : (int)write(fd, "0", 1);
	err = errno;
	if (fd >= 0)
		close(fd);
	ktap_ok(ret == -1 && err == EACCES, "hits is read-only: a write fails with EACCES (%s)",
		strerror(err));
	ktap_ok(read_num(HITS, 10) >= after, "and the count was not reset");

	ktap_ok(sh("rmmod kprobe") == 0, "unload");
	ktap_ok(dmesg_has("kprobe: exit after [0-9]+ hits$"), "exit message");
	return ktap_finish();
}
