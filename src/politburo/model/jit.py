"""One switch for compiling the mechanisms.

Every mechanism is plain scalar Python over arrays.  Numba compiles it and
keeps the machine code in its on-disk cache; with ``NUMBA_DISABLE_JIT=1`` the
very same functions run as ordinary Python.  ``fastmath`` stays off so that a
history's numbers do not depend on how the compiler reorders arithmetic.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from numba import types
from numba.core import config
from numba.core.registry import CPUDispatcher


def engine_cache_dir() -> Path:
    """Where the compiled engine is kept: a folder named after a digest of the
    engine's own source files.

    Numba checks a cached function against its own file only, not against the
    files of the mechanisms it calls and inlines; an engine edited in one
    module could run stale code from another.  A folder per version of the
    sources never holds stale code.  It lies under ``NUMBA_CACHE_DIR`` if set,
    else in the user's cache folder."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    base = os.environ.get("NUMBA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "politburo"
    )
    folder = Path(base) / f"engine-{digest.hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = tempfile.TemporaryFile(dir=folder)
        probe.close()
    except OSError:  # a read-only home: compile into a folder of this session
        folder = Path(tempfile.gettempdir()) / f"politburo-{folder.name}"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


ENGINE_CACHE = engine_cache_dir()
config.CACHE_DIR = str(ENGINE_CACHE)


class Mechanism(CPUDispatcher):
    """A compiled mechanism that is compiled once per kind of argument, not
    once per constant.  Numba types a constant argument (a log kind, a
    sanction, ``True``) as a literal of its own and would compile a
    specialisation for each; the mechanisms never branch on an argument's
    value at compile time, so every call is typed with plain integers and
    booleans instead."""

    def get_call_template(self, args, kws):
        args = tuple(types.unliteral(arg) for arg in args)
        kws = {name: types.unliteral(arg) for name, arg in kws.items()}
        return super().get_call_template(args, kws)


def _compile(func, **options):
    if config.DISABLE_JIT:
        return func
    options = {"nopython": True, "nogil": True, "_nrt": False, **options}
    dispatcher = Mechanism(py_func=func, locals={}, targetoptions=options)
    dispatcher.enable_caching()
    return dispatcher


def mechanism(func):
    """Mechanisms neither allocate nor count references: the State carries
    scratch space for them.  Passing the World and the State from one
    mechanism to the next passes a few dozen array descriptors (see
    ``layout``), not hundreds."""
    return _compile(func)


def inline_mechanism(func):
    """A mechanism pasted into its callers: the small helpers of the innermost
    loops and the steps ``simulate`` calls once.  Measured, not assumed: without
    it one thread plays about a third fewer histories (docs/performance.md)."""
    return _compile(func, inline="always")
