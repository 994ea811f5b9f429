// SPDX-License-Identifier: GPL-2.0
/*
 * poweroff: power the machine off with the raw reboot(2) syscall, without
 * going through init. Useful as the last command of a custom init (-E).
 *
 * Guest: /poweroff.out        -> QEMU exits.
 */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	perror("poweroff: reboot");
	return 1;
}
