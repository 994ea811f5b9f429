#!/bin/sh
# irq_shared: our handler shares the console UART's interrupt line and
# counts its interrupts (ttyS0 on IRQ 4 on x86_64, ttyAMA0 on aarch64).
. /test/lib.sh
C=/sys/kernel/debug/irq_shared/count
tty=$(sed 's/.* //' /sys/class/tty/console/active)
irq=$(cat "/sys/class/tty/$tty/irq")
# Interrupts of line $irq so far, all CPUs (/proc/interrupts).
irq_total() {
	awk -v l="$irq:" '$1 == l { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts
}
# Each line sent to the serial port makes it interrupt for more bytes; the
# lines are KTAP comments, harmless in the test output.
make_output() {
	i=0
	while [ $i -lt 20 ]; do
		echo "# irq_shared: making serial interrupts ($1 $i)" > "/dev/$tty"
		i=$((i + 1))
	done
}
# Does the UART interrupt on output at all? QEMU's 8250 does (transmitter
# empty); its PL011 (aarch64) sends each byte at once, its FIFO never fills,
# and the driver only enables the TX interrupt when it does: no interrupt.
u0=$(irq_total)
make_output uart
u1=$(irq_total)
plan 12
check_fails "a line that does not exist is refused" modprobe irq_shared irq=9999
check_dmesg "request_irq failed with EINVAL" 'irq_shared: request_irq\(9999\) failed: -22'
check_fails "a negative line is refused" modprobe irq_shared irq=-1
check "load on $tty's IRQ $irq" modprobe irq_shared irq="$irq"
check_dmesg "init message" 'irq_shared: init$'
check "/proc/interrupts lists us on that line" grep -qE "^ *$irq: .*, irq_shared\$" /proc/interrupts
before=$(cat $C)
make_output shared
after=$(cat $C)
if [ "$u1" -gt "$u0" ]; then
	check "the count grew ($before -> $after)" [ "$after" -gt "$before" ]
else
	skip "the count grew ($before -> $after)" "$tty does not interrupt on output (line $irq: $u0 -> $u1)"
fi
check "$tty still works (it handled them)" sh -c "echo '# irq_shared: still here' > /dev/$tty"
_err=$(sh -c "echo 0 > $C" 2>&1)
check_eq "count is read-only" "sh: write error: Permission denied" "$_err"
check "unload" rmmod irq_shared
check_dmesg "exit message" 'irq_shared: exit after [0-9]+ interrupts$'
check_eq "our name left /proc/interrupts" "" "$(grep irq_shared /proc/interrupts)"
finish
