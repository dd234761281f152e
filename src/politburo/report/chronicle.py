"""One history told in plain English: dated lines, an outcome, and JSON.

Every row of a history's log becomes one line (wrapped here) such as::

    1972-03  Assembly of Officers removes Moraga as Commander of the Capital Garrison
             on Lastra's motion, 31 votes to 9.

Each log kind has its own small function that reads the row's columns (see
``politburo.model.world``: ``LOG_*`` columns, ``L_*`` kinds) and returns the
actors involved and a sentence.  Names come from the scenario: actors by
surname (or full name where two share one), offices, bodies and cadres by
their names with any closing parenthesis dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..experiments.runner import History
from ..model.world import (
    CANDIDATE,
    FULL,
    L_APPEAL,
    L_APPOINTED,
    L_CADRE_WON,
    L_COALITION,
    L_CONGRESS,
    L_CRISIS,
    L_DEATH,
    L_DOCUMENT_PUBLISHED,
    L_DOCUMENT_SUPPRESSED,
    L_DOMINANT,
    L_ELIMINATED,
    L_FACTION,
    L_HEIR,
    L_LINE,
    L_MOTION_FAILED,
    L_MOTION_PASSED,
    L_OVERTURNED,
    L_PROMOTED,
    L_READMITTED,
    L_RECANT,
    L_RECRUITMENT,
    L_SHIFT,
    L_STROKE,
    LOG_ACTOR,
    LOG_AGAINST,
    LOG_BODY,
    LOG_CAPACITY,
    LOG_EXTRA,
    LOG_FOR,
    LOG_KIND,
    LOG_KIND_NAMES,
    LOG_MONTH,
    LOG_OFFICE,
    LOG_OTHER,
    MANNER_NAMES,
    NO_MONTH,
    S_ARREST,
    S_DEMOTE,
    S_DROP,
    S_EXECUTE,
    S_EXILE,
    S_EXPEL,
    S_READMIT,
    S_REMOVE_CC,
    S_REMOVE_OFFICE,
    STATUS_NAMES,
)
from ..scenario.compile import Compiled
from ..scenario.schema import Event, month_index

DATE_GAP = "  "  # between the date and the sentence
TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
FIRST_CLAUSE = re.compile(r"[,:;]|\s\(")


@dataclass(frozen=True)
class Entry:
    """One event of a history, told."""

    month: int  # counted from the scenario's start
    date: str  # YYYY-MM
    kind: str  # the log kind's name
    actors: tuple[str, ...]  # scenario ids, the principal first
    body: str | None  # body id
    text: str

    @property
    def line(self) -> str:
        return f"{self.date}{DATE_GAP}{self.text}"


@dataclass(frozen=True)
class Elimination:
    actor: str
    date: str
    manner: str


@dataclass(frozen=True)
class Outcome:
    leader: str | None  # actor id
    date: str | None  # when dominance began
    eliminations: list[Elimination]  # in the order they happened
    truncated: bool  # the log filled up before the history ended


# --- names ------------------------------------------------------------------------


def _short(name: str) -> str:
    """A name without its closing parenthetical note, if anything is left."""
    trimmed = TRAILING_NOTE.sub("", name)
    return trimmed or name


def _lower(text: str) -> str:
    """Lower-case the first letter of an ordinary capitalised word, not of an acronym."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _pole(text: str) -> str:
    """The first clause of an axis end, e.g. 'gradualist NEP' from a longer gloss."""
    return _lower(FIRST_CLAUSE.split(text, maxsplit=1)[0].strip() or text.strip())


