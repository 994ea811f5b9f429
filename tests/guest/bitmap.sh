# bitmap: allocate ids until full (ENOSPC), free some, the lowest free id comes back.
. /test/lib.sh
P=/proc/bitmap
cmd() { (echo "$@" > $P) 2>&1; }
field() { awk -v f="$1" '$1 == f { print $2 }' $P; }
plan 17
check "modprobe bitmap" modprobe bitmap
check_dmesg "init message" '^\[.*\] bitmap: init$'
check_eq "starts empty" "weight 0
used 
first_zero 0" "$(cat $P)"
_e=""
for i in $(seq 1 16); do [ -z "$(cmd alloc)" ] || _e="$_e $i"; done
check_eq "16 allocs succeed" "" "$_e"
check_dmesg "ids are handed out lowest first" 'bitmap: alloc 15$'
check_eq "weight is 16" 16 "$(field weight)"
check_eq "ids 0-15 in use" "0-15" "$(field used)"
check_eq "alloc when full: ENOSPC" "sh: write error: No space left on device" "$(cmd alloc)"
cmd free 3; cmd free 7; cmd free 8
check_eq "free clears bits" "0-2,4-6,9-15" "$(field used)"
check_eq "weight follows" 13 "$(field weight)"
check_eq "first_zero is the lowest free id" 3 "$(field first_zero)"
dmesg -c > /dev/null
cmd alloc
check_dmesg "alloc reuses id 3" 'bitmap: alloc 3$'
check_eq "free of an id not taken: ENOENT" "sh: write error: No such file or directory" "$(cmd free 7)"
_e=""
for bad in "free 16" "free 999" "free -1" "free" "free x" "alloc 2" "take"; do
	[ "$(cmd $bad)" = "sh: write error: Invalid argument" ] || _e="$_e [$bad]"
done
check_eq "out-of-range ids and bad commands: EINVAL" "" "$_e"
check_eq "refused commands changed nothing" "0-6,9-15" "$(field used)"
check "rmmod bitmap" rmmod bitmap
check_dmesg "exit reports the ids in use" '^\[.*\] bitmap: exit, 14 ids were in use$'
finish
