# memory: each allocator's result for small, large and absurd sizes; the
# module's own kmem_cache counts its objects and frees them all on unload.
. /test/lib.sh
P=/proc/memory
cmd() { (echo "$@" > $P) 2>&1; }
line() { grep "^$1 " $P; }
EINVAL="sh: write error: Invalid argument"
plan 25
check_fails "size=0 is refused" modprobe memory size=0
check_fails "size=abc is refused" modprobe memory size=abc
check "modprobe memory size=100" modprobe memory size=100
check_dmesg "init message" '^\[.*\] memory: init$'
check_eq "the parameter set the first size" "size 100" "$(line size)"
check_eq "kmalloc(100) comes from the 128-byte class" "kmalloc ok 128" "$(line kmalloc)"
check_eq "kzalloc zeroes" "kzalloc ok zeroed" "$(line kzalloc)"
check_eq "krealloc to 200 keeps the content" "krealloc ok 256 kept" "$(line krealloc)"
check_eq "vmalloc(100) works" "vmalloc ok" "$(line vmalloc)"
check_eq "kvmalloc(100) uses kmalloc" "kvmalloc ok kmalloc" "$(line kvmalloc)"
check_eq "alloc 8 MiB is accepted" "" "$(cmd alloc 8388608)"
check_eq "kmalloc(8 MiB) fails: above KMALLOC_MAX_SIZE" "kmalloc -ENOMEM" "$(line kmalloc)"
check_eq "vmalloc(8 MiB) works" "vmalloc ok" "$(line vmalloc)"
check_eq "kvmalloc(8 MiB) falls back to vmalloc" "kvmalloc ok vmalloc" "$(line kvmalloc)"
check_eq "alloc 1 TiB: ENOMEM" "sh: write error: Cannot allocate memory" "$(cmd alloc 1099511627776)"
check_eq "every allocator failed quietly" "kmalloc -ENOMEM kzalloc -ENOMEM vmalloc -ENOMEM kvmalloc -ENOMEM" \
	"$(grep -E '^(kmalloc|kzalloc|vmalloc|kvmalloc) ' $P | tr '\n' ' ' | sed 's/ $//')"
_e=""
for bad in "alloc 0" "alloc" "alloc -5" "alloc 12kb" "cache 0" "cache 1001" "drop 1" "free"; do
	[ "$(cmd $bad)" = "$EINVAL" ] || _e="$_e [$bad]"
done
check_eq "bad commands and out-of-range counts: EINVAL" "" "$_e"
cmd cache 10; cmd cache 5
check_eq "15 cache objects live" "cache_live 15" "$(line cache_live)"
cmd drop; cmd cache 7
check_eq "drop freed them: 7 live" "cache_live 7" "$(line cache_live)"
check_eq "22 allocated in all" "cache_allocs 22" "$(line cache_allocs)"
check_eq "15 freed" "cache_frees 15" "$(line cache_frees)"
check "rmmod memory" rmmod memory
check_dmesg "exit frees the 7 objects, none live" '^\[.*\] memory: exit, freed 7 objects, 0 live$'
check_eq "module gone" "" "$(grep '^memory ' /proc/modules)"
# A cache destroyed with objects still allocated would log an error and a trace.
check_eq "no slab error logged" "" "$(dmesg | grep -E 'kmem_cache_destroy|Objects remaining')"
finish
