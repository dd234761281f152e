"""Exogenous events: what happens whatever anyone chooses.

Deaths and strokes, damaging documents, recruitment waves and crises come
dated from the scenario.  Ill health strikes at random in proportion to how
frail a man already is.  A damaging document is not self-executing: the top
body decides whether to publish it, and each member votes to publish only
if he sees its target as a danger to himself.
"""

from .chance import uniform
from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .layout import columns
from .motions import P_MOTION_COOLDOWN, motion
from .offices import vacate
from .outcome import check_elimination
from .parameters import parameter
from .patronage import recruit
from .patrons import F_PRESSURE_MONTHS, press
from .policy import MOOD_SHOCK, SALIENCE
from .power import POWER, bloc_leader, is_active, perceived, settle_camps, sits_in_top
from .voting import HEIR
from .world import (
    AWAITING_MOTION,
    AWAITING_TOP_BODY,
    COALITION,
    DEAD,
    EX_CRISIS,
    EX_DEATH,
    EX_DOCUMENT,
    EX_FOREIGN,
    EX_HEIR,
    EX_RECRUITMENT,
    EX_STROKE,
    F_ACTOR,
    F_AUTHOR,
    F_AXIS,
    F_CADRE,
    F_EVENT_KIND,
    F_EVENT_SIZE,
    F_FILLED_BY,
    F_MAGNITUDE,
    F_MONTH,
    F_OFFICE,
    F_TARGET,
    FACTION,
    HEALTH,
    HOLDER,
    INCAPACITATED,
    LAST_MOTION,
    M_DIED,
    M_INCAPACITATED,
    NOT_PENDING,
    OFFENCE,
    PRESTIGE,
    S_REMOVE_OFFICE,
    STATUS,
    TRUST,
    VISIBILITY,
)

P_HEALTH_HAZARD = parameter("health_hazard")
# A random illness kills this share of the time, and incapacitates otherwise.
P_ILLNESS_DEATH_SHARE = parameter("illness_death_share")
# A damaging document: whether the top body publishes it, and what it does.
P_PUBLISH_THRESHOLD = parameter("publish_threshold")
P_DOCUMENT_DAMAGE = parameter("document_damage")
P_DOCUMENT_VISIBILITY = parameter("document_visibility")
P_DOCUMENT_TRUST_LOSS = parameter("document_trust_loss")
P_LEAK_SHARE = parameter("leak_share")
# A designated heir's gain in standing, per unit of designation.
P_HEIR_PRESTIGE = parameter("heir_prestige")

PENDING, SPONSOR = columns(
    "event_codes",
    (
        "pending",
        "where a document stands: NOT_PENDING, AWAITING_TOP_BODY, AWAITING_MOTION",
        NOT_PENDING,
    ),
    ("sponsor", "who carries a published document's demand to a vote, or -1", -1),
)

L_DEATH = log_kind("death", "an actor dies, as dated or of failing health", actor="who died")
L_STROKE = log_kind(
    "stroke",
    "an actor's health fails, or a stroke leaves him unable to act",
    actor="who was struck",
    votes_for=("incapacitated", "1 if he can no longer act, 0 if his health only failed"),
)
_DOCUMENT = {
    "actor": ("target", "whom the document attacks"),
    "other": ("author", "who wrote it, or -1"),
    "body": "the top body, which decided",
    "office": "the office it asks to take from the target, or -1",
    "votes_for": ("publish", "members who voted to publish it"),
    "votes_against": ("bury", "members who voted to suppress it"),
    "extra": ("event", "the document's dated event, by index in month order"),
}
L_DOCUMENT_PUBLISHED = log_kind(
    "document_published", "the top body publishes a damaging document", **_DOCUMENT
)
L_DOCUMENT_SUPPRESSED = log_kind(
    "document_suppressed", "the top body buries a damaging document", **_DOCUMENT
)
L_CRISIS = log_kind(
    "crisis",
    "a dated crisis shakes the country",
    extra=("event", "the crisis's dated event, by index in month order"),
)
L_HEIR = log_kind(
    "heir",
    "a founder designates an heir",
    actor=("heir", "who is designated"),
    extra=("event", "the designation's dated event, by index in month order"),
)


