"""The plausibility audit: what a historian would flag in a simulated history.

A history can reach a believable outcome through events no real institution
allowed: a committee of forty casting sixty votes, a schoolteacher made war
commissar, a man recanting errors nobody charged him with.  The audit plays
histories and checks every line of their chronicles against rules that
follow from the scenario's own data (the bodies' seats by date, who may hold
each office, how long an office may stay vacant, which organisations are a
man's machine), replaying offices and ranks from the chronicle itself rather
than trusting the engine's state.  A rule broken is a mechanism to mend, not
a number to tune.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ..model.journal import decode
from ..scenario.compile import Compiled
from ..scenario.schema import SANCTIONS, STATUS_LADDER
from .runner import play_batch

# What each rule asks, in the order they are reported.
RULES: dict[str, str] = {
    "votes": "votes add up to the body's seats on that date",
    "eligible": "offices go only to men qualified for them",
    "vacancy": "no office stays vacant longer than the scenario allows",
    "recantation": "no recantation without a prior accusation",
    "machine": "no one loses his machine to outside appointees while keeping its office",
    "after_the_fall": "nobody acts once dead, arrested or cast out, except to recant and return",
}

# Rows that carry a vote, with its two sides.
VOTES = {
    "motion_passed": ("ayes", "noes"),
    "motion_failed": ("ayes", "noes"),
    "overturned": ("ayes", "noes"),
    "readmitted": ("ayes", "noes"),
    "restored": ("ayes", "noes"),
    "document_published": ("publish", "bury"),
    "document_suppressed": ("publish", "bury"),
}
# Rows in which a man does something, and the field naming him.  An appeal
# against one's own sentence ("overturned") is not among them: a prisoner may
# still have his case heard by a higher body.
ACTS = {
    "motion_passed": "sponsor",
    "motion_failed": "sponsor",
    "faction": "organiser",
    "appeal": "actor",
    "shift": "actor",
    "cadre_won": "patron",
    "appointed": "holder",
    "promoted": "member",
    "recant": "actor",
    "force_arrest": "plotter",
    "force_failed": "plotter",
}
# What an outcast may still do: recant, and be taken back.
OUTCAST_ACTS = ("recant",)
OUTCAST = ("expelled", "exiled")
GONE = ("arrested", "dead")
# The rung a carried motion leaves its target on.
SANCTIONED = {
    "demote": "candidate",
    "drop": "cc",
    "remove_cc": "member",
    "expel": "expelled",
    "exile": "exiled",
    "arrest": "arrested",
    "execute": "dead",
}
ROLES_WITH_FREE_SEATS = ("committee", "congress")


@dataclass(frozen=True)
class Violation:
    rule: str
    history: int  # the history's index in the ensemble
    month: str
    entry: str  # the offending row, by kind and field
    why: str
    row: tuple[int, ...] = ()  # the row itself, for a face to tell as a chronicle line


@dataclass
class AuditReport:
    scenario: str
    runs: int
    seed: int
    rows: int = 0
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, Violation] = field(default_factory=dict)
    # Each example as the chronicle tells it, where a face has told it.
    lines: dict[str, str] = field(default_factory=dict)

    @property
    def violations(self) -> int:
        return sum(self.counts.values())

    def add(self, violation: Violation) -> None:
        self.counts[violation.rule] += 1
        self.examples.setdefault(violation.rule, violation)

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "runs": self.runs,
            "seed": self.seed,
            "rows_checked": self.rows,
            "violations": self.violations,
            "rules": {
                rule: {
                    "description": description,
                    "violations": self.counts.get(rule, 0),
                    "example": _example(self.examples.get(rule), self.lines.get(rule)),
                }
                for rule, description in RULES.items()
            },
        }


def _example(violation: Violation | None, line: str | None) -> dict | None:
    if violation is None:
        return None
    return {
        "history": violation.history,
        "month": violation.month,
        "entry": violation.entry,
        "line": line,
        "why": violation.why,
    }


def audit(compiled: Compiled, runs: int, seed: int) -> AuditReport:
    """Play ``runs`` histories of the ensemble seeded with ``seed`` and check
    every row of their chronicles."""
    batch = play_batch(compiled, seed, 0, runs, events=True)
    report = AuditReport(compiled.scenario.meta.id, runs, seed)
    rows = batch.events
    report.rows = int(rows.shape[0])
    starts = np.flatnonzero(np.diff(rows[:, 0], prepend=-1)) if rows.size else []
    ends = [*starts[1:], rows.shape[0]]
    for start, end in zip(starts, ends, strict=True):
        for violation in audit_history(compiled, int(rows[start, 0]), rows[start:end, 1:]):
            report.add(violation)
    return report


class _Replay:
    """Offices, ranks and accusations as the chronicle has them so far."""

    def __init__(self, compiled: Compiled) -> None:
        scenario = compiled.scenario
        self.compiled = compiled
        self.actor_index = {actor_id: i for i, actor_id in enumerate(compiled.actor_ids)}
        self.holder = [
            -1 if office.holder is None else self.actor_index[office.holder]
            for office in scenario.offices
        ]
        # An office created after the start is vacant from its creation.
        self.created = [int(month) for month in compiled.fact("office_codes", "created")]
        self.abolished = [int(month) for month in compiled.fact("office_codes", "abolished")]
        self.vacant_since = [
            self.created[office] if holder < 0 else None
            for office, holder in enumerate(self.holder)
        ]
        self.status = [actor.status for actor in scenario.actors]
        self.incapacitated = [actor.incapacitated for actor in scenario.actors]
        self.accused = [False] * len(scenario.actors)
        self.machine = {i: self._office(cadre.machine) for i, cadre in enumerate(scenario.cadres)}

    def _office(self, office_id: str | None) -> int:
        return -1 if office_id is None else self.compiled.office_ids.index(office_id)

    def active(self, actor: int) -> bool:
        return self.status[actor] not in (*OUTCAST, *GONE) and not self.incapacitated[actor]


def audit_history(compiled: Compiled, history: int, log: np.ndarray) -> Iterator[Violation]:
    """The rules a history's chronicle breaks, row by row."""
    replay = _Replay(compiled)
    scenario = compiled.scenario
    limit = scenario.meta.vacancy_months
    for row in log:
        entry = decode(row)
        month = int(entry.month)

        def flag(rule: str, why: str, entry=entry, month=month, row=row) -> Violation:
            return Violation(
                rule,
                history,
                compiled.month_label(month),
                _describe(entry),
                why,
                tuple(int(value) for value in row),
            )

        if entry.kind in VOTES:
            problem = _vote_problem(compiled, entry, month)
            if problem:
                yield flag("votes", problem)
        if entry.kind in ACTS:
            actor = getattr(entry, ACTS[entry.kind])
            if actor >= 0 and not replay.active(actor):
                allowed = entry.kind in OUTCAST_ACTS and replay.status[actor] in OUTCAST
                if not allowed:
                    state = "incapacitated" if replay.incapacitated[actor] else replay.status[actor]
                    yield flag("after_the_fall", f"{compiled.actor_ids[actor]} is {state}")
        if entry.kind == "recant" and not replay.accused[entry.actor]:
            yield flag("recantation", f"nobody has moved against {compiled.actor_ids[entry.actor]}")
        if entry.kind == "cadre_won":
            office = replay.machine.get(entry.cadre, -1)
            former = entry.former_patron
            if (
                office >= 0
                and former >= 0
                and replay.holder[office] == former
                and replay.active(former)
            ):
                yield flag(
                    "machine",
                    f"{compiled.actor_ids[former]} still holds "
                    f"{compiled.office_ids[office]}, the office it is run from",
                )
        if entry.kind == "appointed":
            yield from (flag(rule, why) for rule, why in _appointment_problems(replay, entry))
            if not replay.created[entry.office] <= month < replay.abolished[entry.office]:
                yield flag("eligible", f"{compiled.office_ids[entry.office]} does not exist then")
            since = replay.vacant_since[entry.office]
            if since is not None and month - since > limit:
                yield flag(
                    "vacancy",
                    f"{compiled.office_ids[entry.office]} was vacant from "
                    f"{compiled.month_label(since)}, over {limit} months",
                )
        _follow(replay, entry, month)
    end = compiled.n_months - 1
    for office, since in enumerate(replay.vacant_since):
        if since is not None and end - since > limit:
            yield Violation(
                "vacancy",
                history,
                compiled.month_label(end),
                f"end of history: {compiled.office_ids[office]} vacant",
                f"vacant from {compiled.month_label(since)} to the end, over {limit} months",
            )


