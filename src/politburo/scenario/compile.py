"""Turn a validated Scenario into the arrays the model runs on.

This is the one place that knows both the scenario format and the engine's
array layout: ids become indices, dates become month numbers counted from the
scenario's start, lists of actors become bitmasks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.layout import FACT_BLOCKS, World
from ..model.outcome import P_DOMINANCE_MONTHS
from ..model.parameters import NAMES as PARAMETER_NAMES
from ..model.world import (
    CLAIM_KIND_NAMES,
    ELECTED_BY_CADRES,
    ELECTED_BY_NONE,
    EVENT_KIND_NAMES,
    N_RESOURCES,
    RESOURCE_NAMES,
    ROLE_NAMES,
    RULE_KIND_NAMES,
    SANCTION_NAMES,
    STATUS_NAMES,
    TOP,
    starting_table,
)
from .schema import Scenario, month_index

FAR_FUTURE = 10**6
TRAIT_NAMES = ("ambition", "caution", "organisation", "oratory", "intrigue", "conviction")


@dataclass(frozen=True)
class Compiled:
    """A scenario ready to run, with the names needed to read its results."""

    scenario: Scenario
    world: World
    params: np.ndarray
    actor_ids: tuple[str, ...]
    office_ids: tuple[str, ...]
    body_ids: tuple[str, ...]
    cadre_ids: tuple[str, ...]
    axis_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    start: int  # absolute month index of month 0

    def month_label(self, month: int) -> str:
        from .schema import month_text

        return month_text(self.start + month)

    def actor_index(self, actor_id: str) -> int:
        return self.actor_ids.index(actor_id)

    def fact(self, block: str, column: str) -> np.ndarray:
        """A column of the facts, by name: ``fact("actor_codes", "incapacitated")``."""
        index = FACT_BLOCKS[block].column(column).index
        return getattr(self.world, block)[index]

    @property
    def n_months(self) -> int:
        return int(self.fact("settings", "months")[0])

    @property
    def top(self) -> int:
        """The top body's index."""
        return int(self.fact("settings", "top")[0])


class _FactTable:
    """The World's blocks, empty, sized for one scenario; filled by column name."""

    def __init__(self, **rows: int) -> None:
        self.blocks = {
            name: np.zeros(block.shape(rows), block.dtype) for name, block in FACT_BLOCKS.items()
        }

    def set(self, block: str, values: dict | None = None, **columns) -> None:
        for name, column in {**(values or {}), **columns}.items():
            index = FACT_BLOCKS[block].column(name).index
            self.blocks[block][index] = column


def traits_by_name(traits: np.ndarray) -> dict[str, np.ndarray]:
    return {name: traits[:, i] for i, name in enumerate(TRAIT_NAMES)}


def _mask(indices: list[int]) -> int:
    mask = 0
    for index in indices:
        mask |= 1 << index
    return mask


