# hashtable: set/get/del by key through /proc/hashtable; colliding keys share a bucket.
. /test/lib.sh
P=/proc/hashtable
cmd() { (echo "$@" > $P) 2>&1; }
# bucket_of KEY: the bucket column of KEY's line in the dump
bucket_of() { awk -v k="$1" '$2 == k { print $1 }' $P; }
plan 18
check "modprobe hashtable" modprobe hashtable
check_dmesg "init message" '^\[.*\] hashtable: init$'
for k in $(seq 1 20); do cmd set $k v$k; done
check_eq "20 entries listed" 20 "$(wc -l < $P)"
check_eq "each key has its value" "$(seq 1 20 | sed 's/.*/& v&/')" "$(cut -d' ' -f2- $P | sort -n)"
check_eq "the dump goes bucket by bucket" "$(cut -d' ' -f1 $P | sort -n)" "$(cut -d' ' -f1 $P)"
check "20 keys in 8 buckets: some buckets hold several" test -n "$(cut -d' ' -f1 $P | uniq -d)"
check_eq "get 13 succeeds" "" "$(cmd get 13)"
check_dmesg "get logs the value and the key's bucket" "hashtable: get 13 = v13 \(bucket $(bucket_of 13)\)$"
cmd set 13 thirteen
check_eq "set on an existing key replaces its value" "thirteen" "$(awk '$2 == 13 { print $3 }' $P)"
check_eq "and adds no entry" 20 "$(wc -l < $P)"
cmd del 13
check_eq "del removes the entry" "" "$(awk '$2 == 13' $P)"
check_eq "get of a deleted key: ENOENT" "sh: write error: No such file or directory" "$(cmd get 13)"
check_eq "del of a missing key: ENOENT" "sh: write error: No such file or directory" "$(cmd del 99)"
_e=""
for bad in "set 1" "set 1 sixteen_chars_xx" "get x" "get 1 extra" "frob 1" "get -1"; do
	[ "$(cmd $bad)" = "sh: write error: Invalid argument" ] || _e="$_e [$bad]"
done
check_eq "bad commands: EINVAL" "" "$_e"
check_eq "refused commands changed nothing" "v1" "$(awk '$2 == 1 { print $3 }' $P)"
check_eq "19 entries left" 19 "$(wc -l < $P)"
check "rmmod hashtable" rmmod hashtable
check_dmesg "exit frees the 19 entries" '^\[.*\] hashtable: exit, freed 19 entries$'
finish
