"""Consistency of a scenario beyond what each model checks on its own.

Pydantic validates every record in isolation; here the records are checked
against one another: ids are unique and every reference resolves, dates fall
in the simulated period, the bodies elect one another without a cycle, and
every fact cites a known source.  Each problem carries the path (``loc``) of
the offending value, so that the loader can point at its line in the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from politburo.scenario.schema import STATUS_LADDER, Office, Scenario, month_index, month_text

Loc = tuple[str | int, ...]

MAX_ACTORS = 60
MAX_OFFICES = 60  # the offices first in line for another are kept as a 64-bit mask
HISTORY_LEAD_MONTHS = 36  # real history may begin this long before the simulation
CADRES = "cadres"  # the pseudo-body that elects a congress
ID_SECTIONS = ("axes", "actors", "offices", "bodies", "cadres", "rules")
ACTOR_EVENTS = ("death", "stroke", "designate_heir", "foreign_pressure")


@dataclass(frozen=True)
class Problem:
    loc: Loc
    message: str


def scenario_problems(scenario: Scenario, parameter_names: Iterable[str]) -> Iterator[Problem]:
    """Every inconsistency in ``scenario``, causes before consequences.

    Ids come before references, so that a duplicated id is reported rather
    than the dangling references it leaves behind.
    """
    yield from _meta_problems(scenario)
    yield from _duplicate_ids(scenario)
    yield from _parameter_problems(scenario, set(parameter_names))
    yield from _axis_problems(scenario)
    yield from _actor_problems(scenario)
    yield from _office_problems(scenario)
    yield from _body_problems(scenario)
    yield from _date_problems(scenario)
    yield from _event_problems(scenario)
    yield from _claim_problems(scenario)
    yield from _source_problems(scenario)


def _unknown(kind: str, ident: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown {kind} {ident!r}{hint}"


def _reference(loc: Loc, ident: str | None, kind: str, known: set[str]) -> Iterator[Problem]:
    if ident is not None and ident not in known:
        yield Problem(loc, _unknown(kind, ident, known))


def _references(loc: Loc, idents: Sequence[str], kind: str, known: set[str]) -> Iterator[Problem]:
    for index, ident in enumerate(idents):
        yield from _reference((*loc, index), ident, kind, known)


def _ids(items: Sequence[BaseModel]) -> set[str]:
    return {item.id for item in items}  # type: ignore[attr-defined]


# --- meta, sizes, ids, parameters -------------------------------------------------


def _meta_problems(s: Scenario) -> Iterator[Problem]:
    if month_index(s.meta.end) < month_index(s.meta.start):
        yield Problem(
            ("meta", "end"), f"the scenario ends ({s.meta.end}) before it starts ({s.meta.start})"
        )
    if len(s.actors) > MAX_ACTORS:
        yield Problem(
            ("actors", MAX_ACTORS),
            f"too many actors: {len(s.actors)}, the engine handles at most {MAX_ACTORS}",
        )
    if len(s.offices) > MAX_OFFICES:
        yield Problem(
            ("offices", MAX_OFFICES),
            f"too many offices: {len(s.offices)}, the engine handles at most {MAX_OFFICES}",
        )


def _duplicate_ids(s: Scenario) -> Iterator[Problem]:
    for section in ID_SECTIONS:
        yield from _duplicates_in(section, getattr(s, section), (section,))
    if s.history is not None:
        yield from _duplicates_in("history.claims", s.history.claims, ("history", "claims"))


def _duplicates_in(label: str, items: Sequence[BaseModel], loc: Loc) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item.id  # type: ignore[attr-defined]
        if ident in first_index:
            yield Problem(
                (*loc, index, "id"),
                f"duplicate id {ident!r} (already used by {label}[{first_index[ident]}])",
            )
        else:
            first_index[ident] = index


def _parameter_problems(s: Scenario, names: set[str]) -> Iterator[Problem]:
    for name in s.parameters:
        if name not in names:
            yield Problem(("parameters", name), _unknown("parameter", name, names))
    if "dominance_months" in s.parameters and s.meta.dominance_months is not None:
        yield Problem(
            ("parameters", "dominance_months"),
            "dominance_months is set both here and in meta: keep one",
        )


# --- axes -------------------------------------------------------------------------


def _axis_problems(s: Scenario) -> Iterator[Problem]:
    axes = [axis.id for axis in s.axes]
    known = set(axes)
    for index, actor in enumerate(s.actors):
        loc: Loc = ("actors", index, "positions")
        yield from _leaning_axes(loc, actor.positions, known)
        for axis in axes:
            if axis not in actor.positions:
                yield Problem(loc, f"no position on axis {axis!r}")
    for index, cadre in enumerate(s.cadres):
        yield from _leaning_axes(("cadres", index, "leaning"), cadre.leaning, known)
    for index, event in enumerate(s.events):
        yield from _leaning_axes(("events", index, "leaning"), event.leaning, known)
        yield from _reference(("events", index, "axis"), event.axis, "axis", known)
    if s.history is not None:
        for index, claim in enumerate(s.history.claims):
            yield from _reference(("history", "claims", index, "axis"), claim.axis, "axis", known)


def _leaning_axes(loc: Loc, leaning: Mapping[str, float], known: set[str]) -> Iterator[Problem]:
    for axis in leaning:
        if axis not in known:
            yield Problem((*loc, axis), _unknown("axis", axis, known))


# --- actors -----------------------------------------------------------------------


def _actor_problems(s: Scenario) -> Iterator[Problem]:
    known = _ids(s.actors)
    for loc, ident in _actor_references(s):
        yield from _reference(loc, ident, "actor", known)
    for index, actor in enumerate(s.actors):
        if actor.patron == actor.id:
            yield Problem(("actors", index, "patron"), "an actor cannot be his own patron")
    for index, relation in enumerate(s.relations):
        if relation.between[0] == relation.between[1]:
            yield Problem(("relations", index, "between"), "a relation needs two different actors")


def _actor_references(s: Scenario) -> Iterator[tuple[Loc, str | None]]:
    """Every field in the scenario that names an actor, with its path."""
    for index, actor in enumerate(s.actors):
        yield ("actors", index, "patron"), actor.patron
    for index, relation in enumerate(s.relations):
        for side, ident in enumerate(relation.between):
            yield ("relations", index, "between", side), ident
    for index, office in enumerate(s.offices):
        yield ("offices", index, "holder"), office.holder
        for member, ident in enumerate(office.eligible):
            yield ("offices", index, "eligible", member), ident
    for index, body in enumerate(s.bodies):
        for member, ident in enumerate(body.members):
            yield ("bodies", index, "members", member), ident
    for index, cadre in enumerate(s.cadres):
        yield ("cadres", index, "patron"), cadre.patron
    for index, rule in enumerate(s.rules):
        yield ("rules", index, "founder"), rule.founder
    for index, event in enumerate(s.events):
        for field in ("actor", "author", "target", "custodian"):
            yield ("events", index, field), getattr(event, field)
    if s.history is not None:
        yield from _history_actor_references(s)


def _history_actor_references(s: Scenario) -> Iterator[tuple[Loc, str | None]]:
    assert s.history is not None
    yield ("history", "leader"), s.history.leader
    for index, elimination in enumerate(s.history.eliminations):
        yield ("history", "eliminations", index, "actor"), elimination.actor
    for index, claim in enumerate(s.history.claims):
        loc: Loc = ("history", "claims", index)
        yield (*loc, "actor"), claim.actor
        for field in ("first", "then", "allies", "against", "after_eliminated"):
            for member, ident in enumerate(getattr(claim, field)):
                yield (*loc, field, member), ident


# --- offices and bodies -----------------------------------------------------------


def _office_problems(s: Scenario) -> Iterator[Problem]:
    bodies = _ids(s.bodies)
    offices = _ids(s.offices)
    for index, office in enumerate(s.offices):
        loc: Loc = ("offices", index, "filled_by")
        if office.filled_by is None:
            yield Problem(loc, "office has no holder rule: set filled_by to the body that fills it")
        yield from _reference(loc, office.filled_by, "body", bodies)
        for place, ident in enumerate(office.next_in_line):
            line: Loc = ("offices", index, "next_in_line", place)
            yield from _reference(line, ident, "office", offices)
            if ident == office.id:
                yield Problem(line, "an office cannot be next in line for itself")
        yield from _holder_problems(s, index, office)
    for index, cadre in enumerate(s.cadres):
        yield from _reference(("cadres", index, "machine"), cadre.machine, "office", offices)
    for index, event in enumerate(s.events):
        yield from _reference(("events", index, "office"), event.office, "office", offices)


def _holder_problems(s: Scenario, index: int, office: Office) -> Iterator[Problem]:
    """The starting holder must be someone the office could be given to."""
    holder = next((actor for actor in s.actors if actor.id == office.holder), None)
    if holder is None:
        return
    loc: Loc = ("offices", index, "holder")
    if office.created is not None and month_index(office.created) > month_index(s.meta.start):
        yield Problem(
            loc, f"the office is created only in {office.created}: it has no holder at the start"
        )
    if (
        office.kind is not None
        and office.kind not in holder.background
        and (holder.id not in office.eligible)
    ):
        yield Problem(
            loc,
            f"{holder.id!r} holds a {office.kind} office but his background is "
            f"{', '.join(holder.background) or 'empty'}: add {office.kind!r} to his "
            "background or name him in the office's eligible list",
        )
    if STATUS_LADDER.index(holder.status) > STATUS_LADDER.index(office.min_status):
        yield Problem(
            loc,
            f"{holder.id!r} has status {holder.status!r}, below the office's "
            f"min_status {office.min_status!r}",
        )


def _body_problems(s: Scenario) -> Iterator[Problem]:
    bodies = _ids(s.bodies)
    for index, body in enumerate(s.bodies):
        if body.elected_by not in bodies | {CADRES, None}:
            yield Problem(
                ("bodies", index, "elected_by"),
                _unknown("body", body.elected_by, bodies)  # type: ignore[arg-type]
                + f"; elected_by names a body, '{CADRES}' or null",
            )
        yield from _reference(("bodies", index, "appeal_to"), body.appeal_to, "body", bodies)
    yield from _election_cycles(s)
    yield from _top_body_problems(s)


def _election_cycles(s: Scenario) -> Iterator[Problem]:
    # Each body has at most one elector, so following elected_by from any body
    # either ends or runs into a loop; the loop is reported once, starting
    # from its member that comes first in the file.
    elector = {body.id: body.elected_by for body in s.bodies}
    position = {body.id: index for index, body in enumerate(s.bodies)}
    reported: set[str] = set()
    for body in s.bodies:
        chain = [body.id]
        while (following := elector.get(chain[-1])) in elector and following not in chain:
            chain.append(following)  # type: ignore[arg-type]
        if following not in chain:
            continue
        cycle = chain[chain.index(following) :]
        if reported.isdisjoint(cycle):
            reported.update(cycle)
            start = min(cycle, key=position.__getitem__)
            turn = cycle.index(start)
            ordered = cycle[turn:] + cycle[:turn] + [start]
            yield Problem(
                ("bodies", position[start], "elected_by"), "election cycle: " + " -> ".join(ordered)
            )


def _top_body_problems(s: Scenario) -> Iterator[Problem]:
    tops = [index for index, body in enumerate(s.bodies) if body.role == "top"]
    if not tops:
        yield Problem(("bodies",), "no body has role 'top': one body must be the ruling bureau")
    for index in tops[1:]:
        yield Problem(
            ("bodies", index, "role"),
            f"a second body with role 'top' (bodies[{tops[0]}] is the first)",
        )
    for index in tops:
        for field in ("created", "abolished"):
            if getattr(s.bodies[index], field) is not None:
                yield Problem(
                    ("bodies", index, field),
                    "the top body exists throughout: it cannot be created or abolished",
                )
    if tops and not any(actor.status == "full" for actor in s.actors):
        yield Problem(("actors",), "the top body has no members: no actor has status 'full'")
    status = {actor.id: actor.status for actor in s.actors}
    for index in tops:
        for member, ident in enumerate(s.bodies[index].members):
            if status.get(ident, "full") != "full":
                yield Problem(
                    ("bodies", index, "members", member),
                    f"{ident!r} sits in the top body but has status '{status[ident]}', not 'full'",
                )


# --- dates ------------------------------------------------------------------------


def _date_problems(s: Scenario) -> Iterator[Problem]:
    start, end = month_index(s.meta.start), month_index(s.meta.end)
    period = f"the scenario's period {s.meta.start}..{s.meta.end}"
    for loc, month in _simulated_dates(s):
        if not start <= month_index(month) <= end:
            yield Problem(loc, f"date {month} is outside {period}")
    for section, items in (("offices", s.offices), ("bodies", s.bodies)):
        for index, item in enumerate(items):
            if (
                item.created
                and item.abolished
                and (month_index(item.abolished) <= month_index(item.created))
            ):
                yield Problem(
                    (section, index, "abolished"),
                    f"abolished ({item.abolished}) no later than it is created ({item.created})",
                )
    for index, rule in enumerate(s.rules):
        if rule.start and rule.end and month_index(rule.end) < month_index(rule.start):
            yield Problem(
                ("rules", index, "end"),
                f"the rule ends ({rule.end}) before it starts ({rule.start})",
            )
    earliest = start - HISTORY_LEAD_MONTHS
    span = (
        f"the history's range {month_text(earliest)}..{s.meta.end} "
        f"({HISTORY_LEAD_MONTHS} months before the start to the end)"
    )
    for loc, month in _history_dates(s):
        if not earliest <= month_index(month) <= end:
            yield Problem(loc, f"date {month} is outside {span}")


def _simulated_dates(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for index, body in enumerate(s.bodies):
        for meeting, month in enumerate(body.meetings):
            yield ("bodies", index, "meetings", meeting), month
        for month in body.sizes:
            yield ("bodies", index, "sizes", month), month
        for field in ("created", "abolished"):
            if (month := getattr(body, field)) is not None:
                yield ("bodies", index, field), month
    for index, office in enumerate(s.offices):
        for field in ("created", "abolished"):
            if (month := getattr(office, field)) is not None:
                yield ("offices", index, field), month
    for index, event in enumerate(s.events):
        yield ("events", index, "date"), event.date
    for index, rule in enumerate(s.rules):
        for field in ("start", "end"):
            if (month := getattr(rule, field)) is not None:
                yield ("rules", index, field), month


def _history_dates(s: Scenario) -> Iterator[tuple[Loc, str]]:
    if s.history is None:
        return
    if s.history.date is not None:
        yield ("history", "date"), s.history.date
    for index, elimination in enumerate(s.history.eliminations):
        yield ("history", "eliminations", index, "date"), elimination.date


# --- events and claims ------------------------------------------------------------


def _event_problems(s: Scenario) -> Iterator[Problem]:
    for index, event in enumerate(s.events):
        loc: Loc = ("events", index)
        if event.kind in ACTOR_EVENTS and event.actor is None:
            yield Problem((*loc, "actor"), f"a {event.kind} event needs an actor")
        if event.kind == "document" and event.target is None:
            yield Problem((*loc, "target"), "a document event needs a target")
        if event.kind == "crisis" and event.axis is None:
            yield Problem((*loc, "axis"), "a crisis event needs an axis")
        if event.kind == "recruitment" and event.delegates <= 0:
            yield Problem((*loc, "delegates"), "a recruitment event needs delegates > 0")


CLAIM_NEEDS: dict[str, tuple[str, ...]] = {
    "eliminated_before": ("first", "then"),
    "allied_against": ("actor", "allies", "against"),
    "position_shift": ("actor", "axis", "direction"),
}


def _claim_problems(s: Scenario) -> Iterator[Problem]:
    if s.history is None:
        return
    for index, claim in enumerate(s.history.claims):
        for field in CLAIM_NEEDS[claim.kind]:
            if getattr(claim, field) in (None, []):
                yield Problem(
                    ("history", "claims", index, field), f"a {claim.kind} claim needs {field}"
                )


# --- sources ----------------------------------------------------------------------


def _source_problems(s: Scenario) -> Iterator[Problem]:
    known = set(s.sources)
    for loc, source in _cited_sources(s, ()):
        yield from _reference(loc, source, "source", known)


def _cited_sources(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    # Walks the whole model rather than listing sourced records by hand, so
    # that a record added to the schema later is checked without being named.
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            item = getattr(value, field)
            if field == "source" and isinstance(item, str):
                yield (*loc, field), item
            else:
                yield from _cited_sources(item, (*loc, field))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _cited_sources(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _cited_sources(item, (*loc, key))
