# list: list_head operations driven through /proc/list, read back in order.
. /test/lib.sh
P=/proc/list
# cmd WORDS...: write one command, print the shell's error message if refused.
cmd() { (echo "$@" > $P) 2>&1; }
plan 16
check "modprobe list" modprobe list
check_dmesg "init message" '^\[.*\] list: init$'
check_eq "starts empty" "" "$(cat $P)"
cmd tail 3; cmd tail 1; cmd add 2; cmd tail 5; cmd add 4
check_eq "add puts at the head, tail at the tail" "4 2 3 1 5" "$(cat $P)"
cmd del 3
check_eq "del removes the entry" "4 2 1 5" "$(cat $P)"
cmd front 5
check_eq "front (list_move) moves 5 to the head" "5 4 2 1" "$(cat $P)"
cmd tail 2; cmd add -7
cmd sort
check_eq "sort is ascending" "-7 1 2 2 4 5" "$(cat $P)"
check_eq "del of a missing value: ENOENT" "sh: write error: No such file or directory" "$(cmd del 42)"
check_eq "unknown command: EINVAL" "sh: write error: Invalid argument" "$(cmd push 1)"
check_eq "bad number: EINVAL" "sh: write error: Invalid argument" "$(cmd add 1x)"
check_eq "missing number: EINVAL" "sh: write error: Invalid argument" "$(cmd add)"
check_eq "too long a command: EINVAL" "sh: write error: Invalid argument" "$(cmd add 1111111111111111111111111111111111)"
check_eq "refused commands changed nothing" "-7 1 2 2 4 5" "$(cat $P)"
cmd clear; cmd tail 8; cmd tail 9
check_eq "clear empties it" "8 9" "$(cat $P)"
check "rmmod list" rmmod list
check_dmesg "exit frees the 2 entries left" '^\[.*\] list: exit, freed 2 entries$'
finish