def _vote_problem(compiled: Compiled, entry, month: int) -> str | None:
    first, second = VOTES[entry.kind]
    ayes, noes = getattr(entry, first), getattr(entry, second)
    body = compiled.scenario.bodies[entry.body]
    seats = int(compiled.world.body_seats[entry.body, month])
    total = ayes + noes
    if ayes < 0 or noes < 0:
        return f"a negative count ({ayes} to {noes})"
    if total > seats:
        return f"{total} votes cast in {body.id}, which has {seats} seats"
    if body.role in ROLES_WITH_FREE_SEATS and total != seats:
        return f"{total} votes cast in {body.id}, whose {seats} seats all vote"
    if total == 0:
        return f"no votes cast in {body.id}"
    return None


def _appointment_problems(replay: _Replay, entry) -> Iterator[tuple[str, str]]:
    compiled = replay.compiled
    office = compiled.scenario.offices[entry.office]
    if entry.holder < 0:
        yield "eligible", f"{office.id} is given to nobody"
        return
    person = compiled.scenario.actors[entry.holder]
    if (
        office.kind is not None
        and office.kind not in person.background
        and (person.id not in office.eligible)
    ):
        yield (
            "eligible",
            f"{person.id} ({', '.join(person.background)}) made {office.id}, "
            f"an office of kind {office.kind}",
        )
    rung = replay.status[entry.holder]
    if STATUS_LADDER.index(rung) > STATUS_LADDER.index(office.min_status):
        yield "eligible", f"{person.id} is {rung}, below {office.id}'s rung {office.min_status}"


