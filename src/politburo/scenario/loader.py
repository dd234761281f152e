"""Reading scenario files, with errors that point at the file, line and field.

A scenario is read in three passes, each of which stops at the first problem:

1. YAML is composed into a node tree, which remembers the line of every key
   and value, and then turned into plain Python data.
2. Pydantic validates the data against ``politburo.scenario.schema``.
3. ``politburo.scenario.checks`` checks the records against one another.

Problems from passes 2 and 3 come as paths into the data (``('actors', 3,
'patron')``); the node tree turns such a path into a line number.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from politburo.scenario.checks import Loc, Problem, scenario_problems
from politburo.scenario.errors import ScenarioError
from politburo.scenario.parameters import load_parameters
from politburo.scenario.schema import Scenario

BUILTIN_PACKAGE = "politburo.scenario"
BUILTIN_FOLDER = "builtin"
YAML_SUFFIXES = (".yaml", ".yml")
MERGE_TAG = "tag:yaml.org,2002:merge"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# --- public entry points ----------------------------------------------------------


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a built-in scenario by name, or a scenario file by path."""
    if _looks_like_path(name_or_path):
        path = Path(name_or_path)
        return load_scenario_text(_read_file(path, str(name_or_path)), file=str(name_or_path))
    builtin = _find_builtin(str(name_or_path))
    if builtin is None:
        if Path(name_or_path).is_file():  # a file in the working folder, named without suffix
            return load_scenario(Path(name_or_path))
        raise ScenarioError(str(name_or_path), None, "", _no_such_scenario(str(name_or_path)))
    return load_scenario_text(_read_file(builtin, builtin.name), file=builtin.name)


def load_scenario_text(text: str, file: str = "<string>") -> Scenario:
    """Validate the YAML ``text`` of a scenario; ``file`` names it in errors."""
    root, data = _parse_yaml(text, file)
    scenario = _validate(root, data, file)
    problem = next(scenario_problems(scenario, load_parameters()), None)
    if problem is not None:
        raise _located_error(root, problem, file)
    return scenario


def builtin_scenarios() -> list[tuple[str, str]]:
    """(id, name) of each built-in scenario, read from its ``meta``."""
    return sorted(_builtin_meta(entry) for entry in _builtin_files())


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format, for editors and ``politburo schema``."""
    return Scenario.model_json_schema()


# --- finding and reading files ----------------------------------------------------


def _looks_like_path(name_or_path: str | Path) -> bool:
    if isinstance(name_or_path, Path):
        return True
    return os.sep in name_or_path or "/" in name_or_path or name_or_path.endswith(YAML_SUFFIXES)


def _builtin_files() -> list[Traversable]:
    folder = resources.files(BUILTIN_PACKAGE).joinpath(BUILTIN_FOLDER)
    if not folder.is_dir():
        return []
    files = [entry for entry in folder.iterdir() if entry.name.endswith(YAML_SUFFIXES)]
    return sorted(files, key=lambda entry: entry.name)


def _builtin_meta(entry: Traversable) -> tuple[str, str]:
    # Listing must not fail because one scenario is broken: loading it will say why.
    stem = entry.name.rsplit(".", 1)[0]
    try:
        meta = yaml.safe_load(entry.read_text("utf-8")).get("meta", {})
        return str(meta.get("id", stem)), str(meta.get("name", ""))
    except (yaml.YAMLError, AttributeError, UnicodeDecodeError, OSError):
        return stem, ""


def _find_builtin(name: str) -> Traversable | None:
    """The built-in file whose name, or whose meta.id, is ``name``."""
    files = _builtin_files()
    for entry in files:
        if entry.name.rsplit(".", 1)[0] == name:
            return entry
    for entry in files:
        if _builtin_meta(entry)[0] == name:
            return entry
    return None


def _no_such_scenario(name: str) -> str:
    known = ", ".join(ident for ident, _ in builtin_scenarios()) or "none"
    return f"no built-in scenario {name!r} (built-in: {known}); or give the path to a YAML file"


def _read_file(path: Path | Traversable, file: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(file, None, "", "file not found") from None
    except IsADirectoryError:
        raise ScenarioError(file, None, "", "is a folder, not a scenario file") from None
    except OSError as exc:
        raise ScenarioError(file, None, "", f"cannot read file: {exc.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(file, line, "", "not UTF-8 text") from None


# --- YAML -------------------------------------------------------------------------


class _ScenarioLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and locates every value it cannot read.

    Months are written ``1923-01``; a full date such as ``1923-01-15`` should
    reach the schema as text, to be rejected there with a clear message,
    rather than become a ``datetime.date``.
    """

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # Explicit tags such as ``!!int abc`` fail with plain Python errors
        # that carry no line; give them the node's line.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise ConstructorError(
                None, None, f"cannot read this value: {exc}", node.start_mark
            ) from None


