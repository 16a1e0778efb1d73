"""Put the new site in place of the old one without a moment with no site.

`renameat2(RENAME_EXCHANGE)` swaps the two folders in one step (Linux 3.15+, ext4, xfs,
btrfs, tmpfs...). Where the kernel, libc or file system lacks it, the fallback moves the
old folder aside and the new one in, and moves the old one back if the second rename
fails: the site is then missing only between two renames, and never lost.
"""

from __future__ import annotations

import ctypes
import errno
import os
import stat
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def _renameat2() -> Any:
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when this system cannot."""
    func = _renameat2()
    if func is None:
        return False
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def put_in_place(new: Path, target: Path, aside: Path) -> None:
    """Make `new` the folder at `target`; the previous `target`, if any, ends at `new`
    (exchanged) or at `aside` (fallback). Both are the caller's to delete."""
    if not os.path.lexists(target):
        new.rename(target)
    elif not exchange(new, target):
        target.rename(aside)
        try:
            new.rename(target)
        except BaseException:
            aside.rename(target)
            raise


def make_public(tree: Path) -> None:
    """Folders 0755 and files 0644 whatever the umask was: a web server must read them."""
    for current, _dirs, files in os.walk(tree):
        os.chmod(current, 0o755)
        for name in files:
            path = os.path.join(current, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.chmod(path, 0o644)
