"""The engine: the mechanisms of a power struggle, compiled with Numba.

Importing any part of it imports every mechanism, so that the State's blocks
hold every declared column before a State is made (see ``layout``)."""

from . import history  # noqa: F401
