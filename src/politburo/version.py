"""The package version, which every stored result records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("politburo")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"