def _follow(replay: _Replay, entry, month: int) -> None:
    """Bring the replay up to date with one row."""
    kind = entry.kind
    if kind == "appointed":
        replay.holder[entry.office] = entry.holder
        replay.vacant_since[entry.office] = None
    elif kind == "vacated":
        replay.holder[entry.office] = -1
        replay.vacant_since[entry.office] = month
    elif kind == "abolished":
        replay.holder[entry.office] = -1
        replay.vacant_since[entry.office] = None
    elif kind in ("motion_passed", "motion_failed", "overturned"):
        replay.accused[entry.target] = True
        if kind == "motion_passed":
            sanction = SANCTIONS[entry.sanction]
            if sanction in SANCTIONED:
                replay.status[entry.target] = SANCTIONED[sanction]
    elif kind == "promoted":
        replay.status[entry.member] = STATUS_LADDER[entry.status]
    elif kind == "readmitted":
        replay.status[entry.outcast] = "member"
    elif kind == "restored":
        replay.status[entry.protege] = STATUS_LADDER[entry.status]
    elif kind == "death":
        replay.status[entry.actor] = "dead"
    elif kind == "force_arrest":
        replay.status[entry.victim] = "arrested"
    elif kind == "stroke" and entry.incapacitated:
        replay.incapacitated[entry.actor] = True


def _describe(entry) -> str:
    named = entry._asdict().items()
    fields = ", ".join(f"{name}={value}" for name, value in named if name not in ("kind", "month"))
    return f"{entry.kind}({fields})"
