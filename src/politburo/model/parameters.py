"""The behavioural parameters, declared by the mechanism modules that read them.

Every behavioural number in the engine is a parameter: the engine receives
their values as one float array, ``params``, and reads each by a named index.
A mechanism module declares the parameters it owns with ``parameter``::

    P_PATRONAGE_RATE = parameter("patronage_rate")

``parameter`` returns the parameter's index into ``params``, a plain
module-level int that Numba freezes into the compiled code.  Parameters are
numbered in the order they are declared; ``model/__init__`` imports every
mechanism in one fixed order and then seals the registry, so the numbers never
depend on which module a user imports first.  A parameter read by several
modules is declared in the one the others import.

The values, what each parameter means and the reason for its value live in
``politburo/scenario/parameters.yaml``; its loader refuses a file that lacks a
declared parameter or names one no module declares.  ``NAMES`` lists the
parameters in number order, the order of ``params``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Parameter:
    """One behavioural parameter: its name, its index in ``params`` and the
    module that declared it."""

    name: str
    number: int
    module: str


_DECLARED: list[Parameter] = []
_SEALED = False


def parameter(name: str) -> int:
    """Declare a behavioural parameter and return its index in ``params``."""
    module = sys._getframe(1).f_globals.get("__name__", "?")
    if _SEALED:
        raise RuntimeError(
            f"parameter {name!r} is declared after the registry was sealed: declare "
            "parameters at the top of a mechanism module that model.history imports"
        )
    if not name.isidentifier() or name != name.lower():
        raise ValueError(f"parameter {name!r}: a name is a lower-case Python identifier")
    for declared in _DECLARED:
        if declared.name == name:
            raise ValueError(
                f"parameter {name!r} is declared twice ({declared.module} and {module})"
            )
    declared = Parameter(name, len(_DECLARED), module)
    _DECLARED.append(declared)
    return declared.number


def seal() -> None:
    """Close the registry once every mechanism module is imported (see
    ``model/__init__``): the parameters' numbers are final, and ``PARAMETERS``
    and ``NAMES`` exist from then on."""
    global _SEALED, PARAMETERS, NAMES
    _SEALED = True
    PARAMETERS = tuple(_DECLARED)
    NAMES = tuple(declared.name for declared in PARAMETERS)


# Set by ``seal``: every parameter by number, and their names in number order.
PARAMETERS: tuple[Parameter, ...]
NAMES: tuple[str, ...]
