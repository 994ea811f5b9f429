# shellcheck shell=bash
# The QEMU command line, built from the arch data file and ./run's options
# into the array QEMU_CMD. Kept free of side effects so tests can check it.
# Inputs (set by ./run): MEM CPUS ROOTFS(disk|initrd|initramfs) GRAPHIC KVM
# GDB_PORT(empty = no stub) WAIT_GDB CMDLINE_EXTRA EVAL_B64 FINIT_B64
# SNAPSHOT QEMU_EXTRA_ARGS[] CONSOLE_LOG MONITOR_SOCK KGDB_SOCK
# BOOT_LIMIT (seconds of the boot watchdog, 0 = off)
# SHARE (1: the virtio-9p shares), SHARE_DIR (-S DIR, shared at /mnt/host)
# GDBSERVER_FWD (host port forwarded to the guest's gdbserver, 45459)
# LKMP_DISK (environment): another disk image than images/rootfs.ext4
# EVAL_DISK (set by fit_cmdline): the raw disk carrying the -E script

# What the boot watchdog takes for a sign of life on the console: lkmp's
# init saying so (asked by lkmp_watchdog=1), or any kernel message (the
# banner when not quiet, a panic even when quiet).
BOOT_ALIVE_ERE='^lkmp: user space is up|Linux version [0-9]|Kernel panic|^\[ *[0-9]+\.[0-9]+\] '

kernel_cmdline() {
	# quiet: boot messages are not printed (under TCG each byte to the serial
	# port is slow, ~0.4 s a boot); dmesg has them, -e loglevel=8 shows them.
	# With the boot watchdog on and init replaced by the user's (-e init=...),
	# nothing of ours will print: then the kernel's banner is the sign.
	local c="console=$CONSOLE panic=-1 nokaslr" init=init
	if ((${BOOT_LIMIT:-0})) && [[ " $CMDLINE_EXTRA" =~ \ (rd)?init= ]]; then
		c+=" loglevel=6"
	else
		c+=" quiet"
	fi
	((${BOOT_LIMIT:-0})) && c+=" lkmp_watchdog=1"
	[[ $ROOTFS == disk ]] && c+=" root=$ROOT_DEV rootwait ro" || init=rdinit
	[[ $ROOTFS == disk ]] || [[ -n $EVAL_B64 ]] || c+=" rdinit=/sbin/init"
	((GRAPHIC)) && c+=" console=$GRAPHIC_CONSOLE"
	[[ -n ${KGDB_SOCK:-} ]] && c+=" kgdboc=$KGDB_SERIAL,115200"
	[[ -n ${KERNEL_ARGS:-} ]] && c+=" $KERNEL_ARGS"
	# The debug kernel reports every KASAN bug of a boot, not only the first.
	[[ ${LKMP_VARIANT:-} == debug ]] && c+=" kasan_multi_shot"
	[[ -n $EVAL_B64 ]] && c+=" $init=/lkmp-eval.sh lkmp_eval=${EVAL_DISK:+disk}"
	[[ -n $EVAL_B64 && -z ${EVAL_DISK:-} ]] && c+=$EVAL_B64
	[[ -n $FINIT_B64 ]] && c+=" lkmp_f=$FINIT_B64"
	[[ -n $CMDLINE_EXTRA ]] && c+=" $CMDLINE_EXTRA"
	printf '%s' "$c"
}

