#!/usr/bin/env bash
# KDB, the kernel's own debugger shell, on the KGDB serial port (./run -k):
# /kgdb.sh breaks in, kdb answers bt and lsmod, go resumes the guest.
source "$(dirname "$0")/lib.sh"
source gdb/test-lib.sh

start_guest -k -E 'insmod /hello.ko; /kgdb.sh; echo "after-kdb $?"'
wait_for 40 console_has 'Entering kdb|KGDB: Waiting for|kgdb: Waiting'
# Talk to kdb on the serial port: wait for each prompt, send a command
# (no pager: LINES).
timeout 60 python3 - "$LKMP_KGDB_PORT" >"$GLOG" 2>&1 <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
buf = b""
def until(pat, t=20):
    global buf
    end = time.time() + t
    while pat not in buf and time.time() < end:
        try:
            d = s.recv(4096)
        except socket.timeout:
            break
        if not d:
            break
        buf += d
    out, buf = buf, b""
    sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
    sys.stdout.flush()
    return pat in out
s.sendall(b"\r")
until(b"kdb>")
for cmd in (b"set LINES 10000", b"bt", b"lsmod"):
    s.sendall(cmd + b"\r")
    until(b"kdb>")
s.sendall(b"go\r")
until(b"\n", 2)
PY
check "KDB: prompt on the serial port" gdb_saw 'kdb>'
# The unwinder goes back to the breakpoint trap into KDB; most arches then
# go on through it to the sysrq handler, MIPS's stops at the trap.
check "KDB: bt goes from kdb back to the trap that entered it" eval "gdb_saw '^.*kdb_bt' && gdb_saw 'kgdb_handle_exception|sysrq_handle_dbg|kgdb_breakpoint'"
check "KDB: lsmod lists hello" gdb_saw '^hello '
# (Status 0: /kgdb.sh's write returned; the kernel did not oops on resuming.)
check "KDB: go resumes the guest" eval "wait_for 20 console_has '^after-kdb 0\$'"
guest_ends 20
stop_guest
exit $fail