@mechanism
def die(world, params, state, month, actor, manner):
    state.actor_codes[STATUS, actor] = DEAD
    settle_camps(params, state)
    state.actor_codes[FACTION, actor] = 0
    record(state, month, L_DEATH, actor, -1, -1, -1, 0, 0, 0)
    for office in range(state.office_codes.shape[1]):
        if state.office_codes[HOLDER, office] == actor:
            vacate(world, params, state, month, office)
    check_elimination(world, state, month, actor, manner)


@mechanism
def stroke(world, params, state, month, actor, magnitude):
    if magnitude >= 1.0:
        state.actor_codes[INCAPACITATED, actor] = 1
        settle_camps(params, state)
        record(state, month, L_STROKE, actor, -1, -1, -1, 1, 0, 0)
        check_elimination(world, state, month, actor, M_INCAPACITATED)
    else:
        state.actors[HEALTH, actor] = max(0.0, state.actors[HEALTH, actor] - magnitude)
        record(state, month, L_STROKE, actor, -1, -1, -1, 0, 0, 0)


@inline_mechanism
def dated_events(world, params, state, month, cursor):
    """Apply the events of this month; returns the cursor past them."""
    while cursor < world.event_codes.shape[1] and world.event_codes[F_MONTH, cursor] <= month:
        event = cursor
        cursor += 1
        if world.event_codes[F_MONTH, event] < month:
            continue
        kind = world.event_codes[F_EVENT_KIND, event]
        actor = world.event_codes[F_ACTOR, event]
        magnitude = world.events[F_MAGNITUDE, event]
        if kind == EX_DEATH:
            if state.actor_codes[STATUS, actor] != DEAD:
                die(world, params, state, month, actor, M_DIED)
        elif kind == EX_STROKE:
            if state.actor_codes[STATUS, actor] != DEAD:
                stroke(world, params, state, month, actor, magnitude)
        elif kind == EX_DOCUMENT:
            state.event_codes[PENDING, event] = AWAITING_TOP_BODY
        elif kind == EX_RECRUITMENT:
            recruit(
                world,
                params,
                state,
                month,
                world.event_codes[F_CADRE, event],
                world.events[F_EVENT_SIZE, event],
            )
        elif kind == EX_CRISIS:
            axis = world.event_codes[F_AXIS, event]
            state.axes[SALIENCE, axis] += abs(magnitude)
            for other in range(state.axes.shape[1]):
                state.axes[MOOD_SHOCK, other] += world.event_shifts[event, other]
            record(state, month, L_CRISIS, -1, -1, -1, -1, 0, 0, event)
        elif kind == EX_FOREIGN:
            months = world.event_codes[F_PRESSURE_MONTHS, event]
            press(state, month, event, actor, magnitude, months)
        elif kind == EX_HEIR:
            state.actors[HEIR, actor] = magnitude
            state.actors[PRESTIGE, actor] = min(
                1.0, state.actors[PRESTIGE, actor] + params[P_HEIR_PRESTIGE] * magnitude
            )
            record(state, month, L_HEIR, actor, -1, -1, -1, 0, 0, event)
    return cursor


@inline_mechanism
def frailty(world, params, state, month):
    for actor in range(state.actor_codes.shape[1]):
        if state.actor_codes[STATUS, actor] == DEAD:
            continue
        hazard = params[P_HEALTH_HAZARD] * (1.0 - state.actors[HEALTH, actor])
        if hazard <= 0.0 or uniform(state.dice) >= hazard:
            continue
        if (
            state.actor_codes[INCAPACITATED, actor]
            or uniform(state.dice) < params[P_ILLNESS_DEATH_SHARE]
        ):
            die(world, params, state, month, actor, M_DIED)
        else:
            stroke(world, params, state, month, actor, 1.0)


