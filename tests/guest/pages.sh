#!/bin/sh
# pages: the translations page <-> pfn <-> phys <-> virt agree, physical
# addresses are aligned to the allocation's size and lie in System RAM.
. /test/lib.sh
# get KEY: the value of KEY in the last snapshot of /proc/pages
get() { printf '%s\n' "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
# in_ram ADDR: ADDR falls in a top-level "System RAM" range of /proc/iomem
in_ram() {
	grep ' : System RAM$' /proc/iomem | grep -v '^ ' | {
		while IFS='- ' read -r lo hi _; do
			[ $(($1 >= 0x$lo && $1 <= 0x$hi)) = 1 ] && exit 0
		done
		exit 1
	}
}
# checks PREFIX ALIGN: the translation checks for one allocation
checks() {
	v=$(get ${1}virt) p=$(get ${1}phys)
	check_eq "${1}phys_to_virt(virt_to_phys(virt)) == virt" "$v" "$(get ${1}phys_to_virt)"
	check_eq "${1}pfn << PAGE_SHIFT == phys" $(($p)) $(($(get ${1}pfn) << 12))
	check_eq "${1}phys is aligned to $2 bytes" 0 $(($p % $2))
	check "${1}phys $p is in System RAM" in_ram $p
	check_eq "${1}virt_to_page gives the same struct page" same "$(get ${1}virt_to_page)"
	check_eq "${1}data written via virt reads back via phys_to_virt" same "$(get ${1}data)"
}
plan 24
check_fails "order=11 is refused" modprobe pages order=11
check "modprobe pages" modprobe pages
check_dmesg "init message" '^\[.*\] pages: init, order 0$'
OUT=$(cat /proc/pages)
check_eq "one page" 1 "$(get pages)"
checks "" 4096
checks gfp_ 4096
check_eq "both lie in the direct map: same virt - phys offset" \
	$(($(get virt) - $(get phys))) $(($(get gfp_virt) - $(get gfp_phys)))
check_eq "write to the read-only file: EIO" "sh: write error: Input/output error" \
	"$( (echo 1 > /proc/pages) 2>&1)"
check "rmmod pages" rmmod pages
check_dmesg "exit message" '^\[.*\] pages: exit$'
check "modprobe pages order=3" modprobe pages order=3
OUT=$(cat /proc/pages)
check_eq "8 pages" 8 "$(get pages)"
check_eq "an order-3 block is aligned to its 32 KiB size" 0 $(($(get phys) % 32768))
check "rmmod pages" rmmod pages
finish
