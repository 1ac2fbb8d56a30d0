"""Where numba keeps vectorbt's compiled functions, so a new kernel starts in ~2.5 s instead of 7-9 s.

numba caches next to the package's source by default; site-packages is often not writable (a shared
or system install), so the cache would silently be skipped. ``ensure_numba_cache()`` points
``NUMBA_CACHE_DIR`` at a per-user directory unless the user already chose one. numba reads the variable
when it is first imported, so call this before importing vectorbt or numba (foa does, in every function
that imports them).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

__all__ = ["ENV_VAR", "default_cache_dir", "ensure_numba_cache"]

ENV_VAR = "NUMBA_CACHE_DIR"


def _versions_key() -> str:
    """vectorbt and numba versions: compiled code from another version must never be reused.

    numba keys its cache on the source file of the cached function only, and foa's cached wrappers call
    into vectorbt: after an upgrade of vectorbt a cache keyed on foa's file alone could be stale.
    """
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in ("vectorbt", "numba"):
        try:
            parts.append(f"{dist}-{version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}-none")
    return "_".join(parts)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/foa/numba/<vectorbt and numba versions>``, else under ``~/.cache``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "foa" / "numba" / _versions_key()


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".foa-probe-"):
            pass
        return True
    except OSError:
        return False


def ensure_numba_cache() -> Path:
    """Make sure numba's on-disk cache goes to a writable directory; returns that directory.

    Keeps an existing ``NUMBA_CACHE_DIR`` when it is writable. If numba was already imported with no
    cache dir set, setting the variable has no effect in this process (numba read it at import).

    Example::

        >>> from foa.numba_cache import ensure_numba_cache
        >>> ensure_numba_cache().is_dir()
        True
    """
    current = os.environ.get(ENV_VAR)
    if current and _writable(Path(current).expanduser()):
        return Path(current).expanduser()
    target = default_cache_dir()
    if not _writable(target):  # a read-only home: a per-user temp dir still beats no cache
        target = Path(tempfile.gettempdir()) / f"foa-numba-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        target.mkdir(parents=True, exist_ok=True)
    os.environ[ENV_VAR] = str(target)
    if "numba" in sys.modules:  # numba read the variable at import: update its config for new caches too
        from numba.core import config

        config.CACHE_DIR = str(target)
    return target