def _parse_yaml(text: str, file: str) -> tuple[MappingNode, dict[str, Any]]:
    """The node tree and the plain data of a scenario text."""
    try:
        root, data = _compose_and_construct(text, file)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, file) from None
    except RecursionError:
        raise ScenarioError(file, None, "", "YAML nested too deeply") from None
    if root is None or data is None:  # no document, or a document holding nothing
        raise ScenarioError(file, None, "", "file is empty: expected a scenario mapping")
    if not isinstance(root, MappingNode) or not isinstance(data, dict):
        raise ScenarioError(
            file, _line(root), "", "a scenario must be a mapping of sections (meta, actors, ...)"
        )
    return root, data


def _compose_and_construct(text: str, file: str) -> tuple[Node | None, Any]:
    loader = _ScenarioLoader(text)  # rejects unprintable characters already
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _reject_duplicate_keys(root, file)
        return root, loader.construct_document(root)
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError, text: str, file: str) -> ScenarioError:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return ScenarioError(
            file, line, "", f"invalid YAML: special character U+{code:04X} is not allowed"
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        return ScenarioError(file, line, "", f"invalid YAML: {problem}{_yaml_context(exc)}")
    return ScenarioError(file, None, "", f"invalid YAML: {exc}")


def _yaml_context(exc: yaml.MarkedYAMLError) -> str:
    # The context often starts lines before the problem (an unclosed bracket).
    if not (exc.context and exc.problem):
        return ""
    if exc.context_mark is None or exc.problem_mark is None:
        return f" ({exc.context})"
    if exc.context_mark.line == exc.problem_mark.line:
        return f" ({exc.context})"
    return f" ({exc.context} on line {exc.context_mark.line + 1})"


def _reject_duplicate_keys(root: Node, file: str) -> None:
    # YAML would silently keep the last of two equal keys, hiding a mistake.
    seen: set[int] = set()  # aliases can share, or even contain, a node
    pending: list[tuple[Node, Loc]] = [(root, ())]
    while pending:
        node, loc = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend((item, (*loc, index)) for index, item in enumerate(node.value))
        elif isinstance(node, MappingNode):
            _check_mapping_keys(node, loc, file)
            pending.extend(
                (value, (*loc, key.value))
                for key, value in node.value
                if isinstance(key, ScalarNode)
            )


def _check_mapping_keys(node: MappingNode, loc: Loc, file: str) -> None:
    first_line: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == MERGE_TAG:
            continue  # merged keys may legitimately be overridden
        identity = (key.tag, key.value)
        if identity in first_line:
            raise ScenarioError(
                file,
                _line(key),
                _field_path((*loc, key.value)),
                f"duplicate key {key.value!r} (first on line {first_line[identity]})",
            )
        first_line[identity] = _line(key)


# --- locating paths in the node tree ----------------------------------------------


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _child(node: Node, part: str | int) -> tuple[Node, Node] | None:
    """(node holding the line, child node) for one step of a path."""
    if isinstance(node, MappingNode):
        # The last of equal keys wins, as when merged keys are overridden.
        for key, value in reversed(node.value):
            if isinstance(key, ScalarNode) and key.value == str(part):
                return key, value
    elif isinstance(node, SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], node.value[part]
    return None


def _locate(root: Node, loc: Sequence[str | int]) -> tuple[int, str]:
    """Line and dotted field path of a path into the data.

    Where the path leaves the file (a missing field), the line is that of the
    deepest part present.  Parts pydantic adds of its own, such as ``[key]``,
    are left out of the field path.
    """
    node, line = root, _line(root)
    path: list[str | int] = []
    for depth, part in enumerate(loc):
        step = _child(node, part)
        if step is None:
            path += [p for p in loc[depth:] if isinstance(p, int) or "[" not in p]
            break
        # A number that keys a mapping is a key, not an index: 'sources.1973'.
        path.append(str(part) if isinstance(node, MappingNode) else part)
        holder, node = step
        line = _line(holder)
    return line, _field_path(path)


def _field_path(loc: Iterable[str | int]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _located_error(root: Node, problem: Problem, file: str) -> ScenarioError:
    line, field = _locate(root, problem.loc)
    return ScenarioError(file, line, field, problem.message)


# --- schema validation ------------------------------------------------------------


def _validate(root: Node, data: dict[str, Any], file: str) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        line, field = _locate(root, first["loc"])
        raise ScenarioError(file, line, field, _plain_message(first)) from None


def _plain_message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "field required"
    if kind == "extra_forbidden":
        return "extra field not allowed"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    message = error["msg"][:1].lower() + error["msg"][1:]
    return f"{message} (got {_describe(error['input'])})"


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "null"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
