# irq_shared: our handler shares ttyS0's IRQ 4 and counts its interrupts.
. /test/lib.sh
C=/sys/kernel/debug/irq_shared/count
plan 12
check_fails "a line that does not exist is refused" modprobe irq_shared irq=9999
check_dmesg "request_irq failed with EINVAL" 'irq_shared: request_irq\(9999\) failed: -22'
check_fails "a negative line is refused" modprobe irq_shared irq=-1
check "load on IRQ 4" modprobe irq_shared
check_dmesg "init message" 'irq_shared: init$'
check "/proc/interrupts lists us next to ttyS0" grep -qE '^ *4: .*ttyS0, irq_shared$' /proc/interrupts
before=$(cat $C)
# Each line sent to the serial port makes it interrupt for more bytes; the
# lines are KTAP comments, harmless in the test output.
i=0
while [ $i -lt 20 ]; do
	echo "# irq_shared: making serial interrupts ($i)" > /dev/ttyS0
	i=$((i + 1))
done
after=$(cat $C)
check "the count grew ($before -> $after)" [ "$after" -gt "$before" ]
check "ttyS0 still works (it handled them)" sh -c 'echo "# irq_shared: still here" > /dev/ttyS0'
_err=$(sh -c "echo 0 > $C" 2>&1)
check_eq "count is read-only" "sh: write error: Permission denied" "$_err"
check "unload" rmmod irq_shared
check_dmesg "exit message" 'irq_shared: exit after [0-9]+ interrupts$'
check_eq "our name left /proc/interrupts" "" "$(grep irq_shared /proc/interrupts)"
finish
