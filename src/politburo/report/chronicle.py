"""One history told in plain English: dated lines, an outcome, and JSON.

Every row of a history's log becomes one line (wrapped here) such as::

    1972-03  Assembly of Officers removes Moraga as Commander of the Capital Garrison
             on Lastra's motion, 31 votes to 9.

Each log kind has its own small function, a teller, keyed by the kind's
name.  It reads the row decoded by ``politburo.model.journal.decode``: the
fields the kind's module declares, by name (``entry.sponsor``,
``entry.ayes``), never a column by position.  It returns the actors involved
and a sentence.  Names come from the scenario: actors by
surname (or full name where two share one), offices, bodies and cadres by
their names with any closing parenthesis dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.journal import UndeclaredEntry, decode
from ..model.world import (
    CANDIDATE,
    FULL,
    LOG_CAPACITY,
    MANNER_NAMES,
    MEMBER,
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

if TYPE_CHECKING:  # the report reads a History; it does not run one
    from ..experiments.runner import History

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
#
# Each teller reads a decoded row (``journal.decode``): the fields its kind
# declares, by name, in the module that writes it.

LogEntry = Any  # a row decoded by ``journal.decode``: a named tuple of its kind's fields
Told = tuple[list[int], str]  # actor indices involved (principal first), sentence
Teller = Callable[["Names", LogEntry], Told]
TELLERS: dict[str, Teller] = {}  # by log kind name


def tells(*kinds: str) -> Callable[[Teller], Teller]:
    """Register a teller for the log kinds of these names."""

    def register(teller: Teller) -> Teller:
        for kind in kinds:
            TELLERS[kind] = teller
        return teller

    return register


def _scripted_text(names: Names, month: int, actor: int, kind: str) -> str:
    """The scenario's own words for a dated death or stroke of this actor this month."""
    date = names.date(month)
    actor_id = names.actor_id(actor)
    for event in names.events:
        if event.kind == kind and event.date == date and event.actor == actor_id and event.text:
            return event.text
    return ""


