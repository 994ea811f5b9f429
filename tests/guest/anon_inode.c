// SPDX-License-Identifier: GPL-2.0
/* anon_inode: an ioctl returns new fds (anon_inode_getfd) with their own
 * state; /proc/self/fd names them "anon_inode:[anonfd]". */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "ktap.h"
#include "fileio.h"
#include "../../modules/anon_inode.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

static int link_is(int fd, const char *want)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = '\0';
	if (strcmp(target, want))
		ktap_diag("fd %d links to %s", fd, target);
	return !strcmp(target, want);
}

/* Read one message from FD and check it is "ctx <any> read READS". */
static int reads_is(int fd, unsigned int *id, int reads)
{
	char buf[64];
	unsigned int i;
	int r;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "ctx %u read %d", &i, &r) != 2)
		return 0;
	*id = i;
	return r == reads;
}

int main(void)
{
	unsigned int id1 = 0, id2 = 0, id;
	char buf[8];
	int dev, a, b, b_ok;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe anon_inode") == 0, "load"))
		return ktap_finish();
	ktap_ok(dmesg_has("anon_inode: init"), "init message");
	dev = open_or_finish("/dev/anon_inode", O_RDWR, "anon_inode");

	a = ioctl(dev, ANON_INODE_NEW, 0);
	b = ioctl(dev, ANON_INODE_NEW, O_CLOEXEC);
	ktap_ok(a >= 0 && b >= 0 && a != b && a != dev, "two ioctls return two new fds (%d, %d)", a, b);
	ktap_ok(link_is(a, "anon_inode:[anonfd]") && link_is(b, "anon_inode:[anonfd]"),
		"/proc/self/fd shows both as anon_inode:[anonfd]");
	ktap_ok(!(fcntl(a, F_GETFD) & FD_CLOEXEC) && (fcntl(b, F_GETFD) & FD_CLOEXEC),
		"O_CLOEXEC passed to the ioctl is honoured");

	ktap_ok(reads_is(a, &id1, 1) && reads_is(a, &id, 2) && reads_is(a, &id, 3) && id == id1,
		"fd a counts its own reads: 1, 2, 3");
	b_ok = reads_is(b, &id2, 1);
	ktap_ok(b_ok && id2 != id1, "fd b has its own state (read 1, ctx %u vs %u)", id2, id1);
	ktap_ok(FAILS(read(a, buf, sizeof(buf)), EINVAL), "a buffer under 32 bytes: EINVAL");

	ktap_ok(FAILS(ioctl(dev, _IO(0xE7, 0x11), 0), ENOTTY), "unknown ioctl: ENOTTY");
	ktap_ok(FAILS(ioctl(dev, ANON_INODE_NEW, O_NONBLOCK), EINVAL), "flags other than O_CLOEXEC: EINVAL");

	close(dev);
	ktap_ok(reads_is(a, &id, 4), "the new fds outlive the device fd they came from");
	ktap_ok(sh("rmmod anon_inode 2>/dev/null") != 0, "rmmod refused while an anon fd is open");
	close(a);
	ktap_ok(dmesg_has("anon_inode: ctx [0-9]+ released after 4 reads"), "close(a) released its context");
	close(b);
	ktap_ok(dmesg_has("anon_inode: ctx [0-9]+ released after 1 reads"), "close(b) released its context");

	ktap_ok(sh("rmmod anon_inode") == 0, "unload");
	ktap_ok(dmesg_has("anon_inode: exit"), "exit message");
	return ktap_finish();
}