def compile_scenario(scenario: Scenario, parameter_values: dict[str, float]) -> Compiled:
    start = month_index(scenario.meta.start)
    n_months = month_index(scenario.meta.end) - start + 1

    def month(text: str | None, default: int) -> int:
        return default if text is None else month_index(text) - start

    axes = [axis.id for axis in scenario.axes]
    actors = [actor.id for actor in scenario.actors]
    offices = [office.id for office in scenario.offices]
    bodies = [body.id for body in scenario.bodies]
    events = sorted(scenario.events, key=lambda e: month_index(e.date))
    # Recruitment waves take the cadre slots after the scenario's own, in date order.
    cadres = [cadre.id for cadre in scenario.cadres] + [
        f"recruits-{event.date}" for event in events if event.kind == "recruitment"
    ]
    a_index = {name: i for i, name in enumerate(actors)}
    o_index = {name: i for i, name in enumerate(offices)}
    b_index = {name: i for i, name in enumerate(bodies)}
    x_index = {name: i for i, name in enumerate(axes)}

    def actor(name: str | None) -> int:
        return -1 if name is None else a_index[name]

    n_a, n_x, n_o, n_b, n_c = len(actors), len(axes), len(offices), len(bodies), len(cadres)

    status0 = np.array([STATUS_NAMES.index(a.status) for a in scenario.actors], np.int64)
    traits = np.array(
        [[getattr(a.traits, name) for name in TRAIT_NAMES] for a in scenario.actors], np.float64
    ).reshape(n_a, len(TRAIT_NAMES))
    position0 = np.array(
        [[a.positions.get(x, 0.0) for x in axes] for a in scenario.actors], np.float64
    ).reshape(n_a, n_x)
    trust0 = np.zeros((n_a, n_a))
    for relation in scenario.relations:
        first, second = (a_index[name] for name in relation.between)
        trust0[first, second] = trust0[second, first] = relation.trust

    office_resources = np.zeros((n_o, N_RESOURCES))
    for i, office in enumerate(scenario.offices):
        for r, name in enumerate(RESOURCE_NAMES):
            office_resources[i, r] = getattr(office.resources, name)

    body_meets = np.zeros((n_b, n_months), np.int64)
    body_seats = np.zeros((n_b, n_months), np.int64)
    body_decides = np.zeros((n_b, len(SANCTION_NAMES)), np.int64)
    body_members = np.zeros((n_b, n_a), np.int64)
    elected_by = np.full(n_b, ELECTED_BY_NONE, np.int64)
    appeal_to = np.full(n_b, -1, np.int64)
    for i, body in enumerate(scenario.bodies):
        for text in body.meetings:
            body_meets[i, month(text, 0)] = 1
        if body.meets_every:
            body_meets[i, :: body.meets_every] = 1
        body_seats[i] = body.size
        for text, size in sorted(body.sizes.items(), key=lambda item: month_index(item[0])):
            body_seats[i, max(0, month(text, 0)) :] = size
        # A body that does not exist yet, or any more, neither sits nor votes.
        gone = np.ones(n_months, bool)
        gone[month(body.created, 0) : month(body.abolished, n_months)] = False
        body_meets[i, gone] = 0
        body_seats[i, gone] = 0
        for sanction in body.decides:
            body_decides[i, SANCTION_NAMES.index(sanction)] = 1
        for member in body.members:
            body_members[i, a_index[member]] = 1
        if body.elected_by == "cadres":
            elected_by[i] = ELECTED_BY_CADRES
        elif body.elected_by is not None:
            elected_by[i] = b_index[body.elected_by]
        if body.appeal_to is not None:
            appeal_to[i] = b_index[body.appeal_to]
    body_role = np.array([ROLE_NAMES.index(b.role) for b in scenario.bodies], np.int64)
    top = int(np.flatnonzero(body_role == TOP)[0])

    office_eligible = np.zeros((n_o, n_a), np.int64)
    for i, office in enumerate(scenario.offices):
        for j, person in enumerate(scenario.actors):
            office_eligible[i, j] = office.kind is None or office.kind in person.background
        for name in office.eligible:
            office_eligible[i, a_index[name]] = 1
    next_in_line = [_mask([o_index[name] for name in o.next_in_line]) for o in scenario.offices]

    delegates0 = np.zeros(n_c)
    cadre_patron0 = np.full(n_c, -1, np.int64)
    loyalty0 = np.zeros(n_c)
    cadre_machine = np.full(n_c, -1, np.int64)
    leaning = np.zeros((n_c, n_x))
    for i, cadre in enumerate(scenario.cadres):
        delegates0[i] = cadre.delegates
        cadre_patron0[i] = actor(cadre.patron)
        loyalty0[i] = cadre.loyalty if cadre.patron is not None else 0.0
        cadre_machine[i] = -1 if cadre.machine is None else o_index[cadre.machine]
        for axis, value in cadre.leaning.items():
            leaning[i, x_index[axis]] = value

    n_e = len(events)
    event_cadre = np.full(n_e, -1, np.int64)
    event_shift = np.zeros((n_e, n_x))
    slot = len(scenario.cadres)
    for i, event in enumerate(events):
        if event.kind == "recruitment":
            event_cadre[i] = slot
            for axis, value in event.leaning.items():
                leaning[slot, x_index[axis]] = value
            slot += 1
        elif event.kind == "crisis":
            for axis, value in event.leaning.items():
                event_shift[i, x_index[axis]] = value

    claims = scenario.history.claims if scenario.history else []

    def mask(names: list[str]) -> int:
        return _mask([a_index[name] for name in names])

    candidate = STATUS_NAMES.index("candidate")
    facts = _FactTable(
        actor=n_a,
        axis=n_x,
        office=n_o,
        body=n_b,
        cadre=n_c,
        event=len(events),
        claim=len(claims),
        rule=len(scenario.rules),
        month=n_months,
        sanction=len(SANCTION_NAMES),
        one=1,
    )
    facts.set("actors", traits_by_name(traits))
    facts.set("actors", prestige=[a.prestige for a in scenario.actors])
    facts.set("actors", health=[a.health for a in scenario.actors])
    facts.set(
        "actor_codes",
        status=status0,
        incapacitated=[int(a.incapacitated) for a in scenario.actors],
        patron=[actor(a.patron) for a in scenario.actors],
    )
    facts.blocks["stances"][0] = position0
    facts.blocks["pairs"][0] = trust0
    facts.blocks["offices"][:] = office_resources.T
    facts.set(
        "office_codes",
        holder=[actor(o.holder) for o in scenario.offices],
        filled_by=[b_index[o.filled_by] for o in scenario.offices],
        min_status=[STATUS_NAMES.index(o.min_status) for o in scenario.offices],
        created=[month(o.created, 0) for o in scenario.offices],
        abolished=[month(o.abolished, FAR_FUTURE) for o in scenario.offices],
        next_in_line=next_in_line,
    )
    facts.blocks["office_eligible"][:] = office_eligible
    facts.set(
        "bodies",
        role=body_role,
        elected_by=elected_by,
        appeal_to=appeal_to,
        two_thirds=[int(b.voting == "two_thirds") for b in scenario.bodies],
        unanimous=[int(b.voting == "unanimous") for b in scenario.bodies],
    )
    facts.blocks["body_decides"][:] = body_decides
    facts.blocks["body_meets"][:] = body_meets
    facts.blocks["body_members"][:] = body_members
    facts.blocks["body_seats"][:] = body_seats
    facts.set("cadres", delegates=delegates0, loyalty=loyalty0)
    facts.set("cadre_codes", patron=cadre_patron0, machine=cadre_machine)
    facts.blocks["leanings"][:] = leaning
    facts.set("axes", salience=[x.salience for x in scenario.axes])
    facts.set("rules", strength=[r.strength for r in scenario.rules])
    facts.set(
        "rule_codes",
        kind=[RULE_KIND_NAMES.index(r.kind) for r in scenario.rules],
        start=[month(r.start, 0) for r in scenario.rules],
        end=[month(r.end, FAR_FUTURE) for r in scenario.rules],
        founder=[actor(r.founder) for r in scenario.rules],
    )
    facts.set(
        "events",
        magnitude=[e.magnitude for e in events],
        size=[e.delegates for e in events],
    )
    facts.set(
        "event_codes",
        month=[month(e.date, 0) for e in events],
        kind=[EVENT_KIND_NAMES.index(e.kind) for e in events],
        actor=[actor(e.actor) for e in events],
        author=[actor(e.author) for e in events],
        target=[actor(e.target) for e in events],
        custodian=[actor(e.custodian) for e in events],
        office=[-1 if e.office is None else o_index[e.office] for e in events],
        axis=[-1 if e.axis is None else x_index[e.axis] for e in events],
        cadre=event_cadre,
        months=[e.months for e in events],
    )
    facts.blocks["event_shifts"][:] = event_shift
    facts.set(
        "claims",
        direction=[1.0 if c.direction == "high" else -1.0 for c in claims],
        min_shift=[c.min_shift for c in claims],
    )
    facts.set(
        "claim_codes",
        kind=[CLAIM_KIND_NAMES.index(c.kind) for c in claims],
        actor=[actor(c.actor) for c in claims],
        axis=[-1 if c.axis is None else x_index[c.axis] for c in claims],
        first=[mask(c.first) for c in claims],
        then=[mask(c.then) for c in claims],
        allies=[mask(c.allies) for c in claims],
        against=[mask(c.against) for c in claims],
        after=[mask(c.after_eliminated) for c in claims],
    )
    facts.set(
        "settings",
        months=[n_months],
        top=[top],
        candidate_seats=[int(np.sum(status0 == candidate))],
    )
    starts, start_sources = starting_table()
    world = World(**facts.blocks, starts=starts, start_sources=start_sources)
    missing = [name for name in PARAMETER_NAMES if name not in parameter_values]
    if missing:
        raise ValueError(f"no value for the engine's parameter(s) {', '.join(missing)}")
    params = np.array([float(parameter_values[name]) for name in PARAMETER_NAMES])
    if scenario.meta.dominance_months is not None:
        params[P_DOMINANCE_MONTHS] = scenario.meta.dominance_months
    return Compiled(
        scenario=scenario,
        world=world,
        params=params,
        actor_ids=tuple(actors),
        office_ids=tuple(offices),
        body_ids=tuple(bodies),
        cadre_ids=tuple(cadres),
        axis_ids=tuple(axes),
        claim_ids=tuple(c.id for c in claims),
        start=start,
    )
