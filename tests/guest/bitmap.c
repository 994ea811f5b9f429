// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap: allocate ids until full (ENOSPC), free some, the lowest free id
 * comes back; weight and the %*pbl range list follow; out-of-range ids are
 * EINVAL, ids not taken ENOENT.
 */
#include <fcntl.h>
#include <unistd.h>

#include "ktap.h"

#define P "/proc/bitmap"

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
	const char *left = "weight 14\nused 0-6,9-15\nfirst_zero 7";
	int i, fails = 0;

	ktap_plan(17);
	if (!ktap_ok(sh("modprobe bitmap") == 0, "modprobe bitmap"))
		return ktap_finish();
	ktap_ok(dmesg_has("^\\[.*\\] bitmap: init$"), "init message");
	check_cat("weight 0\nused \nfirst_zero 0", "starts empty");
	for (i = 0; i < 16; i++)
		fails += cmd("alloc") != 0;
	ktap_ok(!fails, "16 allocs succeed");
	ktap_ok(dmesg_has("bitmap: alloc 15$"), "ids are handed out lowest first");
	check_cat("weight 16\nused 0-15\nfirst_zero 16", "all 16 in use");
	check_err(ENOSPC, "alloc", "alloc when full: ENOSPC");
	cmd("free 3"), cmd("free 7"), cmd("free 8");
	check_cat("weight 13\nused 0-2,4-6,9-15\nfirst_zero 3",
		  "free clears bits; first_zero is the lowest free id");
	sh("dmesg -c >/dev/null");
	check_err(0, "alloc", "alloc succeeds");
	ktap_ok(dmesg_has("bitmap: alloc 3$"), "alloc reuses id 3");
	check_err(ENOENT, "free 7", "free of an id not taken: ENOENT");
	check_err(EINVAL, "free 16", "free of an id out of range: EINVAL");
	fails = cmd("free -1") != EINVAL || cmd("free") != EINVAL ||
		cmd("free x") != EINVAL || cmd("alloc 2") != EINVAL || cmd("take") != EINVAL;
	ktap_ok(!fails, "bad commands: EINVAL");
	ktap_ok(put(bad, 8) == EFAULT, "write from a bad pointer: EFAULT");
	check_cat(left, "refused commands changed nothing");
	ktap_ok(sh("rmmod bitmap") == 0, "rmmod bitmap");
	ktap_ok(dmesg_has("^\\[.*\\] bitmap: exit, 14 ids were in use$"),
		"exit reports the ids in use");
	return ktap_finish();
}
