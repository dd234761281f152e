"""politburo: power struggles inside collective leaderships, simulated from facts."""

from importlib.metadata import PackageNotFoundError, version

from .api import ensemble, load, run, validate

try:
    __version__ = version("politburo")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["ensemble", "load", "run", "validate", "__version__"]
