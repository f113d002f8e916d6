"""Who holds the push lease and the digest claims, and whether that process still runs."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path


def default_holder() -> str:
    """Who holds the lease and the claims: host, pid and a random part (two apps in one
    process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_is_dead(holder: str) -> bool:
    """``holder`` (as made by :func:`default_holder`) names a process on this host that no
    longer runs: its lease and claims can be taken at once instead of waiting them out.
    Anything else (another host, this process, unparseable) is not known to be dead."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # e.g. another user's process: alive
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    # A killed process its parent has not reaped yet still answers kill(pid, 0).
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]
