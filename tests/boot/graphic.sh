#!/usr/bin/env bash
# ./run -x: a graphic window (here inside Xvfb) with the VGA console as the
# guest's /dev/console; the exit status still reaches ./run over serial.
source "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null || skip_all "no xvfb-run (./setup installs it)"
[[ -n $GRAPHIC_CONSOLE ]] || skip_all "$ARCH has no graphic console (arch/$ARCH.conf)"
xvfb-run -a ./run -a "$ARCH" -x -s -t 120 \
	-E "cat /proc/consoles >/dev/$CONSOLE; grep -q '^$GRAPHIC_CONSOLE .*(EC' /proc/consoles && exit 5; exit 1" \
	</dev/null >"$OUT" 2>&1
st=$?
expect "-x: $GRAPHIC_CONSOLE is /dev/console (C), and the status comes back" [ "$st" = 5 ]
expect "-x: QEMU opened a window (no -display none)" eval '! grep -q -- "-display none" "$ARCH_OUT/run.log"'
expect "-x: the guest has the graphic console ($GRAPHIC_CONSOLE)" saw "^$GRAPHIC_CONSOLE +-W"
exit $fail
