"""Reading files we do not trust: regular files only, size-capped, inside a root.

Why: an answer file or a bundle folder may come from anyone. Reading must not follow
a symlink out of the bundle's folder, block on a FIFO, stream /dev/zero into memory or
load a 50 MB file before noticing it is too big. Every refusal is a `FileRefused`
carrying a stable problem code (engine/problems.py) and one short line of text.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BUNDLE_FILE_BYTES = 1024 * 1024  # the largest real rules or content file is under 20 KB


class FileRefused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def quote_text(text: str) -> str:
    """Text safe on one output line: control characters escaped."""
    if any(ch < " " or ch == "\x7f" or ch in "\u2028\u2029\x85" for ch in text):
        return repr(text)[1:-1]
    return text


def quote(name: object, limit: int = 200) -> str:
    """A file name safe to print on one line: length capped; with control characters, escaped and quoted."""
    text = str(name)[:limit] + "..." if len(str(name)) > limit else str(name)
    return repr(text) if quote_text(text) != text else text


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of a regular file of at most `cap` bytes; never blocks on a FIFO or a device.

    Raises FileRefused: missing-file, not-a-file, file-too-large, invalid-value (cannot read).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("missing-file", "file not found") from None
    except OSError as error:  # a folder opens read-only on Linux and is refused by fstat below
        if error.errno == errno.ELOOP:
            raise FileRefused("not-a-file", "is a symlink loop") from None
        raise FileRefused("invalid-value", f"cannot read: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("not-a-file", "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("not-a-file", "is not a regular file (a device, FIFO or socket)")
        if info.st_size > cap:
            raise FileRefused("file-too-large", f"is larger than {_size(cap)}")
        with open(fd, "rb", closefd=False) as stream:
            data = stream.read(cap + 1)  # st_size may lie (a file still growing): read at most cap + 1 bytes
        if len(data) > cap:
            raise FileRefused("file-too-large", f"is larger than {_size(cap)}")
        return data
    except OSError as error:
        raise FileRefused("invalid-value", f"cannot read: {error.strerror}") from None
    finally:
        os.close(fd)


def inside(root: Path, rel: str) -> Path:
    """root/rel with every symlink resolved, refused unless it stays inside root."""
    base = Path(os.path.realpath(root))
    candidate = Path(root) / rel
    if os.path.islink(candidate) and not os.path.exists(candidate):
        try:
            candidate.resolve(strict=True)
        except (RuntimeError, OSError) as error:  # Python < 3.13 reports a loop as RuntimeError
            if not isinstance(error, OSError) or error.errno == errno.ELOOP:
                raise FileRefused("not-a-file", "is a symlink loop") from None
            raise FileRefused("missing-file", "is a symlink to nothing (dangling)") from None
    real = Path(os.path.realpath(candidate))
    if real != base and base not in real.parents:
        raise FileRefused("outside-root", "is a symlink that leaves the project folder; refused")
    return real


def read_bundle_bytes(root: Path, rel: str) -> bytes:
    """A bundle file's bytes: inside root, a regular file, at most MAX_BUNDLE_FILE_BYTES; else FileRefused."""
    try:
        return read_capped(inside(root, rel), MAX_BUNDLE_FILE_BYTES)
    except FileRefused as refused:
        if refused.code == "missing-file" and refused.message == "file not found":
            raise FileRefused("missing-file", f"required file {quote(rel)} is missing") from None
        raise FileRefused(refused.code, f"{quote(rel)} {refused.message}") from None


def read_bundle_text(root: Path, rel: str) -> str:
    """A bundle file as text, as `Path.read_text` gives it (universal newlines), or FileRefused (invalid-value when
    it is not UTF-8)."""
    try:
        return read_bundle_bytes(root, rel).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        raise FileRefused("invalid-value", f"cannot read file: {error}") from None


def exists(root: Path, rel: str) -> bool:
    """True when something (even a dangling symlink) stands at root/rel, so it gets checked, not skipped."""
    return os.path.lexists(Path(root) / rel)


def markdown_files(root: Path, folder: str) -> list[str]:
    """Names of the `*.md` entries of root/folder, sorted. Each is read through `inside`, so one
    that leaves the root is refused when read, not here."""
    try:
        names = os.listdir(Path(root) / folder)
    except OSError:
        return []
    return sorted(name for name in names if name.endswith(".md"))


def _size(cap: int) -> str:
    return f"{cap // (1024 * 1024)} MB" if cap >= 1024 * 1024 else f"{cap // 1024} KB"
