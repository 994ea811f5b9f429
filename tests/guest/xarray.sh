# xarray: ids allocated by xa_alloc, looked up, erased and reused via /proc/xarray.
. /test/lib.sh
P=/proc/xarray
cmd() { (echo "$@" > $P) 2>&1; }
NOENT="sh: write error: No such file or directory"
plan 17
check "modprobe xarray" modprobe xarray
check_dmesg "init message" '^\[.*\] xarray: init$'
for w in alpha beta gamma delta; do cmd add $w; done
check_eq "ids are allocated from 1, in order" "1 alpha
2 beta
3 gamma
4 delta" "$(cat $P)"
check_dmesg "add logs the new id" 'xarray: add 3 = gamma$'
check_eq "get 2 succeeds" "" "$(cmd get 2)"
check_dmesg "get logs the text at id 2" 'xarray: get 2 = beta$'
check_eq "del 2 succeeds" "" "$(cmd del 2)"
check_eq "get 2 after del: ENOENT" "$NOENT" "$(cmd get 2)"
check_eq "del 2 again: ENOENT" "$NOENT" "$(cmd del 2)"
check_eq "get of an id never allocated: ENOENT" "$NOENT" "$(cmd get 1000)"
cmd add epsilon
check_dmesg "the lowest free id (2) is reused" 'xarray: add 2 = epsilon$'
for w in f g h i; do cmd add $w; done
check_eq "ids 1..8 all taken" 8 "$(wc -l < $P)"
check_eq "add when full: EBUSY" "sh: write error: Device or resource busy" "$(cmd add overflow)"
_e=""
for bad in "add" "get" "get two" "put 1" "add 0123456789012345678901234567890123"; do
	[ "$(cmd $bad)" = "sh: write error: Invalid argument" ] || _e="$_e [$bad]"
done
check_eq "bad commands: EINVAL" "" "$_e"
check_eq "refused commands changed nothing" "1 alpha 2 epsilon 3 gamma 4 delta 5 f 6 g 7 h 8 i" "$(cat $P | tr '\n' ' ' | sed 's/ $//')"
check "rmmod xarray" rmmod xarray
check_dmesg "exit frees the 8 entries" '^\[.*\] xarray: exit, freed 8 entries$'
finish
