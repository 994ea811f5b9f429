#!/bin/sh
# init for ./run -E: mount the basics, run the base64-decoded commands from
# lkmp_eval, print their exit status for the host, power off.
. /etc/init.d/lkmp-mounts
# lkmp_eval=disk: the script is on a raw disk whose first line is
# "#lkmp-eval" (./run does that where the command line is short, CMDLINE_MAX).
if [ "$lkmp_eval" = disk ]; then
	for d in /dev/vd?; do
		[ "$(head -c 10 "$d")" = "#lkmp-eval" ] && lkmp_eval=$(sed -n 2p "$d")
	done
fi
printf '%s' "$lkmp_eval" | base64 -d >/tmp/lkmp-eval.sh
sh /tmp/lkmp-eval.sh
status=$?
# On every console (with ./run -x, /dev/console is the screen; the host reads
# the serial one).
for c in $(cut -d' ' -f1 /proc/consoles); do
	echo "<<lkmp-exit-status $status>>" >"/dev/$c"
done
sync
poweroff -f