@inline_mechanism
def decide_documents(world, params, state, month, top_body):
    """The top body publishes or buries each document waiting for it."""
    n_actors = state.actor_codes.shape[1]
    for event in range(state.event_codes.shape[1]):
        if state.event_codes[PENDING, event] != AWAITING_TOP_BODY:
            continue
        state.event_codes[PENDING, event] = NOT_PENDING
        target = world.event_codes[F_TARGET, event]
        if state.actor_codes[STATUS, target] == DEAD:
            continue
        publish = 0
        bury = 0
        champion = -1
        for member in range(n_actors):
            if not sits_in_top(state, member) or member == target:
                continue
            if bloc_leader(state, member) == bloc_leader(state, target):
                bury += 1
                continue
            # Publish only if the target looks like the greatest danger, or
            # nearly so; nobody spends a weapon on a man he thinks harmless.
            seen = perceived(params, state, member, target)
            greatest = 0.0
            for other in range(n_actors):
                if other != member and other != target and sits_in_top(state, other):
                    greatest = max(greatest, perceived(params, state, member, other))
            ruling = state.counters[COALITION, 0]
            allied = (ruling >> member) & 1 and (ruling >> target) & 1
            if seen >= params[P_PUBLISH_THRESHOLD] * greatest and not allied:
                publish += 1
                if champion < 0 or state.actors[POWER, member] > state.actors[POWER, champion]:
                    champion = member
            else:
                bury += 1
        damage = params[P_DOCUMENT_DAMAGE] * world.events[F_MAGNITUDE, event]
        if publish > bury:
            state.actors[PRESTIGE, target] = max(0.0, state.actors[PRESTIGE, target] - damage)
            state.actors[OFFENCE, target] += world.events[F_MAGNITUDE, event]
            state.actors[VISIBILITY, target] = min(
                1.0, state.actors[VISIBILITY, target] + params[P_DOCUMENT_VISIBILITY]
            )
            for member in range(n_actors):
                if is_active(state, member) and member != target:
                    state.pairs[TRUST, member, target] = max(
                        -1.0, state.pairs[TRUST, member, target] - params[P_DOCUMENT_TRUST_LOSS]
                    )
            record(
                state,
                month,
                L_DOCUMENT_PUBLISHED,
                target,
                world.event_codes[F_AUTHOR, event],
                top_body,
                world.event_codes[F_OFFICE, event],
                publish,
                bury,
                event,
            )
            if world.event_codes[F_OFFICE, event] >= 0:
                # The strongest of those who published it moves what it demands.
                state.event_codes[PENDING, event] = AWAITING_MOTION
                state.event_codes[SPONSOR, event] = champion
        else:
            state.actors[PRESTIGE, target] = max(
                0.0, state.actors[PRESTIGE, target] - params[P_LEAK_SHARE] * damage
            )
            record(
                state,
                month,
                L_DOCUMENT_SUPPRESSED,
                target,
                world.event_codes[F_AUTHOR, event],
                top_body,
                world.event_codes[F_OFFICE, event],
                publish,
                bury,
                event,
            )


@inline_mechanism
def move_documents(world, params, state, month, body):
    """A published document that asks for an office to be taken away is put to
    the body that fills the office, at its first session."""
    for event in range(state.event_codes.shape[1]):
        if state.event_codes[PENDING, event] != AWAITING_MOTION:
            continue
        office = world.event_codes[F_OFFICE, event]
        if world.office_codes[F_FILLED_BY, office] != body:
            continue
        target = world.event_codes[F_TARGET, event]
        if state.actor_codes[LAST_MOTION, target] > month - params[P_MOTION_COOLDOWN]:
            continue  # he has just faced a vote; the demand waits for the next session
        state.event_codes[PENDING, event] = NOT_PENDING
        sponsor = state.event_codes[SPONSOR, event]
        if (
            state.office_codes[HOLDER, office] != target
            or sponsor < 0
            or not is_active(state, sponsor)
        ):
            continue
        motion(world, params, state, month, body, sponsor, target, S_REMOVE_OFFICE, office)
