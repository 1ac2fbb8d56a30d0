"""A fair queue in front of a workspace file, so that readers never wait behind more than one write.

DuckDB lets either one process write a file or any number of processes read it, never both: a second
process's open fails at once with a lock error, and without a queue whoever retries at the right moment
wins (four busy writers keep a reader out for seconds). Every foa process therefore takes a *turn* from a
ticket queue kept in one small file per workspace, in the temporary folder, with Linux open-file-description
locks (``fcntl`` ``F_OFD_*``: released by the kernel when the process dies, so a killed process never
blocks the queue, and separate for each thread):

- a write waits for every earlier write and for the readers let in ahead of it, then uses the file alone;
- a read waits only for the write that is using the file, or the first write already waiting, when it
  arrives (its *gate*), then joins the other readers: "phase-fair", so a reader waits for at most one
  write, a stream of readers cannot keep a writer out (a reader arriving after a writer waits for it),
  and writers are served in arrival order.

The queue only orders processes; DuckDB's own lock still decides who may open the file, so a process
outside the queue (plain ``duckdb.connect``, another program) is safe, just not queued. Where the queue
cannot work (not Linux, the temporary folder not writable) ``Turnstile.open`` gives ``None`` and foa
retries the open every 50 ms or less instead.

Byte layout of the queue file: bytes 0-7 the next ticket; then one 16-byte record per ticket slot
(ticket, pid, role, state). Locks (none of them on data): one byte to hand out tickets, one byte for
"using the file" (shared by readers, exclusive for a writer), a byte per ticket held while queued or
inside, and a byte per gate held by the readers waiting behind that write.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

__all__ = ["QUEUE_DIR", "Turnstile", "TurnstileTimeout", "Waiter", "describe_process"]

# The folder holding one queue file per workspace (shared by every user of the machine, like /tmp).
QUEUE_DIR = Path(tempfile.gettempdir()) / "foa-turnstile"

_COUNTER = 0
_SLOT0, _SLOTS, _SLOT = 64, 256, struct.Struct("<qiBB2x")
_DISPENSER = 1 << 40  # lock offsets, far beyond the data (a lock needs no bytes behind it)
_ROOM = _DISPENSER + 1
_TICKET = 1 << 41
_GATE = 1 << 42
_MAX_TICKET = 1 << 39
_WAITING, _INSIDE = 1, 2
_FLOCK = "hhqqi4x"  # struct flock on 64-bit Linux: l_type, l_whence, l_start, l_len, l_pid


class Waiter(NamedTuple):
    """A process in the queue: its ticket, process id, role ("read"/"write") and whether it is inside."""

    ticket: int
    pid: int
    role: str
    inside: bool


class TurnstileTimeout(Exception):
    """The turn did not come within the time-out; ``ahead`` are the processes still in front."""

    def __init__(self, ahead: list[Waiter]):
        super().__init__(f"{len(ahead)} process(es) ahead in the queue")
        self.ahead = ahead


def _supported() -> bool:
    if not sys.platform.startswith("linux") or sys.maxsize <= 2**32:
        return False
    try:
        import fcntl
    except ImportError:
        return False
    return all(hasattr(fcntl, n) for n in ("F_OFD_SETLK", "F_OFD_GETLK"))


def _probe(fd: int, kind: int, start: int, length: int) -> int | None:
    """The start of a lock (held through another open file) that a ``kind`` lock on the range would meet."""
    import fcntl

    if length <= 0:  # an empty range (fcntl would read length 0 as "to the end of the file")
        return None
    got = fcntl.fcntl(fd, fcntl.F_OFD_GETLK, struct.pack(_FLOCK, kind, os.SEEK_SET, start, length, 0))
    typ, _, found, _, _ = struct.unpack(_FLOCK, got)
    return None if typ == fcntl.F_UNLCK else found


def _try(fd: int, kind: int, start: int, length: int = 1) -> bool:
    """Take (or with F_UNLCK release) a lock without waiting; False when another holder is in the way."""
    import fcntl

    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack(_FLOCK, kind, os.SEEK_SET, start, length, 0))
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES):  # held by another open file
            return False
        raise
    return True


def describe_process(pid: int) -> str:
    """'1234: python analysis.py, user alice' from /proc, as far as it is readable (else just the pid).

    Example::

        describe_process(os.getpid())   # '4242: python -m pytest, user alice'
    """
    what = user = ""
    with contextlib.suppress(OSError, ValueError):
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        shown = " ".join(os.path.basename(a.decode(errors="replace")) for a in args[:3] if a)
        what = " ".join(shown.split())[:60]  # one line: a `python -c` program holds newlines
    with contextlib.suppress(OSError, KeyError, ImportError):
        import pwd

        user = pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name
    details = ", ".join(x for x in (what, f"user {user}" if user else "") if x)
    return f"{pid}{': ' + details if details else ''}"


class Turnstile:
    """The queue of one workspace file. ``Turnstile.open(path)`` is None where no queue can be kept.

    Example::

        gate = Turnstile.open("research.duckdb")
        if gate is not None:
            with gate.turn(write=False, timeout=10):
                ...   # open the file read-only, read, close: then the turn ends
    """

    def __init__(self, queue_file: Path):
        self.file = queue_file

    @classmethod
    def open(cls, workspace: str | os.PathLike[str]) -> "Turnstile | None":
        """The queue for ``workspace`` (named by its folder's device and inode and its file name)."""
        if not _supported():
            return None
        path = Path(workspace)
        try:
            parent = os.stat(path.parent)
        except OSError:
            return None
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]
        queue = QUEUE_DIR / f"{parent.st_dev:x}-{parent.st_ino:x}-{digest}"
        try:
            try:
                st = os.lstat(QUEUE_DIR)
            except FileNotFoundError:
                QUEUE_DIR.mkdir(exist_ok=True)
                with contextlib.suppress(OSError):  # shared by every user, like /tmp itself
                    os.chmod(QUEUE_DIR, 0o1777)
                st = os.lstat(QUEUE_DIR)
            if not stat.S_ISDIR(st.st_mode):  # a symlink or file planted there: no queue, plain retries
                return None
            fd = cls._fd(queue)
        except OSError:
            return None
        os.close(fd)
        return cls(queue)

    @staticmethod
    def _fd(queue: Path) -> int:
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(queue, flags)
        except FileNotFoundError:
            pass
        try:
            fd = os.open(queue, flags | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # created by another process just now
            return os.open(queue, flags)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o666)  # every user of the workspace queues in the same file
        return fd

    # ------------------------------------------------------------------------------------ a turn
    @contextlib.contextmanager
    def turn(self, *, write: bool, timeout: float) -> Iterator[int]:
        """Wait for this process's turn (raises TurnstileTimeout after ``timeout`` s); yields the ticket.

        The turn lasts until the block ends: close the workspace connection inside it.
        """
        deadline = time.monotonic() + timeout
        fd = self._fd(self.file)
        try:
            ticket, gate = self._take_ticket(fd, write, deadline)
            delay = 0.0005
            while not self._my_turn(fd, ticket, gate, write):
                if time.monotonic() >= deadline:
                    raise TurnstileTimeout(self._ahead(fd, ticket))
                time.sleep(delay)
                delay = min(delay * 2, 0.005)  # a turn is noticed within ~5 ms of it coming
            self._record(fd, ticket, write, _INSIDE)
            yield ticket
        finally:
            os.close(fd)  # releases every lock of this turn, as a killed process's are

    def _take_ticket(self, fd: int, write: bool, deadline: float) -> tuple[int, int | None]:
        import fcntl

        delay = 0.0005
        while not _try(fd, fcntl.F_WRLCK, _DISPENSER):  # held for microseconds by whoever takes a ticket
            if time.monotonic() >= deadline:
                raise TurnstileTimeout([])
            time.sleep(delay)
            delay = min(delay * 2, 0.005)
        try:
            raw = os.pread(fd, 8, _COUNTER)
            ticket = struct.unpack("<q", raw)[0] if len(raw) == 8 else 0
            if not 0 <= ticket < _MAX_TICKET:  # a damaged file: start again (DuckDB's lock still guards)
                ticket = 0
            os.pwrite(fd, struct.pack("<q", ticket + 1), _COUNTER)
            gate = None
            if write:
                _try(fd, fcntl.F_WRLCK, _TICKET + ticket)
            else:
                _try(fd, fcntl.F_RDLCK, _TICKET + ticket)
                gate = self._first_writer(fd, ticket)
                _try(fd, fcntl.F_RDLCK, _GATE + (0 if gate is None else gate + 1))
            self._record(fd, ticket, write, _WAITING)
        finally:
            _try(fd, fcntl.F_UNLCK, _DISPENSER)
        return ticket, gate

    @staticmethod
    def _first_writer(fd: int, before: int) -> int | None:
        """The earliest ticket below ``before`` held by a write (queued or inside), or None."""
        import fcntl

        first, hi = None, before
        while hi > 0:
            found = _probe(fd, fcntl.F_RDLCK, _TICKET, hi)  # a shared probe meets only writers' locks
            if found is None:
                break
            first, hi = found - _TICKET, found - _TICKET
        return first

    @staticmethod
    def _my_turn(fd: int, ticket: int, gate: int | None, write: bool) -> bool:
        import fcntl

        if write:
            if _probe(fd, fcntl.F_RDLCK, _TICKET, ticket) is not None:  # an earlier write
                return False
            if _probe(fd, fcntl.F_WRLCK, _GATE, ticket + 1) is not None:  # readers let in ahead of me
                return False
            return _try(fd, fcntl.F_WRLCK, _ROOM)
        if gate is not None and _probe(fd, fcntl.F_RDLCK, _TICKET + gate, 1) is not None:
            return False
        return _try(fd, fcntl.F_RDLCK, _ROOM)

    @staticmethod
    def _record(fd: int, ticket: int, write: bool, state: int) -> None:
        slot = _SLOT0 + (ticket % _SLOTS) * _SLOT.size
        os.pwrite(fd, _SLOT.pack(ticket, os.getpid(), 1 if write else 0, state), slot)

    # ------------------------------------------------------------------------------- who is there
    def waiters(self) -> list[Waiter]:
        """The processes queued or inside now, oldest ticket first (from the last 256 tickets).

        Example::

            [w.pid for w in Turnstile.open("research.duckdb").waiters() if w.inside]
        """
        fd = self._fd(self.file)
        try:
            return self._ahead(fd, None)
        finally:
            os.close(fd)

    @staticmethod
    def _ahead(fd: int, before: int | None) -> list[Waiter]:
        import fcntl

        raw = os.pread(fd, 8, _COUNTER)
        end = struct.unpack("<q", raw)[0] if len(raw) == 8 else 0
        end = end if before is None else min(end, before)
        data = os.pread(fd, _SLOTS * _SLOT.size, _SLOT0)
        out = []
        for ticket in range(max(0, end - _SLOTS), end):
            at = (ticket % _SLOTS) * _SLOT.size
            if at + _SLOT.size > len(data):
                continue
            t, pid, role, state = _SLOT.unpack_from(data, at)
            if t == ticket and _probe(fd, fcntl.F_WRLCK, _TICKET + ticket, 1) is not None:
                out.append(Waiter(ticket, pid, "write" if role else "read", state == _INSIDE))
        return out
