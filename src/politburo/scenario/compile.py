"""Turn a validated Scenario into the arrays the model runs on.

This is the one place that knows both the scenario format and the engine's
array layout: ids become indices, dates become month numbers counted from the
scenario's start, lists of actors become bitmasks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import parameters as engine_parameters
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
    World,
)
from .schema import Scenario, month_index

FAR_FUTURE = 10**6


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
        [
            [
                a.traits.ambition,
                a.traits.caution,
                a.traits.organisation,
                a.traits.oratory,
                a.traits.intrigue,
                a.traits.conviction,
            ]
            for a in scenario.actors
        ],
        np.float64,
    )
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
    body_decides = np.zeros((n_b, len(SANCTION_NAMES)), np.int64)
    body_members = np.zeros((n_b, n_a), np.int64)
    elected_by = np.full(n_b, ELECTED_BY_NONE, np.int64)
    appeal_to = np.full(n_b, -1, np.int64)
    for i, body in enumerate(scenario.bodies):
        for text in body.meetings:
            body_meets[i, month(text, 0)] = 1
        if body.meets_every:
            body_meets[i, :: body.meets_every] = 1
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

    world = World(
        n_months=n_months,
        status0=status0,
        traits=traits,
        position0=position0,
        prestige0=np.array([a.prestige for a in scenario.actors], np.float64),
        health0=np.array([a.health for a in scenario.actors], np.float64),
        incapacitated0=np.array([int(a.incapacitated) for a in scenario.actors], np.int64),
        patron0=np.array([actor(a.patron) for a in scenario.actors], np.int64),
        trust0=trust0,
        holder0=np.array([actor(o.holder) for o in scenario.offices], np.int64),
        office_body=np.array([b_index[o.filled_by] for o in scenario.offices], np.int64),
        office_resources=office_resources,
        body_role=body_role,
        body_size=np.array([b.size for b in scenario.bodies], np.int64),
        body_elected_by=elected_by,
        body_meets=body_meets,
        body_decides=body_decides,
        body_appeal_to=appeal_to,
        body_members=body_members,
        body_two_thirds=np.array(
            [int(b.voting == "two_thirds") for b in scenario.bodies], np.int64
        ),
        top=top,
        candidate_seats=int(np.sum(status0 == STATUS_NAMES.index("candidate"))),
        delegates0=delegates0,
        cadre_patron0=cadre_patron0,
        loyalty0=loyalty0,
        cadre_machine=cadre_machine,
        leaning=leaning,
        salience0=np.array([x.salience for x in scenario.axes], np.float64),
        rule_kind=np.array([RULE_KIND_NAMES.index(r.kind) for r in scenario.rules], np.int64),
        rule_strength=np.array([r.strength for r in scenario.rules], np.float64),
        rule_start=np.array([month(r.start, 0) for r in scenario.rules], np.int64),
        rule_end=np.array([month(r.end, FAR_FUTURE) for r in scenario.rules], np.int64),
        rule_founder=np.array([actor(r.founder) for r in scenario.rules], np.int64),
        event_month=np.array([month(e.date, 0) for e in events], np.int64),
        event_kind=np.array([EVENT_KIND_NAMES.index(e.kind) for e in events], np.int64),
        event_actor=np.array([actor(e.actor) for e in events], np.int64),
        event_author=np.array([actor(e.author) for e in events], np.int64),
        event_target=np.array([actor(e.target) for e in events], np.int64),
        event_custodian=np.array([actor(e.custodian) for e in events], np.int64),
        event_office=np.array(
            [-1 if e.office is None else o_index[e.office] for e in events], np.int64
        ),
        event_axis=np.array([-1 if e.axis is None else x_index[e.axis] for e in events], np.int64),
        event_magnitude=np.array([e.magnitude for e in events], np.float64),
        event_size=np.array([e.delegates for e in events], np.float64),
        event_cadre=event_cadre,
        event_shift=event_shift,
        claim_kind=np.array([CLAIM_KIND_NAMES.index(c.kind) for c in claims], np.int64),
        claim_actor=np.array([actor(c.actor) for c in claims], np.int64),
        claim_axis=np.array([-1 if c.axis is None else x_index[c.axis] for c in claims], np.int64),
        claim_direction=np.array(
            [1.0 if c.direction == "high" else -1.0 for c in claims], np.float64
        ),
        claim_first=np.array([mask(c.first) for c in claims], np.int64),
        claim_then=np.array([mask(c.then) for c in claims], np.int64),
        claim_allies=np.array([mask(c.allies) for c in claims], np.int64),
        claim_against=np.array([mask(c.against) for c in claims], np.int64),
        claim_after=np.array([mask(c.after_eliminated) for c in claims], np.int64),
        claim_min_shift=np.array([c.min_shift for c in claims], np.float64),
    )
    params = np.array([float(parameter_values[name]) for name in engine_parameters.NAMES])
    if scenario.meta.dominance_months is not None:
        params[engine_parameters.P_DOMINANCE_MONTHS] = scenario.meta.dominance_months
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
