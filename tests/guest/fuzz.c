// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz: a seeded fuzzer of what a module makes. For each module it lists
 * /dev, /proc, /proc/sys, debugfs, /sys/kernel, /sys/class and tracefs's
 * events, loads the module (modprobe, with the args of its "Stress: args"
 * header line), lists them again: the new files, the module's
 * /sys/module/NAME/parameters and the netlink protocols it registered are
 * its interfaces, and nothing else is touched. Then for a bounded time, from
 * -j processes at once, it opens them (read, write, both, O_NONBLOCK),
 * reads and writes random sizes (0, 1, page-1, page, huge) from good and
 * bad pointers (NULL, 1, a kernel address, unmapped, read-only), seeks and
 * preads/pwrites at random, negative and huge offsets, ioctls with random
 * numbers, _IOC encodings and the examples' real ones (ioctl.h,
 * copy_user.h, anon_inode.h) with bad and good arguments, mmaps, polls
 * (0 timeout), fcntls, and fuzzes the fds its ioctls return; then unloads
 * it. Errors are expected; a report in the kernel log (an oops, BUG,
 * WARNING, UBSAN's, a hung task...: the runner's REPORTS, /test/run-lib), a
 * process killed by a signal or stuck in the kernel, or a failed unload is
 * a failure.
 * Every operation has a 50 ms timer (an interruptible sleep returns EINTR)
 * and the run a deadline; a process still there after SIGKILL is reported.
 *
 *	fuzz.out [-s SEED] [-t SECONDS | -n OPS] [-j PROCS] MODULE [ARGS...]
 *	fuzz.out [-s SEED] [-T SECONDS] [-j PROCS]	every module (the test)
 *
 * The second form, the guest test, fuzzes each module that /test/examples
 * lists, is built and has no "Stress: skip" or "no-fuzz" line
 * (/test/stress): one KTAP result each, sharing -T seconds (default 25;
 * LKMP_STRESS=full: 10 s a module, 4 processes). The seed (-s; default
 * LKMP_FUZZ_SEED, else the clock) is printed; each module's operations
 * follow from it and the module's name, each process's from those and its
 * number: the "replay:" line of a module repeats its run (-n: the same
 * operations; with -j above 1 their interleaving is the scheduler's).
 * Test: /test/fuzz.out (doc/testing.md, "Stress and bad input")
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64	/* 32-bit arm too: huge offsets */
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/netlink.h>
#include "ktap.h"
#include "../../modules/anon_inode.h"
#include "../../modules/copy_user.h"
#include "../../modules/ioctl.h"

#define MAX_IFACES	48	/* the last one counts the fds from ioctls */
#define FDS_IFACE	(MAX_IFACES - 1)
#define MAX_PROCS	16
#define MAX_FDS		8	/* open at once in one process */
#define NERR		136	/* errno 0 (success) .. 133, then: */
#define ERR_SIGNAL	134	/* a mapping's page faulted (SIGBUS/SIGSEGV) */
#define ERR_SHORT	135	/* a read or write that moved fewer bytes */
#define OP_TIMER_US	50000	/* each operation's timer */
#define AREA		(1 << 20)	/* good buffer, then a guard page */
#define KILL_WAIT_S	10	/* after SIGKILL, before "stuck" */

/* Where new files are looked for, and how deep (1: the entries only). */
static const struct root {
	const char *path;
	int depth;
} roots[] = {
	{ "/dev", 3 }, { "/proc", 1 }, { "/proc/sys", 8 }, { "/proc/driver", 3 },
	{ "/sys/kernel", 4 }, { "/sys/kernel/debug", 6 },
	{ "/sys/kernel/tracing/events", 1 }, { "/sys/class", 2 },
};

/* Never walked into from a root above (other roots, or not ours to see). */
static const char *const skip_dirs[] = {
	"/proc/sys", "/proc/driver", "/sys/kernel/debug", "/sys/kernel/tracing",
	"/sys/kernel/debug/tracing", "/sys/kernel/security", "/sys/kernel/slab",
	"/dev/pts", "/dev/shm",
};

/* Never touched even when new (a defence in depth): these paths and what
 * they start with, and files of these names: a driver's binding, and a
 * device's uevent (the driver core's, not the module's: each bad write
 * logs "failed to send synthetic uevent", a good one runs the hotplug
 * helper). */
static const char *const deny_paths[] = {
	"/dev/mem", "/dev/kmem", "/dev/port", "/dev/watchdog", "/proc/sysrq-trigger",
	"/proc/kcore",
};
static const char *const deny_names[] = {
	"bind", "unbind", "new_id", "remove_id", "remove", "rescan", "driver_override",
	"uevent",
};

struct iface {
	char path[200];
	const char *group;	/* dev, proc, debugfs, tracefs, sysfs, netlink */
	int proto;		/* netlink: its protocol; else -1 */
	int weight;		/* how often it is opened, relative to the others */
};

struct stats {
	unsigned long ops[MAX_IFACES];
	unsigned long err[MAX_IFACES][NERR];
	unsigned long proc_ops[MAX_PROCS];
};

struct list {
	char **s;
	size_t n, cap;
};

static struct iface ifaces[MAX_IFACES];
static int n_ifaces, weights;
static struct stats *stats;	/* shared with the processes */
static const char *fds_origin;	/* which interface's ioctls made fds */

/* One process's state. */
static uint64_t rng;
static char *area, *guard, *rdonly, *unmapped;
static long pagesz;
static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_armed;
static char last_read[64];
static size_t last_read_len;

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(void) { return splitmix(&rng); }
static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }
static int chance(int percent) { return (int)below(100) < percent; }

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void list_add(struct list *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->s = realloc(l->s, l->cap * sizeof(*l->s));
		if (!l->s)
			exit(2);
	}
	l->s[l->n++] = strdup(s);
}

