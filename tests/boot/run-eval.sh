#!/usr/bin/env bash
# ./run -E: commands replace init, any quoting survives, ./run exits with
# their status; -i boots the initrd; -f runs commands at the end of init.
source "$(dirname "$0")/lib.sh"

guest st -s -E 'printf "<%s>\n" "a  b" '"'"'$HOME;x'"'"'
exit 7'
expect "-E: exit status 7 comes back" [ "$st" = 7 ]
expect "-E: quotes, \$, ; and newlines survive" saw '^<a  b>$'
expect "-E: ... and single quotes too" saw '^<\$HOME;x>$'

guest st -i -E 'grep -q "^rootfs / " /proc/mounts && ! grep -q /dev/vda /proc/mounts && test -x /test/run'
expect "-i: the initrd is the root filesystem" [ "$st" = 0 ]

guest st -s -f 'echo "f-hook ran after $(ls /etc/init.d | wc -l) scripts"; /poweroff.out'
expect "-f: the hook runs at the end of BusyBox init" saw '^f-hook ran after [0-9]+ scripts$'
expect "-f: /poweroff.out ends QEMU (exit 0)" [ "$st" = 0 ]
expect "-f: ... through a real power off" saw 'reboot: Power down'
exit $fail
