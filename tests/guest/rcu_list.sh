#!/bin/sh
# rcu_list: add and remove entries of an RCU list through a file, read it
# back; a lockless reader thread follows the changes; under stress, a reader
# inside at each unlink has left when synchronize_rcu() returns.
. /test/lib.sh
F=/sys/kernel/debug/rcu_list/list
list() { cat $F | tr '\n' ' ' | sed 's/ $//'; }
plan 24
check "modprobe rcu_list" modprobe rcu_list
check_dmesg "init message" 'rcu_list: init$'
check_eq "the list starts empty" "" "$(list)"
check "add 3" sh -c "echo add 3 > $F"
check "add 7" sh -c "echo add 7 > $F"
check "add 5" sh -c "echo add 5 > $F"
check_eq "read back, newest first" "5 7 3" "$(list)"
check "the reader thread sees the sum 15" wait_dmesg 'rcu_list: reader: sum is now 15$'
check "del 7 (waits for a grace period)" sh -c "echo del 7 > $F"
check_eq "7 is gone" "5 3" "$(list)"
check "the reader thread sees the sum 8" wait_dmesg 'rcu_list: reader: sum is now 8$'
check "stress 10: adds and deletes beside a busy reader" sh -c "echo stress 10 > $F"
diag "$(dmesg | grep -o 'stress: .*')"
check_dmesg "deletions overlapped the reader" 'rcu_list: stress: 10 deletions, [1-9][0-9]* with a reader inside'
check_dmesg "no reader outlived a grace period" 'rcu_list: stress: 10 deletions, [0-9]+ with a reader inside, 0 readers outlived a grace period$'
check_eq "the list is as before" "5 3" "$(list)"
check_eq "stress 0: ERANGE" "sh: write error: Numerical result out of range" "$(echo_to $F 'stress 0')"
check_eq "adding 5 again: EEXIST" "sh: write error: File exists" "$(echo_to $F 'add 5')"
check_eq "deleting 9: ENOENT" "sh: write error: No such file or directory" "$(echo_to $F 'del 9')"
check_eq "unknown command: EINVAL" "sh: write error: Invalid argument" "$(echo_to $F 'push 1')"
check "clear (kfree_rcu)" sh -c "echo clear > $F"
check_eq "the list is empty" "" "$(list)"
check "add 1 before unloading" sh -c "echo add 1 > $F"
check "rmmod rcu_list (frees what is left)" rmmod rcu_list
check_dmesg "exit message" 'rcu_list: exit$'
finish
