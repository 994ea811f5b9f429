# rbtree: insert/erase/find through /proc/rbtree; the in-order dump is sorted.
. /test/lib.sh
P=/proc/rbtree
cmd() { (echo "$@" > $P) 2>&1; }
plan 15
check "modprobe rbtree" modprobe rbtree
check_dmesg "init message" '^\[.*\] rbtree: init$'
# 20 keys in a scrambled order: (k * 7) mod 20, minus 10
for i in $(seq 0 19); do cmd insert $(((i * 7) % 20 - 10)); done
check_eq "in-order dump is sorted" "-10 -9 -8 -7 -6 -5 -4 -3 -2 -1 0 1 2 3 4 5 6 7 8 9" "$(cat $P)"
check_eq "duplicate insert: EEXIST" "sh: write error: File exists" "$(cmd insert 3)"
check_eq "find an existing key succeeds" "" "$(cmd find 3)"
check_eq "find a missing key: ENOENT" "sh: write error: No such file or directory" "$(cmd find 100)"
for k in -10 0 9 4; do cmd erase $k; done
check_eq "erase removes keys, order kept" "-9 -8 -7 -6 -5 -4 -3 -2 -1 1 2 3 5 6 7 8" "$(cat $P)"
check_eq "erase a missing key: ENOENT" "sh: write error: No such file or directory" "$(cmd erase 0)"
check_eq "find an erased key: ENOENT" "sh: write error: No such file or directory" "$(cmd find 4)"
check_eq "unknown command: EINVAL" "sh: write error: Invalid argument" "$(cmd delete 1)"
check_eq "missing key: EINVAL" "sh: write error: Invalid argument" "$(cmd insert)"
check_eq "bad key: EINVAL" "sh: write error: Invalid argument" "$(cmd insert five)"
check_eq "refused commands changed nothing" "-9 -8 -7 -6 -5 -4 -3 -2 -1 1 2 3 5 6 7 8" "$(cat $P)"
check "rmmod rbtree" rmmod rbtree
check_dmesg "exit frees the 16 nodes left" '^\[.*\] rbtree: exit, freed 16 nodes$'
finish
