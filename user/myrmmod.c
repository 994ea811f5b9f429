// SPDX-License-Identifier: GPL-2.0
/*
 * myrmmod: remove a kernel module with the raw delete_module(2) syscall,
 * which is what rmmod does under the hood.
 *
 * Guest: /myrmmod.out hello   -> dmesg: "hello: exit"
 * A module that is not loaded gives ENOENT; one in use gives EWOULDBLOCK.
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
	if (argc != 2) {
		fprintf(stderr, "usage: %s MODULE_NAME\n", argv[0]);
		return 2;
	}
	if (syscall(SYS_delete_module, argv[1], O_NONBLOCK)) {
		fprintf(stderr, "myrmmod: delete_module %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
