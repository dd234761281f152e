"""politburo: power struggles inside collective leaderships, simulated from facts."""

from .api import audit, ensemble, load, run, validate
from .version import __version__

__all__ = ["audit", "ensemble", "load", "run", "validate", "__version__"]