class Names:
    """Display names for the indices in a compiled scenario's log."""

    def __init__(self, compiled: Compiled) -> None:
        scenario = compiled.scenario
        self.compiled = compiled
        surnames = [
            actor.name.split()[-1] if actor.name.split() else actor.id for actor in scenario.actors
        ]
        self.actors = [
            surname if surnames.count(surname) == 1 else actor.name
            for surname, actor in zip(surnames, scenario.actors, strict=True)
        ]
        self.offices = [_short(office.name) for office in scenario.offices]
        self.bodies = [_short(body.name) for body in scenario.bodies]
        self.axes = list(scenario.axes)
        # Compiled events are sorted by month with a stable sort: the log's
        # event numbers index this list.
        self.events: list[Event] = sorted(scenario.events, key=lambda e: month_index(e.date))
        self.cadres = [_short(cadre.name) for cadre in scenario.cadres]
        for event in self.events:  # recruitment waves fill the slots after the cadres
            if event.kind == "recruitment":
                self.cadres.append(f"the recruits of {event.date}")
        self.top = int(compiled.top)
        committee = int(compiled.fact("bodies", "elected_by")[self.top])
        self.committee = committee if 0 <= committee < len(self.bodies) else -1

    def actor(self, index: int) -> str:
        if 0 <= index < len(self.actors):
            return self.actors[index]
        return "nobody"

    def actor_id(self, index: int) -> str | None:
        ids = self.compiled.actor_ids
        return ids[index] if 0 <= index < len(ids) else None

    def office(self, index: int) -> str:
        return self.offices[index] if 0 <= index < len(self.offices) else "an office"

    def body(self, index: int) -> str:
        return self.bodies[index] if 0 <= index < len(self.bodies) else "the leadership"

    def body_id(self, index: int) -> str | None:
        ids = self.compiled.body_ids
        return ids[index] if 0 <= index < len(ids) else None

    def cadre(self, index: int) -> str:
        if 0 <= index < len(self.cadres):
            return self.cadres[index]
        return f"organisation {index}"

    def event(self, index: int) -> Event | None:
        return self.events[index] if 0 <= index < len(self.events) else None

    def date(self, month: int) -> str:
        return self.compiled.month_label(month)

    def status(self, code: int) -> str:
        top = self.body(self.top)
        if code == FULL:
            return f"a full member of the {top}"
        if code == CANDIDATE:
            return f"a candidate member of the {top}"
        return STATUS_NAMES[code] if 0 <= code < len(STATUS_NAMES) else f"status {code}"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _listing(names: list[str]) -> str:
    if not names:
        return "nobody"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _involved(actor: int, other: int) -> list[int]:
    """The actors an event concerns: the first, and the second if there is one."""
    return [actor] if other < 0 or other == actor else [actor, other]


def _votes(ayes: int, noes: int) -> str:
    return f"{ayes} {'vote' if ayes == 1 else 'votes'} to {noes}"


def _sanction(names: Names, sanction: int, target: str, office: int) -> tuple[str, str]:
    """(verb, object) of a motion, e.g. ('remove', 'Moraga as Garrison Commander')."""
    top = names.body(names.top)
    if sanction == S_REMOVE_OFFICE:
        return "remove", f"{target} as {names.office(office)}"
    if sanction == S_DEMOTE:
        return "demote", f"{target} to candidate member of the {top}"
    if sanction == S_DROP:
        return "drop", f"{target} from the {top}"
    if sanction == S_REMOVE_CC:
        committee = names.body(names.committee) if names.committee >= 0 else "committee"
        return "remove", f"{target} from the {committee}"
    if sanction == S_EXPEL:
        return "expel", f"{target} from the party"
    if sanction == S_EXILE:
        return "exile", target
    if sanction == S_ARREST:
        return "order", f"the arrest of {target}"
    if sanction == S_EXECUTE:
        return "sentence", f"{target} to death"
    if sanction == S_READMIT:
        return "readmit", f"{target} to the party"
    return "move against", target


# --- one function per log kind ------------------------------------------------------

Told = tuple[list[int], str]  # actor indices involved (principal first), sentence


def _scripted_text(names: Names, row: np.ndarray, kind: str) -> str:
    """The scenario's own words for a dated death or stroke of this actor this month."""
    date = names.date(int(row[LOG_MONTH]))
    actor_id = names.actor_id(int(row[LOG_ACTOR]))
    for event in names.events:
        if event.kind == kind and event.date == date and event.actor == actor_id and event.text:
            return event.text
    return ""


