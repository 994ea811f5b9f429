// SPDX-License-Identifier: GPL-2.0
/*
 * kstrto: write good and bad strings to /sys/kernel/debug/kstrto/{int,ulong,bool},
 * check the exact errno for bad ones and the value read back for good ones.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ktap.h"
#include "fileio.h"

/* unsigned long is the word size: 64 bits, or 32 on arm. */
#if ULONG_MAX > 0xffffffffUL
#define ULONG_MAX_STR "18446744073709551615"
#define ULONG_OVER_STR "18446744073709551616"
#else
#define ULONG_MAX_STR "4294967295"
#define ULONG_OVER_STR "4294967296"
#endif

#define DIR "/sys/kernel/debug/kstrto/"

/* The file's contents without the newline, in a static buffer. */
static const char *get(const char *file)
{
	static char buf[64];
	int fd = open(file, O_RDONLY), n;

	buf[0] = '\0';
	if (fd < 0)
		return "(open failed)";
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return "(read failed)";
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static void good(const char *file, const char *in, const char *want)
{
	int ret = write_file(file, in, strlen(in));
	const char *got = get(file);

	ktap_ok(ret == (int)strlen(in) && !strcmp(got, want),
		"%s: '%.*s%s' accepted, reads back %s", file + sizeof(DIR) - 1,
		(int)strcspn(in, "\n"), in, strchr(in, '\n') ? "\\n" : "", want);
	if (strcmp(got, want) || ret < 0)
		ktap_diag("write returned %d, read '%s'", ret, got);
}

#define bad(file, in, err, keep) bad_(file, in, err, #err, keep)
static void bad_(const char *file, const char *in, int err, const char *ename,
		 const char *keep)
{
	int ret = write_file(file, in, strlen(in));
	const char *got = get(file);

	ktap_ok(ret == -err && !strcmp(got, keep), "%s: '%s' refused with %s, value stays %s",
		file + sizeof(DIR) - 1, in, ename, keep);
	if (ret != -err || strcmp(got, keep))
		ktap_diag("write returned %d, read '%s'", ret, got);
}

int main(void)
{
	/* A page userland may not touch: copy_from_user() fails on it. */
	char *badp = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd, ret;

	ktap_plan(22);
	if (!ktap_ok(sh("modprobe kstrto") == 0, "modprobe kstrto"))
		return ktap_finish();
	ktap_ok(dmesg_has("kstrto: init$"), "init message");

	good(DIR "int", "42\n", "42");
	good(DIR "int", "-17", "-17");
	good(DIR "int", "0x10", "16");
	good(DIR "int", "010", "8");
	bad(DIR "int", "abc", EINVAL, "8");
	bad(DIR "int", "12abc", EINVAL, "8");
	bad(DIR "int", "2147483648", ERANGE, "8");
	bad(DIR "int", "0123456789012345678901234567890123456789", EINVAL, "8");

	fd = open(DIR "int", O_WRONLY);
	ret = write(fd, badp, 4);
	ktap_ok(ret == -1 && errno == EFAULT, "int: write from a bad pointer fails with EFAULT");
	close(fd);
	munmap(badp, 4096);

	good(DIR "ulong", ULONG_MAX_STR, ULONG_MAX_STR);
	bad(DIR "ulong", ULONG_OVER_STR, ERANGE, ULONG_MAX_STR);
	bad(DIR "ulong", "-1", EINVAL, ULONG_MAX_STR);

	good(DIR "bool", "y", "Y");
	good(DIR "bool", "off", "N");
	good(DIR "bool", "1\n", "Y");
	bad(DIR "bool", "maybe", EINVAL, "Y");
	good(DIR "bool", "no", "N");

	ktap_ok(dmesg_has("kstrto: refused .2147483648.: -34$"), "the module logged the -ERANGE");
	ktap_ok(sh("rmmod kstrto") == 0, "rmmod kstrto");
	ktap_ok(dmesg_has("kstrto: exit$"), "exit message");
	return ktap_finish();
}
