/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktap.h: the few helpers a C guest test needs to print KTAP
 * (Documentation/dev-tools/ktap.rst) and to drive modules.
 *
 *	ktap_plan(3);
 *	ktap_ok(fd >= 0, "open /dev/x");
 *	ktap_ok(sh("modprobe -r x") == 0, "unload");
 *	return ktap_finish();		// exit 0 all passed, 1 a failure or
 *					// not as planned (ktap_skip_all: 4)
 */
#ifndef LKMP_KTAP_H
#define LKMP_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ktap_count, ktap_failed, ktap_planned = -1;

static inline void ktap_plan(int n)
{
	ktap_planned = n;
	printf("KTAP version 1\n1..%d\n", n);
	fflush(stdout);
}

/* Print "ok N desc" or "not ok N desc"; returns cond so callers can bail out. */
static inline __attribute__((format(printf, 2, 3)))
int ktap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", cond ? "" : "not ", ++ktap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		ktap_failed++;
	return cond;
}

static inline __attribute__((format(printf, 1, 2)))
void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Skip the whole test with a reason; exit status 4 is KTAP's skip. */
static inline void ktap_skip_all(const char *reason)
{
	printf("KTAP version 1\n1..0 # SKIP %s\n", reason);
	exit(4);
}

/* 0 when every planned result passed; a test that stops short of its plan
 * fails (as kselftest.h's ksft_finished() does). */
static inline int ktap_finish(void)
{
	if (ktap_count != ktap_planned) {
		ktap_diag("planned %d results, gave %d", ktap_planned, ktap_count);
		return 1;
	}
	return ktap_failed ? 1 : 0;
}

/* Run a shell command (modprobe, rmmod, grep on dmesg...), return its exit code. */
static inline __attribute__((format(printf, 1, 2)))
int sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	ret = system(cmd);
	return ret < 0 ? ret : (ret >> 8) & 0xff;
}

/* True when the kernel log (since the runner cleared it) has a line matching ERE. */
#define dmesg_has(ere) (sh("dmesg | grep -qE '%s'", ere) == 0)

#endif
