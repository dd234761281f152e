"""Exogenous events: what happens whatever anyone chooses.

Deaths and strokes, damaging documents, recruitment waves and crises come
dated from the scenario.  Ill health strikes at random in proportion to how
frail a man already is.  A damaging document is not self-executing: the top
body decides whether to publish it, and each member votes to publish only
if he sees its target as a danger to himself.
"""

from .chance import uniform
from .jit import inline_mechanism, mechanism
from .journal import record
from .motions import motion
from .outcome import check_elimination, settle_bases
from .parameters import (
    P_DOCUMENT_DAMAGE,
    P_HEALTH_HAZARD,
    P_LEAK_SHARE,
    P_MOTION_COOLDOWN,
)
from .patronage import recruit
from .power import bloc_leader, is_active, perceived, settle_camps, sits_in_top
from .world import (
    AWAITING_MOTION,
    AWAITING_TOP_BODY,
    DEAD,
    EX_CRISIS,
    EX_DEATH,
    EX_DOCUMENT,
    EX_HEIR,
    EX_RECRUITMENT,
    EX_STROKE,
    L_CRISIS,
    L_DEATH,
    L_DOCUMENT_PUBLISHED,
    L_DOCUMENT_SUPPRESSED,
    L_HEIR,
    L_STROKE,
    M_DIED,
    M_INCAPACITATED,
    NOT_PENDING,
    S_REMOVE_OFFICE,
)


@mechanism
def die(world, state, month, actor, manner):
    state.status[actor] = DEAD
    settle_camps(state)
    state.faction[actor] = 0
    for office in range(state.holder.shape[0]):
        if state.holder[office] == actor:
            state.holder[office] = -1
    settle_bases(state)
    record(state, month, L_DEATH, actor, -1, -1, -1, 0, 0, 0)
    check_elimination(world, state, month, actor, manner)


@mechanism
def stroke(world, state, month, actor, magnitude):
    if magnitude >= 1.0:
        state.incapacitated[actor] = 1
        settle_camps(state)
        record(state, month, L_STROKE, actor, -1, -1, -1, 1, 0, 0)
        check_elimination(world, state, month, actor, M_INCAPACITATED)
    else:
        state.health[actor] = max(0.0, state.health[actor] - magnitude)
        record(state, month, L_STROKE, actor, -1, -1, -1, 0, 0, 0)


@inline_mechanism
def dated_events(world, params, state, month, cursor):
    """Apply the events of this month; returns the cursor past them."""
    while cursor < world.event_month.shape[0] and world.event_month[cursor] <= month:
        event = cursor
        cursor += 1
        if world.event_month[event] < month:
            continue
        kind = world.event_kind[event]
        actor = world.event_actor[event]
        magnitude = world.event_magnitude[event]
        if kind == EX_DEATH:
            if state.status[actor] != DEAD:
                die(world, state, month, actor, M_DIED)
        elif kind == EX_STROKE:
            if state.status[actor] != DEAD:
                stroke(world, state, month, actor, magnitude)
        elif kind == EX_DOCUMENT:
            state.pending_document[event] = AWAITING_TOP_BODY
        elif kind == EX_RECRUITMENT:
            recruit(world, params, state, month, world.event_cadre[event], world.event_size[event])
        elif kind == EX_CRISIS:
            axis = world.event_axis[event]
            state.salience[axis] += abs(magnitude)
            for other in range(state.mood_shock.shape[0]):
                state.mood_shock[other] += world.event_shift[event, other]
            record(state, month, L_CRISIS, -1, -1, -1, -1, 0, 0, event)
        elif kind == EX_HEIR:
            state.heir[actor] = magnitude
            state.prestige[actor] = min(1.0, state.prestige[actor] + 0.1 * magnitude)
            record(state, month, L_HEIR, actor, -1, -1, -1, 0, 0, event)
    return cursor


@inline_mechanism
def frailty(world, params, state, month):
    for actor in range(state.status.shape[0]):
        if state.status[actor] == DEAD:
            continue
        hazard = params[P_HEALTH_HAZARD] * (1.0 - state.health[actor])
        if hazard <= 0.0 or uniform() >= hazard:
            continue
        if state.incapacitated[actor] or uniform() < 0.5:
            die(world, state, month, actor, M_DIED)
        else:
            stroke(world, state, month, actor, 1.0)


@inline_mechanism
def decide_documents(world, params, state, month, top_body):
    """The top body publishes or buries each document waiting for it."""
    n_actors = state.status.shape[0]
    for event in range(state.pending_document.shape[0]):
        if state.pending_document[event] != AWAITING_TOP_BODY:
            continue
        state.pending_document[event] = NOT_PENDING
        target = world.event_target[event]
        if state.status[target] == DEAD:
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
            ruling = state.coalition[0]
            allied = (ruling >> member) & 1 and (ruling >> target) & 1
            if seen >= 0.9 * greatest and not allied:
                publish += 1
                if champion < 0 or state.power[member] > state.power[champion]:
                    champion = member
            else:
                bury += 1
        damage = params[P_DOCUMENT_DAMAGE] * world.event_magnitude[event]
        if publish > bury:
            state.prestige[target] = max(0.0, state.prestige[target] - damage)
            state.offence[target] += world.event_magnitude[event]
            state.visibility[target] = min(1.0, state.visibility[target] + 0.3)
            for member in range(n_actors):
                if is_active(state, member) and member != target:
                    state.trust[member, target] = max(-1.0, state.trust[member, target] - 0.2)
            record(
                state,
                month,
                L_DOCUMENT_PUBLISHED,
                target,
                world.event_author[event],
                top_body,
                world.event_office[event],
                publish,
                bury,
                event,
            )
            if world.event_office[event] >= 0:
                # The strongest of those who published it moves what it demands.
                state.pending_document[event] = AWAITING_MOTION
                state.document_sponsor[event] = champion
        else:
            state.prestige[target] = max(
                0.0, state.prestige[target] - params[P_LEAK_SHARE] * damage
            )
            record(
                state,
                month,
                L_DOCUMENT_SUPPRESSED,
                target,
                world.event_author[event],
                top_body,
                world.event_office[event],
                publish,
                bury,
                event,
            )


@inline_mechanism
def move_documents(world, params, state, month, body):
    """A published document that asks for an office to be taken away is put to
    the body that fills the office, at its first session."""
    for event in range(state.pending_document.shape[0]):
        if state.pending_document[event] != AWAITING_MOTION:
            continue
        office = world.event_office[event]
        if world.office_body[office] != body:
            continue
        target = world.event_target[event]
        if state.last_motion[target] > month - params[P_MOTION_COOLDOWN]:
            continue  # he has just faced a vote; the demand waits for the next session
        state.pending_document[event] = NOT_PENDING
        sponsor = state.document_sponsor[event]
        if state.holder[office] != target or sponsor < 0 or not is_active(state, sponsor):
            continue
        motion(world, params, state, month, body, sponsor, target, S_REMOVE_OFFICE, office)
