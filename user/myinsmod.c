// SPDX-License-Identifier: GPL-2.0
/*
 * myinsmod: insert a kernel module with the raw finit_module(2) syscall,
 * which is what insmod does under the hood.
 *
 * Guest: /myinsmod.out /hello.ko        -> dmesg: "hello: init"
 *        /myinsmod.out /params.ko 'i=3'  (parameters as one string)
 * Exit status 0 on success, else the errno is printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *params = argc > 2 ? argv[2] : "";
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: %s MODULE.ko [PARAMS]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "myinsmod: open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (syscall(SYS_finit_module, fd, params, 0)) {
		fprintf(stderr, "myinsmod: finit_module %s: %s\n", argv[1], strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}