static void list_free(struct list *l)
{
	while (l->n)
		free(l->s[--l->n]);
	free(l->s);
	memset(l, 0, sizeof(*l));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has(const struct list *l, const char *s)
{
	return bsearch(&s, l->s, l->n, sizeof(*l->s), cmp_str) != NULL;
}

static int in(const char *const *set, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(set[i], s))
			return 1;
	return 0;
}

#define IN(set, s) in(set, sizeof(set) / sizeof(set[0]), s)

/* Entries under dir, "T path" with T one of d (directory), f (file), c
 * (char device), l (symlink), o (other); symlinks are not followed. */
static void walk(struct list *out, const char *dir, int depth, int all)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX], entry[PATH_MAX + 2];

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		char t;

		if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, "..")))
			continue;
		if (!strcmp(dir, "/proc") && e->d_name[0] >= '0' && e->d_name[0] <= '9')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st))
			continue;
		t = S_ISDIR(st.st_mode) ? 'd' : S_ISREG(st.st_mode) ? 'f' :
		    S_ISCHR(st.st_mode) ? 'c' : S_ISLNK(st.st_mode) ? 'l' : 'o';
		snprintf(entry, sizeof(entry), "%c %s", t, path);
		list_add(out, entry);
		if (t == 'd' && depth > 1 && (all || !IN(skip_dirs, path)))
			walk(out, path, depth - 1, all);
	}
	closedir(d);
}

static void snapshot(struct list *l)
{
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		walk(l, roots[i].path, roots[i].depth, 0);
	qsort(l->s, l->n, sizeof(*l->s), cmp_str);
}

/* The netlink protocols of kernel sockets (port 0), from /proc/net/netlink. */
static uint64_t netlink_kernel_protos(void)
{
	FILE *f = fopen("/proc/net/netlink", "r");
	char line[256];
	uint64_t set = 0;
	unsigned int proto, port;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %u %u", &proto, &port) == 2 && port == 0 && proto < 64)
			set |= 1ULL << proto;
	fclose(f);
	return set;
}

static const char *group_of(const char *path)
{
	if (!strncmp(path, "/dev/", 5))
		return "dev";
	if (!strncmp(path, "/proc/", 6))
		return "proc";
	if (!strncmp(path, "/sys/kernel/debug/", 18))
		return "debugfs";
	if (!strncmp(path, "/sys/kernel/tracing/", 20))
		return "tracefs";
	return "sysfs";
}

/* A device's own attributes (dev, power/...) are the driver core's: they
 * get weight 1, the module's own files 4. */
static void add_iface(const char *path, int proto, int weight)
{
	const char *base = strrchr(path, '/');
	struct iface *f;

	for (size_t i = 0; i < sizeof(deny_paths) / sizeof(deny_paths[0]); i++)
		if (!strncmp(path, deny_paths[i], strlen(deny_paths[i])))
			return;
	if (base && IN(deny_names, base + 1))
		return;
	for (int i = 0; i < n_ifaces; i++)
		if (!strcmp(ifaces[i].path, path))
			return;
	if (n_ifaces == FDS_IFACE)
		return;
	f = &ifaces[n_ifaces++];
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->group = proto >= 0 ? "netlink" : group_of(path);
	f->proto = proto;
	f->weight = weight;
	weights += weight;
}

/* The files of a new entry: itself, or all under a new directory; a new
 * link in /sys/class/CLASS/ leads to the device's directory. */
