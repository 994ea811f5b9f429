// SPDX-License-Identifier: GPL-2.0
/*
 * sleep_forever: a process that does nothing, forever; something to attach
 * a debugger to, or to find in ps, /proc or lx-ps.
 *
 * Guest: /sleep_forever.out &    then: ps | grep sleep_forever
 */
#include <unistd.h>

int main(void)
{
	for (;;)
		pause();
}