def death(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    return [actor], _scripted_text(names, row, "death") or f"{names.actor(actor)} dies."


def stroke(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    scripted = _scripted_text(names, row, "stroke")
    if scripted:
        return [actor], scripted
    if row[LOG_FOR]:
        return [actor], f"{names.actor(actor)} suffers a stroke and can no longer act."
    return [actor], f"{names.actor(actor)} falls ill; his health is failing."


def _document(names: Names, row: np.ndarray, published: bool) -> Told:
    target, author = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    event = names.event(int(row[LOG_EXTRA]))
    ayes, noes = int(row[LOG_FOR]), int(row[LOG_AGAINST])
    paper = f"{_possessive(names.actor(author))} document" if author >= 0 else "a document"
    verb, votes = (
        ("publishes", _votes(ayes, noes))
        if published
        else (
            "suppresses",
            _votes(noes, ayes),
        )
    )
    text = f"{names.body(int(row[LOG_BODY]))} {verb} {paper} against {names.actor(target)}"
    if row[LOG_OFFICE] >= 0:
        asks = "asking" if published else "which asked"
        text += f", {asks} that he be removed as {names.office(int(row[LOG_OFFICE]))}"
    text += f", {votes}."
    if event is not None and event.text:
        text += f" ({event.text})"
    return _involved(target, author), text


def document_published(names: Names, row: np.ndarray) -> Told:
    return _document(names, row, True)


def document_suppressed(names: Names, row: np.ndarray) -> Told:
    return _document(names, row, False)


def recruitment(names: Names, row: np.ndarray) -> Told:
    patron = int(row[LOG_ACTOR])
    cadre = int(row[LOG_EXTRA])
    wave = cadre - len(names.compiled.scenario.cadres)
    waves = [event for event in names.events if event.kind == "recruitment"]
    event = waves[wave] if 0 <= wave < len(waves) else None
    lead = (
        event.text if event is not None and event.text else "A recruitment wave swells the party."
    )
    follow = (
        f"the recruits, worth {int(row[LOG_FOR])} delegates, owe their cards to "
        f"{names.actor(patron)}"
        if patron >= 0
        else f"the recruits, worth {int(row[LOG_FOR])} delegates, follow no patron"
    )
    return ([patron] if patron >= 0 else []), f"{lead.rstrip('.')}: {follow}."


def crisis(names: Names, row: np.ndarray) -> Told:
    event = names.event(int(row[LOG_EXTRA]))
    if event is not None and event.text:
        return [], event.text
    axis = None
    if event is not None and event.axis is not None:
        axis = next((a.name for a in names.axes if a.id == event.axis), event.axis)
    about = f": {axis} moves to the centre of politics" if axis else ""
    return [], f"A crisis shakes the country{about}."


def heir(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    event = names.event(int(row[LOG_EXTRA]))
    text = f"{names.actor(actor)} is designated heir."
    if event is not None and event.text:
        text += f" ({event.text})"
    return [actor], text


def congress(names: Names, row: np.ndarray) -> Told:
    largest = int(row[LOG_ACTOR])
    body = names.body(int(row[LOG_BODY]))
    share, unaligned = int(row[LOG_FOR]), int(row[LOG_AGAINST])
    if largest < 0 or share <= 0:
        return [], f"{body} meets: no bloc holds the delegates; {unaligned}% are unaligned."
    return [largest], (
        f"{body} meets: {_possessive(names.actor(largest))} bloc is the largest, with "
        f"{share}% of the delegates; {unaligned}% are unaligned."
    )


def coalition(names: Names, row: np.ndarray) -> Told:
    mask = (int(row[LOG_EXTRA]) & 0x7FFFFFFF) | ((int(row[LOG_OTHER]) & 0x7FFFFFFF) << 31)
    members = [a for a in range(len(names.actors)) if (mask >> a) & 1]
    body = names.body(int(row[LOG_BODY]))
    if not members:
        return [], f"The ruling coalition in the {body} breaks up; no majority holds together."
    strongest = int(row[LOG_ACTOR])
    if strongest in members:
        members.remove(strongest)
        members.insert(0, strongest)
    listed = _listing([names.actor(a) for a in members])
    outside = int(row[LOG_AGAINST])
    if len(members) == 1:
        text = f"{listed} rules the {body} alone"
    else:
        text = f"A new ruling coalition forms in the {body}: {listed}"
    return members, f"{text} ({outside} outside it)."


def _motion(names: Names, row: np.ndarray, passed: bool) -> Told:
    sponsor, target = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    body = names.body(int(row[LOG_BODY]))
    verb, obj = _sanction(names, int(row[LOG_EXTRA]), names.actor(target), int(row[LOG_OFFICE]))
    votes = _votes(int(row[LOG_FOR]), int(row[LOG_AGAINST]))
    if passed:
        text = f"{body} {verb}s {obj} on {_possessive(names.actor(sponsor))} motion, {votes}."
    else:
        text = (
            f"In the {body}, {_possessive(names.actor(sponsor))} motion to {verb} {obj} fails, "
            f"{votes}."
        )
    return [sponsor, target], text


def motion_passed(names: Names, row: np.ndarray) -> Told:
    return _motion(names, row, True)


def motion_failed(names: Names, row: np.ndarray) -> Told:
    return _motion(names, row, False)


def overturned(names: Names, row: np.ndarray) -> Told:
    target, sponsor = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    verb, obj = _sanction(names, int(row[LOG_EXTRA]), "him", int(row[LOG_OFFICE]))
    body = names.body(int(row[LOG_BODY]))
    votes = _votes(int(row[LOG_FOR]), int(row[LOG_AGAINST]))
    return [target, sponsor], (
        f"{names.actor(target)} appeals to the {body}, which overturns "
        f"{_possessive(names.actor(sponsor))} motion to {verb} {obj}: {votes} for it."
    )


def appointed(names: Names, row: np.ndarray) -> Told:
    holder, nominator = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    body = names.body(int(row[LOG_BODY]))
    text = f"{body} appoints {names.actor(holder)} as {names.office(int(row[LOG_OFFICE]))}"
    if 0 <= nominator != holder:
        text += f" on {_possessive(names.actor(nominator))} nomination"
    return _involved(holder, nominator), text + "."


def promoted(names: Names, row: np.ndarray) -> Told:
    actor, nominator = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    text = f"{names.actor(actor)} becomes {names.status(int(row[LOG_EXTRA]))}"
    if 0 <= nominator != actor:
        text += f", nominated by {names.actor(nominator)}"
    return _involved(actor, nominator), text + "."


def faction(names: Names, row: np.ndarray) -> Told:
    actor, partner = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    text = f"{names.actor(actor)} organises a faction against the majority"
    if partner >= 0:
        text += f" (nearest possible ally: {names.actor(partner)})"
    return _involved(actor, partner), text + "."


def appeal(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    return [actor], f"{names.actor(actor)} appeals over the leaders' heads to the rank and file."


def recant(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    return [actor], f"{names.actor(actor)} recants and admits his errors."


def _movement(names: Names, row: np.ndarray) -> tuple[str | None, str]:
    """For a move along an axis: 'on <axis>, toward <pole>' (None if the axis is
    unknown) and '(from x to y)'."""
    axis_index = int(row[LOG_EXTRA])
    new, old = row[LOG_FOR] / 100.0, row[LOG_AGAINST] / 100.0
    values = f"(from {old:+.2f} to {new:+.2f})"
    if not 0 <= axis_index < len(names.axes):
        return None, values
    axis = names.axes[axis_index]
    pole = _pole(axis.high if new > old else axis.low)
    return f"on {_lower(axis.name)}, toward {pole}", values


def shift(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    where, values = _movement(names, row)
    if where is None:
        return [actor], f"{names.actor(actor)} shifts his position {values}."
    return [actor], f"{names.actor(actor)} shifts {where} {values}."


def cadre_won(names: Names, row: np.ndarray) -> Told:
    patron, old = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    cadre = names.cadre(int(row[LOG_EXTRA]))
    text = f"{_possessive(names.actor(patron))} appointees take over {cadre}"
    if row[LOG_OFFICE] >= 0:
        text += f", through the office of {names.office(int(row[LOG_OFFICE]))}"
    if old >= 0:
        text += f"; it no longer answers to {names.actor(old)}"
    return _involved(patron, old), text + "."


def eliminated(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    manner = int(row[LOG_EXTRA])
    how = MANNER_NAMES[manner] if 0 <= manner < len(MANNER_NAMES) else f"manner {manner}"
    return [actor], f"{names.actor(actor)} is out of the contest: {how}."


def dominant(names: Names, row: np.ndarray) -> Told:
    actor = int(row[LOG_ACTOR])
    body = names.body(int(row[LOG_BODY]))
    members, supporters = int(row[LOG_FOR]), int(row[LOG_AGAINST])
    since = names.date(int(row[LOG_EXTRA]))
    return [actor], (
        f"{names.actor(actor)} is dominant: {supporters} of the {members} active members of the "
        f"{body} are his clients or allies, and no rival keeps an independent base "
        f"(since {since})."
    )


def readmitted(names: Names, row: np.ndarray) -> Told:
    actor, sponsor = int(row[LOG_ACTOR]), int(row[LOG_OTHER])
    body = names.body(int(row[LOG_BODY]))
    votes = _votes(int(row[LOG_FOR]), int(row[LOG_AGAINST]))
    text = f"{body} readmits {names.actor(actor)} to the party"
    if sponsor >= 0:
        text += f" on {_possessive(names.actor(sponsor))} motion"
    return _involved(actor, sponsor), f"{text}, {votes}."


def line_turned(names: Names, row: np.ndarray) -> Told:
    where, values = _movement(names, row)
    if where is None:
        return [], f"The party line moves {values}."
    body = names.body(int(row[LOG_BODY]))
    return [], f"The {body} turns the party line {where} {values}."


TELLERS: dict[int, Callable[[Names, np.ndarray], Told]] = {
    L_DEATH: death,
    L_STROKE: stroke,
    L_DOCUMENT_PUBLISHED: document_published,
    L_DOCUMENT_SUPPRESSED: document_suppressed,
    L_RECRUITMENT: recruitment,
    L_CRISIS: crisis,
    L_HEIR: heir,
    L_CONGRESS: congress,
    L_COALITION: coalition,
    L_MOTION_PASSED: motion_passed,
    L_MOTION_FAILED: motion_failed,
    L_OVERTURNED: overturned,
    L_APPOINTED: appointed,
    L_PROMOTED: promoted,
    L_FACTION: faction,
    L_APPEAL: appeal,
    L_RECANT: recant,
    L_SHIFT: shift,
    L_CADRE_WON: cadre_won,
    L_ELIMINATED: eliminated,
    L_DOMINANT: dominant,
    L_READMITTED: readmitted,
    L_LINE: line_turned,
}


def _unknown(names: Names, row: np.ndarray) -> Told:
    kind = int(row[LOG_KIND])
    return [], f"Log entry of kind {kind}: {[int(value) for value in row]}."


def kind_name(kind: int) -> str:
    return LOG_KIND_NAMES[kind] if 0 <= kind < len(LOG_KIND_NAMES) else f"kind_{kind}"


# --- the whole history --------------------------------------------------------------


def entries(history: History) -> list[Entry]:
    """Every row of the history's log, told, in the order it happened."""
    names = Names(history.compiled)
    told = []
    for row in history.log:
        kind = int(row[LOG_KIND])
        actors, text = TELLERS.get(kind, _unknown)(names, row)
        ids = []
        for actor in actors:
            actor_id = names.actor_id(actor)
            if actor_id is not None and actor_id not in ids:
                ids.append(actor_id)
        month = int(row[LOG_MONTH])
        body = names.body_id(int(row[LOG_BODY]))
        told.append(Entry(month, names.date(month), kind_name(kind), tuple(ids), body, text))
    return told


def leading_figures(history: History) -> set[str]:
    """Who sat in the top body at some time: at the start, or by promotion."""
    scenario = history.compiled.scenario
    figures = {actor.id for actor in scenario.actors if actor.status in ("full", "candidate")}
    for row in history.log:
        if int(row[LOG_KIND]) == L_PROMOTED and row[LOG_ACTOR] >= 0:
            figures.add(history.compiled.actor_ids[int(row[LOG_ACTOR])])
    return figures


def main_entries(history: History) -> list[Entry]:
    """The chronicle without its small change: no appeals to the rank and file,
    and position shifts only by men who sat in the top body."""
    figures = leading_figures(history)
    return [
        entry
        for entry in entries(history)
        if entry.kind != "appeal" and (entry.kind != "shift" or set(entry.actors) & figures)
    ]


def chronicle(history: History) -> list[str]:
    """The history as dated lines, 'YYYY-MM  sentence'."""
    return [entry.line for entry in entries(history)]


def outcome(history: History) -> Outcome:
    compiled = history.compiled
    leader = compiled.actor_ids[history.leader] if history.leader >= 0 else None
    date = (
        compiled.month_label(history.leader_month)
        if history.leader >= 0 and history.leader_month != NO_MONTH
        else None
    )
    out = [a for a in range(len(compiled.actor_ids)) if history.eliminated[a] != NO_MONTH]
    out.sort(key=lambda a: (int(history.rank[a]), int(history.eliminated[a])))
    eliminations = []
    for actor in out:
        manner = int(history.manner[actor])
        how = MANNER_NAMES[manner] if 0 <= manner < len(MANNER_NAMES) else f"manner {manner}"
        eliminations.append(
            Elimination(
                compiled.actor_ids[actor], compiled.month_label(int(history.eliminated[actor])), how
            )
        )
    return Outcome(leader, date, eliminations, len(history.log) >= LOG_CAPACITY)


def outcome_lines(history: History) -> list[str]:
    """A short summary: who became dominant and when, and who fell, in order."""
    names = Names(history.compiled)
    result = outcome(history)
    index = {actor: i for i, actor in enumerate(history.compiled.actor_ids)}
    lines = []
    if result.leader is None:
        end = history.compiled.scenario.meta.end
        lines.append(f"Nobody became dominant by {end}.")
    else:
        lines.append(f"{names.actor(index[result.leader])} became dominant in {result.date}.")
    if result.eliminations:
        lines.append("Eliminated, in order:")
        for number, fall in enumerate(result.eliminations, 1):
            lines.append(
                f"  {number}. {fall.date}  {names.actor(index[fall.actor])}: {fall.manner}"
            )
    else:
        lines.append("Nobody was eliminated.")
    if result.truncated:
        lines.append(f"(The chronicle stops at its capacity of {LOG_CAPACITY} entries.)")
    return lines


def history_json(history: History) -> dict[str, Any]:
    """The history for scripts: its events and its outcome, actors by scenario id."""
    result = outcome(history)
    return {
        "scenario": history.compiled.scenario.meta.id,
        "seed": int(history.seed),
        "events": [
            {
                "date": entry.date,
                "type": entry.kind,
                "actors": list(entry.actors),
                "body": entry.body,
                "text": entry.text,
            }
            for entry in entries(history)
        ],
        "outcome": {
            "leader": result.leader,
            "date": result.date,
            "eliminations": [
                {"actor": fall.actor, "date": fall.date, "manner": fall.manner}
                for fall in result.eliminations
            ],
        },
    }