static void add_entry(const char *entry)
{
	const char *path = entry + 2;
	struct list sub = { 0 };
	char real[PATH_MAX];

	if (entry[0] == 'f' || entry[0] == 'c') {
		add_iface(path, -1, 4);
		return;
	}
	if (entry[0] == 'l' && !strncmp(path, "/sys/class/", 11) &&
	    strchr(path + 11, '/') && !strchr(strchr(path + 11, '/') + 1, '/') &&
	    realpath(path, real))
		path = real;
	else if (entry[0] != 'd')
		return;
	walk(&sub, path, 4, 0);
	for (size_t i = 0; i < sub.n; i++) {
		const char *base = strrchr(sub.s[i], '/') + 1;
		int core = path == real && (!strcmp(base, "dev") || strstr(sub.s[i], "/power/"));

		if (sub.s[i][0] == 'f')
			add_iface(sub.s[i] + 2, -1, core ? 1 : 4);
	}
	list_free(&sub);
}

static void find_ifaces(const char *module, const struct list *before,
			uint64_t nl_before)
{
	struct list after = { 0 }, params = { 0 };
	char dir[PATH_MAX];
	uint64_t nl = netlink_kernel_protos() & ~nl_before;

	n_ifaces = weights = 0;
	snapshot(&after);
	for (size_t i = 0; i < after.n; i++)
		if (!has(before, after.s[i]))
			add_entry(after.s[i]);
	snprintf(dir, sizeof(dir), "/sys/module/%s/parameters", module);
	walk(&params, dir, 1, 1);
	for (size_t i = 0; i < params.n; i++)
		if (params.s[i][0] == 'f')
			add_iface(params.s[i] + 2, -1, 4);
	for (int p = 0; p < 64; p++)
		if (nl & (1ULL << p)) {
			snprintf(dir, sizeof(dir), "netlink protocol %d", p);
			add_iface(dir, p, 4);
		}
	list_free(&after);
	list_free(&params);
}

/* Counting: errno 0 is success. */
static void count(int iface, int err)
{
	__atomic_fetch_add(&stats->ops[iface], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&stats->err[iface][err >= 0 && err < NERR ? err : NERR - 1], 1,
			   __ATOMIC_RELAXED);
}

static void count_ret(int iface, long ret, size_t want)
{
	count(iface, ret < 0 ? errno : (size_t)ret < want ? ERR_SHORT : 0);
}

/* Sizes: 0, 1, small, page-1, page, page+1, 64 KiB, the whole area, huge. */
static size_t pick_size(void)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 1 + below(64);
	case 3: return pagesz - 1;
	case 4: return pagesz;
	case 5: return pagesz + 1;
	case 6: return 65536;
	case 7: return AREA;
	case 8: return (size_t)1 << (below(8) + 24);	/* past the guard */
	default: return below(4 * pagesz);
	}
}

static void *kernel_addr(void)
{
#if UINTPTR_MAX > 0xffffffffu
	return (void *)(uintptr_t)0xffff800000000000ULL;
#else
	return (void *)(uintptr_t)0xc0000000u;
#endif
}

/* A buffer for size bytes: mostly good (ending at the guard page, so that a
 * size beyond the area faults), sometimes bad. */
static void *pick_buf(size_t size, int for_write)
{
	switch (below(12)) {
	case 0: return NULL;
	case 1: return (void *)1;
	case 2: return kernel_addr();
	case 3: return unmapped;
	case 4: return for_write ? rdonly : rdonly + below(pagesz);
	default:
		return size <= AREA ? guard - size : area;
	}
}

/* Text and bytes to write, ending at the guard page: numbers the modules
 * take or refuse, what a read returned, random bytes. The length written:
 * size, or the text's (under 48 bytes); random bytes beyond the area's end
 * are not written (the kernel faults at the guard). */
static size_t fill_write(size_t size)
{
	static const char *const nums[] = {
		"0", "1", "2", "3", "4", "5", "7", "10", "16", "17", "100", "101", "1000",
		"10000", "10001", "-1", "-2", "2147483647", "2147483648", "-2147483648",
		"4294967295", "4294967296", "9223372036854775807", "18446744073709551615",
		"18446744073709551616", "0x10", "010", "1e3", "y", "n", "on", "off", " 1",
	};
	size_t len = size > AREA ? AREA : size;
	char *p = guard - len, text[80];

	if (len && len < 48 && chance(60)) {
		const char *s = nums[below(sizeof(nums) / sizeof(nums[0]))];
		int n;

		if (chance(20) && last_read_len)
			n = snprintf(text, sizeof(text), "%.*s", (int)last_read_len, last_read);
		else
			n = snprintf(text, sizeof(text), "%s%s", s, chance(70) ? "\n" : "");
		len = (size_t)n < len ? (size_t)n : len;
		memcpy(guard - len, text, len);
		return len;
	}
	for (size_t i = 0; i < len; i += 8) {
		uint64_t r = rnd();

		memcpy(p + i, &r, len - i < 8 ? len - i : 8);
	}
	return size;
}

