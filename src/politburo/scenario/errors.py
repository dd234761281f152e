"""The one error a scenario author sees: where the problem is, and what it is."""

from __future__ import annotations


class ScenarioError(Exception):
    """A scenario file that cannot be used, located by file, line and field.

    ``line`` is None only for problems with the whole file (missing, empty,
    unreadable); ``field`` is a dotted path such as ``actors[3].patron``, or ""
    when the problem is not in any one field (a YAML syntax error).
    """

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        # Passing every attribute to Exception keeps the error picklable, which
        # matters when scenarios are loaded inside worker processes.
        super().__init__(file, line, field, message)
        self.file = file
        self.line = line
        self.field = field
        self.message = message

    @property
    def location(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        where = f"{self.location}: {self.field}" if self.field else self.location
        return f"{where}: {self.message}"