# Some boards pass only a short kernel command line (CMDLINE_MAX in the arch
# file: Malta's boot loader emulation keeps 255 bytes). There a -E script
# that does not fit travels on a small raw disk instead (EVAL_DISK: ./run
# writes it, the guest's /lkmp-eval.sh finds it by its first line); any
# other overflow is an error, not a silently cut command line.
fit_cmdline() {
	EVAL_DISK=""
	[[ -n ${CMDLINE_MAX:-} ]] || return 0
	local c
	c=$(kernel_cmdline)
	((${#c} > CMDLINE_MAX)) && [[ -n $EVAL_B64 ]] && EVAL_DISK=$ARCH_OUT/eval.img
	c=$(kernel_cmdline)
	((${#c} <= CMDLINE_MAX)) ||
		die "the kernel command line is ${#c} bytes, over the $CMDLINE_MAX that $ARCH's board passes (CMDLINE_MAX, arch/$ARCH.conf): $c"
}

build_qemu_cmd() {
	local images=$ARCH_OUT/images kernel
	kernel=$images/$KERNEL_IMAGE_NAME
	[[ $ROOTFS == initramfs ]] && kernel+=.initramfs
	QEMU_CMD=("$QEMU" -M "$MACHINE" -m "$MEM" -smp "$CPUS" -no-reboot)
	if ((KVM)); then
		QEMU_CMD+=(-accel kvm -cpu "$KVM_CPU")
	else
		QEMU_CMD+=(-accel tcg -cpu "$CPU")
	fi
	QEMU_CMD+=(-kernel "$kernel" -append "$(kernel_cmdline)")
	case $ROOTFS in
	disk)
		QEMU_CMD+=(-drive "file=${LKMP_DISK:-$images/rootfs.ext4},format=raw,if=none,id=root")
		QEMU_CMD+=(-device "$DISK_DEVICE,drive=root")
		((SNAPSHOT)) && QEMU_CMD+=(-snapshot)
		;;
	initrd) QEMU_CMD+=(-initrd "$images/rootfs.cpio") ;;
	esac
	if [[ -n ${EVAL_DISK:-} ]]; then
		QEMU_CMD+=(-drive "file=$EVAL_DISK,format=raw,if=none,id=eval,readonly=on" -device "$DISK_DEVICE,drive=eval")
	fi
	# Host directories shared over virtio-9p, mounted by init at /mnt/NAME
	# (tag lkmp-NAME): the builds of modules and userland read-only, the
	# exchange dir out/ARCH/share and -S DIR read-write.
	# A board with few PCI slots (SHARE_SLOTS in the arch file) gets the
	# first of: -S DIR, modules, share, userland.
	if ((${SHARE:-0})); then
		local name
		for name in $(share_names); do
			case $name in
			host) share_arg host "$SHARE_DIR" rw ;;
			share) share_arg share "$ARCH_OUT/share" rw ;;
			*) share_arg "$name" "$ARCH_OUT/$name" ro ;;
			esac
		done
	fi
	# User-mode networking: no listening port unless asked for (-g, -- ARGS).
	QEMU_CMD+=(-netdev "user,id=net0${GDBSERVER_FWD:+,hostfwd=tcp:127.0.0.1:$GDBSERVER_FWD-:45459}" -device "$NET_DEVICE,netdev=net0" ${QEMU_DEVICES:-})
	((GRAPHIC)) || QEMU_CMD+=(-display none)
	QEMU_CMD+=(-chardev "stdio,id=con,signal=off,logfile=$CONSOLE_LOG" -serial chardev:con)
	# KGDB: a socket chardev "kgdb", attached as the arch says (KGDB_QEMU_ARGS).
	[[ -n ${KGDB_SOCK:-} ]] && QEMU_CMD+=(-chardev "socket,id=kgdb,host=127.0.0.1,port=$KGDB_SOCK,server=on,wait=off" ${KGDB_QEMU_ARGS:--serial chardev:kgdb})
	QEMU_CMD+=(-monitor "unix:$MONITOR_SOCK,server=on,wait=off")
	[[ -n $GDB_PORT ]] && QEMU_CMD+=(-gdb "tcp:127.0.0.1:$GDB_PORT")
	((WAIT_GDB)) && QEMU_CMD+=(-S)
	QEMU_CMD+=(${QEMU_EXTRA_ARGS[@]+"${QEMU_EXTRA_ARGS[@]}"})
}

# The shares of this boot, in order of priority, as many as the board has
# slots for.
share_names() {
	local names=(modules share userland)
	[[ -z ${SHARE_DIR:-} ]] || names=(host "${names[@]}")
	printf '%s\n' "${names[@]:0:${SHARE_SLOTS:-4}}"
}
# share_arg NAME DIR ro|rw: one virtio-9p share. security_model=none: the
# guest's root acts on the files as the user who runs ./run.
share_arg() {
	local ro=""
	[[ $3 == ro ]] && ro=",readonly=on"
	QEMU_CMD+=(-fsdev "local,id=fs-$1,path=${2//,/,,},security_model=none$ro"
		-device "${SHARE_DEVICE:-virtio-9p-pci},fsdev=fs-$1,mount_tag=lkmp-$1")
}

# -K: can this host run the guest under KVM? Checked before QEMU starts,
# each failure with its own message (LKMP_KVM_DEV: another device node, for
# the checks of these messages). KVM runs a guest of the host's own arch only.
kvm_check() {
	local dev=${LKMP_KVM_DEV:-/dev/kvm} host err
	host=$(uname -m)
	[[ $host == "$ARCH" ]] ||
		die "-K: KVM runs guests of the host's arch ($host) only, not $ARCH; drop -K to use TCG"
	[[ -e $dev ]] ||
		die "-K: $dev is missing: KVM is not available (kvm module not loaded, or virtualization off in the firmware or not passed to this VM); drop -K to use TCG"
	# The two ioctls QEMU starts with: KVM_GET_API_VERSION, KVM_CREATE_VM.
	err=$(python3 - "$dev" 2>&1 <<-'PY'
	import errno, fcntl, os, sys
	dev = sys.argv[1]
	try:
	    fd = os.open(dev, os.O_RDWR | os.O_CLOEXEC)
	except OSError as e:
	    sys.exit("open: %s" % os.strerror(e.errno))
	try:
	    version = fcntl.ioctl(fd, 0xAE00)
	except OSError as e:
	    sys.exit("api: KVM_GET_API_VERSION failed: %s" % os.strerror(e.errno))
	if version != 12:
	    sys.exit("api: KVM API version %d, QEMU needs 12" % version)
	try:
	    os.close(fcntl.ioctl(fd, 0xAE01, 0))
	except OSError as e:
	    sys.exit("vm: KVM_CREATE_VM failed: %s" % os.strerror(e.errno))
	PY
	) && return 0
	case $err in
	"open: Permission denied")
		die "-K: no permission to open $dev ($(stat -c '%A %U:%G' "$dev")): add yourself to its group (e.g. adduser $(id -un) kvm, then log in again); drop -K to use TCG" ;;
	open:*) die "-K: cannot open $dev: ${err#open: }; drop -K to use TCG" ;;
	api:*) die "-K: $dev is not a usable KVM device: ${err#api: }; drop -K to use TCG" ;;
	vm:*) die "-K: $dev opens, but KVM cannot create a VM: ${err#vm: } (another hypervisor holding VT-x/AMD-V?); drop -K to use TCG" ;;
	*) die "-K: the KVM check failed: $err" ;;
	esac
}