static off_t pick_off(void)
{
	switch (below(9)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return below(64);
	case 3: return pagesz;
	case 4: return -1;
	case 5: return -(off_t)pagesz;
	case 6: return (off_t)(~0ULL >> 1);
	case 7: return (off_t)1 << 40;
	default: return (off_t)rnd();
	}
}

/* The real ioctl numbers of our examples, and common generic ones. */
static const unsigned long real_cmds[] = {
	IOCTL_GET_CFG, IOCTL_SET_CFG, IOCTL_XCHG_CFG, COPY_USER_GET_LEN,
	COPY_USER_SET_LEN, ANON_INODE_NEW, FIONREAD, FIONBIO, FIOASYNC, FIOCLEX,
	FIONCLEX, FIOQSIZE, TCGETS, FIGETBSZ,
};

static unsigned long pick_cmd(void)
{
	unsigned long cmd;

	do {
		switch (below(4)) {
		case 0:
			cmd = real_cmds[below(sizeof(real_cmds) / sizeof(real_cmds[0]))];
			break;
		case 1:	/* a real one with its direction or size changed */
			cmd = real_cmds[below(6)];
			cmd ^= chance(50) ? (unsigned long)below(4) << _IOC_DIRSHIFT :
			       (unsigned long)(1 + below(64)) << _IOC_SIZESHIFT;
			break;
		case 2:
			cmd = _IOC(below(4), chance(50) ? 0xE7 : below(256), below(64),
				   chance(50) ? below(65) : below(1 << _IOC_SIZEBITS));
			break;
		default:
			cmd = (uint32_t)rnd();
		}
	} while (cmd == FIFREEZE || cmd == FITHAW);	/* never the filesystem */
	return cmd;
}

static void *pick_arg(void)
{
	switch (below(10)) {
	case 0: return NULL;
	case 1: return (void *)1;
	case 2: return kernel_addr();
	case 3: return unmapped;
	case 4: return rdonly;
	case 5: return (void *)(uintptr_t)below(1024);
	case 6: return (void *)(uintptr_t)rnd();
	case 7: return guard - 1 - below(8);	/* runs into the guard page */
	default:
		fill_write(64);
		return guard - 64;
	}
}

struct slot {
	int fd;
	int iface;
};

static struct slot slots[MAX_FDS];
static int n_slots;

static int is_socket(const struct slot *s) { return ifaces[s->iface].proto >= 0; }

static void adopt(long ret, int origin)
{
	int fd = (int)ret;

	if (ret <= 2 || ret > INT_MAX || fcntl(fd, F_GETFD) < 0)
		return;
	for (int i = 0; i < n_slots; i++)
		if (slots[i].fd == fd)
			return;
	if (n_slots == MAX_FDS) {
		close(fd);
		return;
	}
	slots[n_slots++] = (struct slot){ fd, FDS_IFACE };
	fds_origin = ifaces[origin].path;
}

static void op_open(void)
{
	static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR };
	int i = 0, w = (int)below(weights), fd, flags;

	while (w >= ifaces[i].weight)
		w -= ifaces[i++].weight;

	flags = modes[below(3)] | O_CLOEXEC | (chance(75) ? O_NONBLOCK : 0) |
		(chance(5) ? O_APPEND : 0) | (chance(3) ? O_TRUNC : 0);
	if (ifaces[i].proto >= 0) {
		struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC |
			    (flags & O_NONBLOCK ? SOCK_NONBLOCK : 0), ifaces[i].proto);
		if (fd >= 0 && chance(80))
			bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	} else {
		fd = open(ifaces[i].path, flags);
	}
	count(i, fd < 0 ? errno : 0);
	if (fd >= 0)
		slots[n_slots++] = (struct slot){ fd, i };
}

static void op_mmap(struct slot *s)
{
	static const int prots[] = { PROT_READ, PROT_WRITE, PROT_READ | PROT_WRITE };
	size_t len = chance(70) ? (size_t)pagesz : chance(50) ? 1 : (1 + below(16)) * pagesz;
	int prot = prots[below(3)];
	off_t off = chance(70) ? 0 : (off_t)below(1 << 20) * pagesz;
	char *p = mmap(NULL, len, prot, chance(80) ? MAP_SHARED : MAP_PRIVATE, s->fd, off);

	if (p == MAP_FAILED) {
		count(s->iface, errno);
		return;
	}
	if (sigsetjmp(fault_jmp, 1)) {
		fault_armed = 0;
		count(s->iface, ERR_SIGNAL);
	} else {
		fault_armed = 1;
		if (prot & PROT_READ)
			last_read[0] = *(volatile char *)p;
		if (prot & PROT_WRITE)
			*(volatile char *)(p + len - 1) = (char)rnd();
		fault_armed = 0;
		count(s->iface, 0);
	}
	munmap(p, len);
}

