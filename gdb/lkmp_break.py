# lkmp-break: ./run-gdb's LOCATION, set as a breakpoint or GDB quits 1.

import os

import gdb


def kernel_running():
    """True once the kernel's virtual memory can be read."""
    try:
        int(gdb.parse_and_eval("modules")["next"])
        return True
    except gdb.error:
        return False


class LkmpBreak(gdb.Command):
    """lkmp-break LOCATION: break there, or print GDB's error and quit 1.

Used by ./run-gdb LOCATION. A location that is in no loaded symbol file is an
error unless LKMP_PENDING is set (a module function, found by ./run-gdb in a
module's .ko). On error the target is killed if it had not started (./run -d:
QEMU exits), else left running (detach)."""

    def __init__(self):
        super().__init__("lkmp-break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        pending = os.environ.get("LKMP_PENDING") == "1"
        gdb.execute("set breakpoint pending %s" % ("on" if pending else "off"))
        try:
            gdb.execute("break " + arg)
        except gdb.error as e:
            gdb.write("%s\n" % e, gdb.STDERR)
            if kernel_running():
                gdb.execute("detach")
            else:
                gdb.execute("kill")
            gdb.execute("quit 1")
        finally:
            gdb.execute("set breakpoint pending auto")


LkmpBreak()