@tells("death")
def death(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    scripted = _scripted_text(names, entry.month, actor, "death")
    return [actor], scripted or f"{names.actor(actor)} dies."


@tells("stroke")
def stroke(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    scripted = _scripted_text(names, entry.month, actor, "stroke")
    if scripted:
        return [actor], scripted
    if entry.incapacitated:
        return [actor], f"{names.actor(actor)} suffers a stroke and can no longer act."
    return [actor], f"{names.actor(actor)} falls ill; his health is failing."


@tells("document_published", "document_suppressed")
def document(names: Names, entry: LogEntry) -> Told:
    published = entry.kind == "document_published"
    target, author = entry.target, entry.author
    event = names.event(entry.event)
    paper = f"{_possessive(names.actor(author))} document" if author >= 0 else "a document"
    if published:
        verb, votes = "publishes", _votes(entry.publish, entry.bury)
    else:
        verb, votes = "suppresses", _votes(entry.bury, entry.publish)
    text = f"{names.body(entry.body)} {verb} {paper} against {names.actor(target)}"
    if entry.office >= 0:
        asks = "asking" if published else "which asked"
        text += f", {asks} that he be removed as {names.office(entry.office)}"
    if not published and entry.publish == entry.bury:
        # A tie buries it: the motion to publish does not carry.
        votes = f"the motion to publish failing on a tie, {entry.publish} to {entry.bury}"
    text += f", {votes}."
    if event is not None and event.text:
        text += f" ({event.text})"
    return _involved(target, author), text


@tells("recruitment")
def recruitment(names: Names, entry: LogEntry) -> Told:
    patron = entry.patron
    wave = entry.cadre - len(names.compiled.scenario.cadres)
    waves = [event for event in names.events if event.kind == "recruitment"]
    event = waves[wave] if 0 <= wave < len(waves) else None
    lead = (
        event.text if event is not None and event.text else "A recruitment wave swells the party."
    )
    worth = f"the recruits, worth {entry.delegates} delegates"
    follow = (
        f"{worth}, owe their cards to {names.actor(patron)}"
        if patron >= 0
        else f"{worth}, follow no patron"
    )
    return ([patron] if patron >= 0 else []), f"{lead.rstrip('.')}: {follow}."


@tells("crisis")
def crisis(names: Names, entry: LogEntry) -> Told:
    event = names.event(entry.event)
    if event is not None and event.text:
        return [], event.text
    axis = None
    if event is not None and event.axis is not None:
        axis = next((a.name for a in names.axes if a.id == event.axis), event.axis)
    about = f": {axis} moves to the centre of politics" if axis else ""
    return [], f"A crisis shakes the country{about}."


@tells("heir")
def heir(names: Names, entry: LogEntry) -> Told:
    event = names.event(entry.event)
    text = f"{names.actor(entry.heir)} is designated heir."
    if event is not None and event.text:
        text += f" ({event.text})"
    return [entry.heir], text


@tells("congress")
def congress(names: Names, entry: LogEntry) -> Told:
    leader, body = entry.leader, names.body(entry.body)
    share, unaligned = entry.bloc_percent, entry.unaligned_percent
    if leader < 0 or share <= 0:
        return [], f"{body} meets: no bloc holds the delegates; {unaligned}% are unaligned."
    return [leader], (
        f"{body} meets: {_possessive(names.actor(leader))} bloc is the largest, with "
        f"{share}% of the delegates; {unaligned}% are unaligned."
    )


@tells("coalition")
def coalition(names: Names, entry: LogEntry) -> Told:
    members = [a for a in range(len(names.actors)) if (entry.members >> a) & 1]
    body = names.body(entry.body)
    if not members:
        return [], f"The ruling coalition in the {body} breaks up; no majority holds together."
    if entry.strongest in members:
        members.remove(entry.strongest)
        members.insert(0, entry.strongest)
    listed = _listing([names.actor(a) for a in members])
    if len(members) == 1:
        text = f"{listed} rules the {body} alone"
    else:
        text = f"A new ruling coalition forms in the {body}: {listed}"
    return members, f"{text} ({entry.outside} outside it)."


@tells("motion_passed", "motion_failed")
def motion(names: Names, entry: LogEntry) -> Told:
    sponsor, target = entry.sponsor, entry.target
    body = names.body(entry.body)
    verb, obj = _sanction(names, entry.sanction, names.actor(target), entry.office)
    votes = _votes(entry.ayes, entry.noes)
    if entry.kind == "motion_passed":
        text = f"{body} {verb}s {obj} on {_possessive(names.actor(sponsor))} motion, {votes}."
    else:
        text = (
            f"In the {body}, {_possessive(names.actor(sponsor))} motion to {verb} {obj} fails, "
            f"{votes}."
        )
    return [sponsor, target], text


@tells("overturned")
def overturned(names: Names, entry: LogEntry) -> Told:
    target, sponsor = entry.target, entry.sponsor
    verb, obj = _sanction(names, entry.sanction, "him", entry.office)
    votes = _votes(entry.ayes, entry.noes)
    return [target, sponsor], (
        f"{names.actor(target)} appeals to the {names.body(entry.body)}, which overturns "
        f"{_possessive(names.actor(sponsor))} motion to {verb} {obj}: {votes} for it."
    )


@tells("appointed")
def appointed(names: Names, entry: LogEntry) -> Told:
    holder, nominator = entry.holder, entry.nominator
    text = (
        f"{names.body(entry.body)} appoints {names.actor(holder)} as {names.office(entry.office)}"
    )
    if 0 <= nominator != holder:
        text += f" on {_possessive(names.actor(nominator))} nomination"
    return _involved(holder, nominator), text + "."


@tells("force_arrest")
def force_arrest(names: Names, entry: LogEntry) -> Told:
    plotter, victim = entry.plotter, entry.victim
    return _involved(plotter, victim), (
        f"{names.actor(plotter)} has {names.actor(victim)} arrested by his men, "
        f"without a vote of {names.body(entry.body)}; the others stand by."
    )


@tells("force_failed")
def force_failed(names: Names, entry: LogEntry) -> Told:
    plotter, victim = entry.plotter, entry.victim
    return _involved(plotter, victim), (
        f"{_possessive(names.actor(plotter))} plot to arrest {names.actor(victim)} "
        f"fails and is exposed; {names.body(entry.body)} closes ranks against him."
    )


@tells("foreign_pressure")
def foreign_pressure(names: Names, entry: LogEntry) -> Told:
    protege = entry.protege
    event = names.event(entry.event)
    if event is not None and event.text:
        return [protege], event.text
    return [protege], (
        f"A foreign patron presses the leadership on {_possessive(names.actor(protege))} behalf."
    )


@tells("restored")
def restored(names: Names, entry: LogEntry) -> Told:
    protege, sponsor = entry.protege, entry.sponsor
    committee = names.body(names.committee) if names.committee >= 0 else "committee"
    where = "the party" if entry.status == MEMBER else f"the {committee}"
    return _involved(protege, sponsor), (
        f"Under foreign pressure the {names.body(entry.body)} takes {names.actor(protege)} back "
        f"into {where} on {_possessive(names.actor(sponsor))} motion, "
        f"{_votes(entry.ayes, entry.noes)}."
    )


@tells("abolished")
def abolished(names: Names, entry: LogEntry) -> Told:
    former = entry.former_holder
    text = f"The post of {names.office(entry.office)} is abolished"
    if former >= 0:
        text += f"; {names.actor(former)} loses it"
    return _involved(former, -1) if former >= 0 else [], text + "."


@tells("vacated")
def vacated(names: Names, entry: LogEntry) -> Told:
    former = entry.former_holder
    return _involved(former, -1), (
        f"The post of {names.office(entry.office)} falls vacant ({names.actor(former)} held it)."
    )


@tells("promoted")
def promoted(names: Names, entry: LogEntry) -> Told:
    member, nominator = entry.member, entry.nominator
    text = f"{names.actor(member)} becomes {names.status(entry.status)}"
    if 0 <= nominator != member:
        text += f", nominated by {names.actor(nominator)}"
    return _involved(member, nominator), text + "."


@tells("faction")
def faction(names: Names, entry: LogEntry) -> Told:
    organiser, partner = entry.organiser, entry.partner
    text = f"{names.actor(organiser)} organises a faction against the majority"
    if partner >= 0:
        text += f" (nearest possible ally: {names.actor(partner)})"
    return _involved(organiser, partner), text + "."


@tells("appeal")
def appeal(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    return [actor], f"{names.actor(actor)} appeals over the leaders' heads to the rank and file."


@tells("recant")
def recant(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    return [actor], f"{names.actor(actor)} recants and admits his errors."


def _movement(names: Names, axis_index: int, now: int, before: int) -> tuple[str | None, str]:
    """For a move along an axis, given in hundredths: 'on <axis>, toward
    <pole>' (None if the axis is unknown) and '(from x to y)'."""
    new, old = now / 100.0, before / 100.0
    values = f"(from {old:+.2f} to {new:+.2f})"
    if not 0 <= axis_index < len(names.axes):
        return None, values
    axis = names.axes[axis_index]
    pole = _pole(axis.high if new > old else axis.low)
    return f"on {_lower(axis.name)}, toward {pole}", values


@tells("shift")
def shift(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    where, values = _movement(names, entry.axis, entry.position, entry.previous)
    if where is None:
        return [actor], f"{names.actor(actor)} shifts his position {values}."
    return [actor], f"{names.actor(actor)} shifts {where} {values}."


@tells("cadre_won")
def cadre_won(names: Names, entry: LogEntry) -> Told:
    patron, old = entry.patron, entry.former_patron
    text = f"{_possessive(names.actor(patron))} appointees take over {names.cadre(entry.cadre)}"
    if entry.office >= 0:
        text += f", through the office of {names.office(entry.office)}"
    if old >= 0:
        text += f"; it no longer answers to {names.actor(old)}"
    return _involved(patron, old), text + "."


def _manner(manner: int) -> str:
    return MANNER_NAMES[manner] if 0 <= manner < len(MANNER_NAMES) else f"manner {manner}"


@tells("eliminated")
def eliminated(names: Names, entry: LogEntry) -> Told:
    actor = entry.actor
    return [actor], f"{names.actor(actor)} is out of the contest: {_manner(entry.manner)}."


@tells("dominant")
def dominant(names: Names, entry: LogEntry) -> Told:
    leader = entry.leader
    return [leader], (
        f"{names.actor(leader)} is dominant: {entry.supporters} of the {entry.members} active "
        f"members of the {names.body(entry.body)} are his clients or allies, and no rival "
        f"keeps an independent base (since {names.date(entry.since)})."
    )


@tells("readmitted")
def readmitted(names: Names, entry: LogEntry) -> Told:
    outcast, sponsor = entry.outcast, entry.sponsor
    text = f"{names.body(entry.body)} readmits {names.actor(outcast)} to the party"
    if sponsor >= 0:
        text += f" on {_possessive(names.actor(sponsor))} motion"
    return _involved(outcast, sponsor), f"{text}, {_votes(entry.ayes, entry.noes)}."


@tells("line")
def line_turned(names: Names, entry: LogEntry) -> Told:
    where, values = _movement(names, entry.axis, entry.line, entry.previous)
    if where is None:
        return [], f"The party line moves {values}."
    return [], f"The {names.body(entry.body)} turns the party line {where} {values}."


def _others_view(names: Names, entry: LogEntry) -> str:
    """How the rest of the body sees the man a change of true power names."""
    new, previous, seen = entry.strongest, entry.previous, entry.counterpart
    if seen == new:
        return ", and the others see it"
    if seen < 0:
        return ""
    if seen == previous:
        return f", though the others still take {names.actor(seen)} for the stronger"
    return f", though the others take {names.actor(seen)} for the strongest"


@tells("strongest")
def strongest(names: Names, entry: LogEntry) -> Told:
    new, previous, other = entry.strongest, entry.previous, entry.counterpart
    body = names.body(entry.body)
    involved = [new] + [a for a in (previous, other) if a >= 0 and a != new]
    if entry.seen:
        # As the body sees it; ``counterpart`` is who truly is the strongest.
        if other == new:
            verb = "sees" if previous < 0 else "now sees"
            return involved, f"The {body} {verb} that {names.actor(new)} is its strongest member."
        verb = "takes" if previous < 0 else "now takes"
        text = f"The {body} {verb} {names.actor(new)} for its strongest member"
        if other >= 0:
            text += f", though {names.actor(other)} is stronger"
        return involved, text + "."
    # In truth; ``counterpart`` is whom the body takes for the strongest.
    if previous < 0:
        text = f"{names.actor(new)} is the strongest man in the {body}"
    elif entry.lead_percent < 0:
        text = (
            f"With {names.actor(previous)} no longer in his seat, {names.actor(new)} is now the "
            f"strongest man in the {body}"
        )
    else:
        text = (
            f"{names.actor(new)} is now the strongest man in the {body}, ahead of "
            f"{names.actor(previous)}"
        )
    return involved, text + _others_view(names, entry) + "."


def _undeclared(names: Names, entry: UndeclaredEntry) -> Told:
    return [], f"Log entry of kind {entry.number}: {list(entry.row)}."


def tell(names: Names, entry: LogEntry) -> Told:
    """The actors a decoded log row concerns and its sentence."""
    return TELLERS.get(entry.kind, _undeclared)(names, entry)


# --- the whole history --------------------------------------------------------------


def entries(history: History) -> list[Entry]:
    """Every row of the history's log, told, in the order it happened."""
    names = Names(history.compiled)
    told = []
    for row in history.log:
        entry = decode(row)
        actors, text = tell(names, entry)
        ids = []
        for actor in actors:
            actor_id = names.actor_id(actor)
            if actor_id is not None and actor_id not in ids:
                ids.append(actor_id)
        # A field named ``body`` is, by the log's convention, where it happened.
        body = names.body_id(getattr(entry, "body", -1))
        told.append(Entry(entry.month, names.date(entry.month), entry.kind, tuple(ids), body, text))
    return told


def leading_figures(history: History) -> set[str]:
    """Who sat in the top body at some time: at the start, or by promotion."""
    scenario = history.compiled.scenario
    figures = {actor.id for actor in scenario.actors if actor.status in ("full", "candidate")}
    for row in history.log:
        entry = decode(row)
        if entry.kind == "promoted" and entry.member >= 0:
            figures.add(history.compiled.actor_ids[entry.member])
    return figures


def _echoes(history: History) -> set[int]:
    """The log rows that repeat the row before them: a change in whom the top
    body takes for its strongest member, noted in the same month as a change
    in who truly is, whose line already says how the others see him."""
    rows = [decode(row) for row in history.log]
    return {
        index
        for index in range(1, len(rows))
        if rows[index].kind == rows[index - 1].kind == "strongest"
        and rows[index].seen
        and not rows[index - 1].seen
        and rows[index].month == rows[index - 1].month
    }


def main_entries(history: History) -> list[Entry]:
    """The chronicle without its small change: no appeals to the rank and file,
    position shifts only by men who sat in the top body, and no change in the
    top body's view of its strongest member that a change in the truth told
    the same month."""
    figures = leading_figures(history)
    echoes = _echoes(history)
    return [
        entry
        for index, entry in enumerate(entries(history))
        if entry.kind != "appeal"
        and (entry.kind != "shift" or set(entry.actors) & figures)
        and index not in echoes
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
        how = _manner(int(history.manner[actor]))
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