static void op_netlink_send(struct slot *s)
{
	size_t size = pick_size(), len;
	char *p;

	if (chance(70) && size < AREA) {
		struct nlmsghdr h = {
			.nlmsg_type = chance(70) ? NLMSG_MIN_TYPE + below(4) : (uint16_t)rnd(),
			.nlmsg_flags = chance(70) ? NLM_F_REQUEST | (chance(50) ? NLM_F_ACK : 0) :
				       (uint16_t)rnd(),
			.nlmsg_seq = (uint32_t)rnd(),
		};

		size = sizeof(h) + (chance(80) ? below(300) : size);
		if (size > AREA)
			size = AREA;
		len = fill_write(size);
		if (len < sizeof(h))
			len = sizeof(h);
		h.nlmsg_len = chance(80) ? (uint32_t)len : (uint32_t)rnd();
		memcpy(guard - len, &h, sizeof(h));
		p = guard - len;
	} else {
		len = fill_write(size);
		p = pick_buf(len, 1);
	}
	count_ret(s->iface, send(s->fd, p, len, MSG_DONTWAIT), len);
}

/* One random operation on one of this process's fds (or an open). */
static void one_op(void)
{
	struct slot *s;
	int k;
	size_t size, len;
	long ret;
	char *buf;

	if (!n_slots || (n_slots < MAX_FDS && chance(12))) {
		op_open();
		return;
	}
	k = (int)below(n_slots);
	s = &slots[k];
	switch (below(20)) {
	case 0:
		close(s->fd);
		count(s->iface, 0);
		slots[k] = slots[--n_slots];
		return;
	case 1: case 2: case 3: case 4:
		size = pick_size();
		buf = pick_buf(size, 0);
		ret = is_socket(s) ? recv(s->fd, buf, size, MSG_DONTWAIT) :
		      read(s->fd, buf, size);
		count_ret(s->iface, ret, size);
		if (ret > 0 && buf == guard - size) {
			last_read_len = (size_t)ret < sizeof(last_read) ? (size_t)ret : sizeof(last_read);
			memcpy(last_read, buf, last_read_len);
		}
		return;
	case 5: case 6: case 7: case 8:
		if (is_socket(s)) {
			op_netlink_send(s);
			return;
		}
		size = pick_size();
		len = fill_write(size);
		count_ret(s->iface, write(s->fd, pick_buf(len, 1), len), len);
		return;
	case 9:
		size = pick_size();
		count_ret(s->iface, pread(s->fd, pick_buf(size, 0), size, pick_off()), size);
		return;
	case 10:
		len = fill_write(pick_size());
		count_ret(s->iface, pwrite(s->fd, pick_buf(len, 1), len, pick_off()), len);
		return;
	case 11: case 12:
		ret = lseek(s->fd, pick_off(), (int)below(6));	/* 5: no such whence */
		count(s->iface, ret < 0 ? errno : 0);
		return;
	case 13: case 14: case 15: case 16:
		if (is_socket(s))
			return;	/* a socket's ioctls are the network's */
		ret = ioctl(s->fd, pick_cmd(), pick_arg());
		count(s->iface, ret < 0 ? errno : 0);
		if (ret > 0)
			adopt(ret, s->iface);
		return;
	case 17:
		if (!is_socket(s))
			op_mmap(s);
		return;
	case 18: {
		struct pollfd p = { s->fd, (short)(POLLIN | POLLOUT | POLLPRI) & (short)rnd(), 0 };

		ret = poll(&p, 1, 0);
		count(s->iface, ret < 0 ? errno : 0);
		return;
	}
	default:
		if (chance(50))
			ret = fcntl(s->fd, F_SETFL, (int)(O_NONBLOCK | O_ASYNC | O_APPEND) & (int)rnd());
		else
			ret = fcntl(s->fd, F_SETOWN, getpid());
		count(s->iface, ret < 0 ? errno : 0);
	}
}

static void on_alarm(int sig) { (void)sig; }

static void on_fault(int sig)
{
	if (!fault_armed) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	siglongjmp(fault_jmp, 1);
}

