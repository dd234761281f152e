"""The engine: the mechanisms of a power struggle, compiled with Numba.

Importing any part of it imports every mechanism, in one fixed order, so that
the State's blocks hold every declared column before a State is made (see
``layout``), and the kinds of log row and the behavioural parameters are
numbered the same way every time (see ``journal`` and ``parameters``); both
registries are then sealed."""

from . import history  # noqa: F401
from .journal import seal as seal_log_kinds
from .parameters import seal as seal_parameters

seal_log_kinds()
seal_parameters()