/* One fuzzing process: until the deadline or max_ops operations. */
static void child(int num, uint64_t seed, double deadline, unsigned long max_ops)
{
	static const int ignored[] = { SIGIO, SIGPIPE, SIGURG, SIGUSR1, SIGUSR2,
				       SIGHUP, SIGTTIN, SIGTTOU };
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval op_timer = { .it_value.tv_usec = OP_TIMER_US };
	struct itimerval off = { 0 };
	unsigned long ops = 0;

	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		signal(ignored[i], SIG_IGN);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: a sleep gets EINTR */
	sa.sa_handler = on_fault;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	rng = seed ^ (0x51ed27ULL * (uint64_t)(num + 1));
	area = mmap(NULL, AREA + 3 * pagesz, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		_exit(2);
	guard = area + AREA;
	rdonly = guard + pagesz;
	unmapped = rdonly + pagesz;
	mprotect(guard, pagesz, PROT_NONE);
	mprotect(rdonly, pagesz, PROT_READ);
	munmap(unmapped, pagesz);
	while (now() < deadline && (!max_ops || ops < max_ops)) {
		setitimer(ITIMER_REAL, &op_timer, NULL);
		one_op();
		setitimer(ITIMER_REAL, &off, NULL);
		stats->proc_ops[num] = ++ops;	/* so far, if it is killed */
	}
	_exit(0);
}

static const char *err_name(int e)
{
	static char s[16];

	if (e == 0)
		return "ok";
	if (e == ERR_SIGNAL)
		return "SIGBUS/SEGV";
	if (e == ERR_SHORT)
		return "short";
	snprintf(s, sizeof(s), "%s", strerrorname_np(e) ? strerrorname_np(e) : "E?");
	return s;
}

static void print_stats(int i, const char *path, const char *group)
{
	char line[1024];
	int len;

	len = snprintf(line, sizeof(line), "  %s (%s): %lu ops:", path, group, stats->ops[i]);
	for (int e = 0; e < NERR && len < (int)sizeof(line) - 32; e++)
		if (stats->err[i][e])
			len += snprintf(line + len, sizeof(line) - len, " %s %lu", err_name(e),
					stats->err[i][e]);
	ktap_diag("%s", line);
}

/* Run -j processes; 0 when they all ended by themselves, else why not. */
static const char *run_procs(int procs, uint64_t seed, double secs,
			     unsigned long max_ops, char *why, size_t why_len)
{
	pid_t pids[MAX_PROCS];
	int alive = procs, status;
	double start = now(), deadline = max_ops ? start + 3600 : start + secs;
	double kill_at = deadline + 2;
	const char *bad = NULL;

	fflush(stdout);
	for (int i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			child(i, seed, deadline, max_ops);
	}
	while (alive) {
		pid_t p = waitpid(-1, &status, WNOHANG);

		if (p > 0) {
			alive--;
			for (int i = 0; i < procs; i++)
				if (pids[i] == p)
					pids[i] = 0;
			if (!bad && WIFSIGNALED(status)) {
				snprintf(why, why_len, "a process died of signal %d (%s)",
					 WTERMSIG(status), strsignal(WTERMSIG(status)));
				bad = why;
			} else if (!bad && WEXITSTATUS(status)) {
				snprintf(why, why_len, "a process exited %d", WEXITSTATUS(status));
				bad = why;
			}
			continue;
		}
		if (now() > kill_at + KILL_WAIT_S) {
			for (int i = 0; i < procs; i++) {
				char f[64], wchan[64] = "?";
				FILE *w;

				if (!pids[i])
					continue;
				snprintf(f, sizeof(f), "/proc/%d/wchan", pids[i]);
				w = fopen(f, "r");
				if (w) {
					if (!fgets(wchan, sizeof(wchan), w))
						strcpy(wchan, "?");
					fclose(w);
				}
				snprintf(why, why_len, "process %d outlived SIGKILL by %d s, in %s",
					 pids[i], KILL_WAIT_S, wchan);
				sh("sed 's/^/#   /' /proc/%d/stack", pids[i]);
			}
			return why;
		}
		if (now() > kill_at) {
			for (int i = 0; i < procs; i++)
				if (pids[i])
					kill(pids[i], SIGKILL);
			if (!bad) {
				snprintf(why, why_len, "a process was still in the kernel 2 s after the deadline");
				bad = why;
			}
		}
		usleep(10000);
	}
	return bad;
}

/* The kernel's reports, as the runner knows them (REPORTS in /test/run-lib). */
static regex_t reports;

static void load_reports(void)
{
	FILE *p = popen(". /test/run-lib 2>/dev/null && printf '%s' \"$REPORTS\"", "r");
	char re[1024] = "";

	if (p) {
		if (!fgets(re, sizeof(re), p))
			re[0] = '\0';
		pclose(p);
	}
	if (!re[0])
		snprintf(re, sizeof(re), "Oops|BUG:|WARNING:|UBSAN:|Call [Tt]race");
	if (regcomp(&reports, re, REG_EXTENDED | REG_NOSUB))
		exit(2);
}

/* Kernel log records since fd's position (read from /dev/kmsg): print the
 * lines from the first report on (at most 30); 1 if there was one. */
static int kmsg_traces(int fd)
{
	char rec[2048];
	int shown = 0, found = 0;
	ssize_t n;

	while ((n = read(fd, rec, sizeof(rec) - 1)) != 0) {
		char *msg, *end;

		if (n < 0) {
			if (errno == EPIPE)
				continue;	/* overwritten records: go on */
			break;
		}
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = '\0';
		found = found || !regexec(&reports, msg, 0, NULL, 0);
		if (found && shown++ < 30)
			ktap_diag("dmesg: %s", msg);
	}
	return found;
}

struct module_run {
	const char *name, *args;
	uint64_t seed;		/* the run's; the module's follows from it */
	double secs;
	unsigned long max_ops;
	int procs;
};

/* Load, find, fuzz, unload and check one module: one KTAP result. */
static int fuzz_module(const struct module_run *r)
{
	struct list before = { 0 };
	uint64_t nl, mseed = r->seed ^ name_hash(r->name);
	char why[256] = "", replay[512];
	const char *bad = NULL;
	unsigned long total = 0, most = 0;
	double t0 = now();
	int kmsg, groups = 0, ok = 1;

	snapshot(&before);
	nl = netlink_kernel_protos();
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);
	if (sh("modprobe %s %s", r->name, r->args)) {
		list_free(&before);
		if (kmsg >= 0)
			close(kmsg);
		return ktap_ok(0, "%s: modprobe %s %s failed", r->name, r->name, r->args);
	}
	find_ifaces(r->name, &before, nl);
	list_free(&before);
	memset(stats, 0, sizeof(*stats));
	if (n_ifaces)
		bad = run_procs(r->procs, mseed, r->secs, r->max_ops, why, sizeof(why));
	for (int i = 0; i < r->procs; i++) {
		total += stats->proc_ops[i];
		if (stats->proc_ops[i] > most)
			most = stats->proc_ops[i];
	}
	snprintf(replay, sizeof(replay), "/test/fuzz.out -s %" PRIu64 " -n %lu -j %d %s%s%s",
		 r->seed, most, r->procs, r->name, *r->args ? " " : "", r->args);
	if (n_ifaces)
		ktap_diag("%s: interfaces %d, %lu ops by %d processes in %.1f s (replay: %s)",
			  r->name, n_ifaces, total, r->procs, now() - t0, replay);
	for (int i = 0; i < n_ifaces; i++) {
		print_stats(i, ifaces[i].path, ifaces[i].group);
		groups++;
	}
	if (stats->ops[FDS_IFACE])
		print_stats(FDS_IFACE, "fds from the ioctls of", fds_origin ? fds_origin : "?");
	if (bad) {
		ktap_diag("%s: %s", r->name, bad);
		ok = 0;
	}
	if (sh("modprobe -r %s", r->name)) {
		usleep(500000);	/* an fput of a killed process may still be on its way */
		if (sh("modprobe -r %s", r->name)) {
			ktap_diag("%s: modprobe -r failed (refcount %s)", r->name, "in /proc/modules");
			sh("grep '^%s ' /proc/modules | sed 's/^/#   /'", r->name);
			ok = 0;
		}
	}
	if (kmsg >= 0) {
		if (kmsg_traces(kmsg)) {
			ktap_diag("%s: the kernel logged a trace", r->name);
			ok = 0;
		}
		close(kmsg);
	}
	return ktap_ok(ok, "%s: interfaces %d, %lu ops%s", r->name, groups, total,
		       n_ifaces ? "" : " (none: load and unload only)");
}

/* "NAME MODE REST" lines of /test/stress: MODE (skip, no-fuzz, args) and the
 * rest (its reason, or the args) of module name, or NULL. */
static char *stress_line(const char *name, char *mode, size_t mode_len)
{
	FILE *f = fopen("/test/stress", "r");
	char line[512], n[128], m[32];
	int off;

	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%127s %31s %n", n, m, &off) == 2 && !strcmp(n, name)) {
			fclose(f);
			line[strcspn(line, "\n")] = '\0';
			snprintf(mode, mode_len, "%s", m);
			return strdup(line + off);
		}
	}
	fclose(f);
	return NULL;
}

/* Was module name built: has modules.dep a line "DIR/NAME.ko:"? (The
 * shell's grep costs a fork a module, which a debug kernel makes slow.) */
static int built(const char *deps, const char *name)
{
	char key[160];

	snprintf(key, sizeof(key), "/%s.ko:", name);
	return strstr(deps, key) != NULL;
}

/* All of a file, or "". */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return strdup("");
	do {
		if (cap - len < 4096) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				exit(2);
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* The test: every module of /test/examples in one run, -T seconds shared,
 * within 75% of the runner's timeout (LKMP_TEST_TIMEOUT, default 60 s): a
 * module that would end past it is skipped. (A debug kernel is ten times
 * slower: there a plain run covers a part.) The modules are taken in turn
 * from one the seed picks, so that such runs cover different parts. */
static int fuzz_all(struct module_run *r, double budget, int per_module)
{
	FILE *f = fopen("/test/examples", "r");
	const char *timeout = getenv("LKMP_TEST_TIMEOUT");
	struct list mods = { 0 };
	char line[512], name[128], unmet[256], mode[32];
	double start = now(), limit = timeout ? atof(timeout) : 60;
	double end = start + budget, hard_end = start + 0.75 * limit, overhead = 0.5;
	size_t first;
	struct utsname u;
	char *deps;

	if (!f)
		ktap_skip_all("no /test/examples");
	uname(&u);
	snprintf(line, sizeof(line), "/lib/modules/%s/modules.dep", u.release);
	deps = slurp(line);
	while (fgets(line, sizeof(line), f)) {
		char entry[512];
		int off = 0;

		if (sscanf(line, "%*s %127s %n", name, &off) != 1)
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(entry, sizeof(entry), "%s %s", name, line + off);
		list_add(&mods, entry);
	}
	fclose(f);
	qsort(mods.s, mods.n, sizeof(*mods.s), cmp_str);
	if (end > hard_end)
		end = hard_end;
	first = mods.n ? r->seed % mods.n : 0;
	ktap_plan((int)mods.n);
	ktap_diag("fuzz: seed %" PRIu64 ", %d processes, %s, from module %zu of %zu on", r->seed,
		  r->procs, per_module ? "a fixed time per module" : "the time shared by the modules",
		  first + 1, mods.n);
	for (size_t k = 0; k < mods.n; k++) {
		size_t i = (first + k) % mods.n;
		char *rest;
		double t0;

		unmet[0] = '\0';
		sscanf(mods.s[i], "%127s %255[^\n]", name, unmet);
		rest = stress_line(name, mode, sizeof(mode));
		if (*unmet) {
			ktap_ok(1, "%s # SKIP needs %s", name, unmet);
		} else if (!built(deps, name)) {
			ktap_ok(1, "%s # SKIP not built for this kernel", name);
		} else if (rest && strcmp(mode, "args")) {
			ktap_ok(1, "%s # SKIP Stress: %s %s", name, mode, rest);
		} else if (now() + overhead + (per_module ? r->secs : 0.2) > hard_end) {
			ktap_ok(1, "%s # SKIP out of time: %.0f s of the runner's %.0f were spent (another seed starts elsewhere)",
				name, now() - start, limit);
		} else {
			if (!per_module) {
				r->secs = (end - now()) / (double)(mods.n - k) - overhead;
				if (r->secs < 0.2)
					r->secs = 0.2;
			}
			r->name = name;
			r->args = rest ? rest : "";
			t0 = now();
			fuzz_module(r);
			if (now() - t0 - r->secs > overhead)
				overhead = now() - t0 - r->secs;	/* the worst so far */
		}
		free(rest);
	}
	list_free(&mods);
	free(deps);
	return ktap_finish();
}

static void usage(void)
{
	fprintf(stderr,
		"usage: fuzz.out [-s SEED] [-t SECONDS | -n OPS] [-j PROCS] MODULE [ARGS...]\n"
		"       fuzz.out [-s SEED] [-T SECONDS] [-j PROCS]   (every module: the test)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *env_seed = getenv("LKMP_FUZZ_SEED"), *mode = getenv("LKMP_STRESS");
	int full = mode && !strcmp(mode, "full");
	struct module_run r = {
		.seed = env_seed ? strtoull(env_seed, NULL, 0) : (uint64_t)time(NULL) ^ (uint64_t)getpid(),
		.secs = full ? 10 : 1, .procs = full ? 4 : 2,
	};
	double budget = 25;
	int opt, timed = 0;
	char args[1024] = "";

	pagesz = sysconf(_SC_PAGESIZE);
	ifaces[FDS_IFACE].proto = -1;
	while ((opt = getopt(argc, argv, "+s:t:n:j:T:h")) != -1) {
		switch (opt) {
		case 's': r.seed = strtoull(optarg, NULL, 0); break;
		case 't': r.secs = atof(optarg); timed = 1; break;
		case 'n': r.max_ops = strtoul(optarg, NULL, 0); break;
		case 'j': r.procs = atoi(optarg); break;
		case 'T': budget = atof(optarg); break;
		default: usage();
		}
	}
	if (r.procs < 1 || r.procs > MAX_PROCS || r.secs <= 0)
		usage();
	stats = mmap(NULL, sizeof(*stats), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	load_reports();
	if (optind == argc)
		return fuzz_all(&r, budget, full || timed);
	for (int i = optind + 1; i < argc; i++)
		snprintf(args + strlen(args), sizeof(args) - strlen(args), "%s%s",
			 i > optind + 1 ? " " : "", argv[i]);
	r.name = argv[optind];
	r.args = args;
	ktap_plan(1);
	ktap_diag("fuzz: seed %" PRIu64 ", %d processes", r.seed, r.procs);
	fuzz_module(&r);
	return ktap_finish();
}
