"""Patronage: the circular flow of power.

The holder of appointment power replaces regional secretaries month by month.
Each replaced secretary owes his post to the appointer; the organisation's
delegates follow him to the congress, the congress elects the committee, and
the committee elects the top body that confirms the appointer.  A regional
machine run from an office (a city party organisation, the trade unions)
shields its people until the office changes hands.
"""

import numpy as np

from .chance import normal, uniform
from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .parameters import parameter
from .power import bloc_leader, is_active, total_delegates
from .world import (
    CADRE_PATRON,
    DELEGATES,
    F_MACHINE,
    HOLDER,
    LOYALTY,
    R_APPOINTMENT,
    R_MACHINE,
    T_ORGANISATION,
)

P_PATRONAGE_RATE = parameter("patronage_rate")
# How much of an appointer's pace depends on his skill at organisation.
P_APPOINTER_ORGANISATION = parameter("appointer_organisation")
# The smallest share of the delegates an organisation counts as when an
# appointer's monthly budget is spent on it: a tiny one is not won in a stroke.
P_PATRONAGE_MIN_SHARE = parameter("patronage_min_share")
P_MACHINE_SHIELD = parameter("machine_shield")
P_CLIENT_LOYALTY = parameter("client_loyalty")
P_LOYALTY_GROWTH = parameter("loyalty_growth")
P_ORPHAN_DECAY = parameter("orphan_decay")
# Loyalty under which an organisation changes patron.
P_TURN_THRESHOLD = parameter("turn_threshold")
P_RECRUITMENT_LOYALTY = parameter("recruitment_loyalty")
# Chance in the appointer's month: how fast his people work (the spread of
# the log of the month's pace), and how often they turn to some other
# organisation than the one that looks softest.
P_PATRONAGE_PACE_NOISE = parameter("patronage_pace_noise")
P_PATRONAGE_STRAY = parameter("patronage_stray")

# Added to every organisation's softness, so that even a fully loyal,
# shielded one outside the appointer's camp can be worked on.  Any small
# positive number would do: it shifts every organisation alike, so it is
# structural, not a judgement of how soft anything is.
SOFTNESS_FLOOR = 0.01

L_CADRE_WON = log_kind(
    "cadre_won",
    "an appointer's people take over a regional organisation",
    actor=("patron", "the appointer who won it"),
    other=("former_patron", "whom it answered to before, or -1"),
    office="the office whose appointment power he used",
    extra=("cadre", "the organisation, by cadre slot"),
)
L_RECRUITMENT = log_kind(
    "recruitment",
    "a recruitment wave joins the party, owing its cards to the strongest appointer",
    actor=("patron", "whom the recruits follow, or -1"),
    votes_for=("delegates", "delegates the wave sends to a congress"),
    extra=("cadre", "the cadre slot the recruits fill (after the scenario's cadres)"),
)


@mechanism
def shield(world, params, state, cadre):
    machine = world.cadre_codes[F_MACHINE, cadre]
    if machine < 0:
        return 0.0
    holder = state.office_codes[HOLDER, machine]
    if (
        holder < 0
        or holder != state.cadre_codes[CADRE_PATRON, cadre]
        or not is_active(state, holder)
    ):
        return 0.0
    return params[P_MACHINE_SHIELD] * world.offices[R_MACHINE, machine]


@inline_mechanism
def open_to(state, cadre, camp):
    """Is the organisation one an appointer of this camp would work on: it
    sends delegates and does not already follow his camp?"""
    if state.cadres[DELEGATES, cadre] <= 0.0:
        return False
    patron = state.cadre_codes[CADRE_PATRON, cadre]
    return not (patron >= 0 and is_active(state, patron) and bloc_leader(state, patron) == camp)


@mechanism
def appoint_secretaries(world, params, state, month):
    delegates = total_delegates(state)
    if delegates <= 0.0:
        return
    for office in range(state.office_codes.shape[1]):
        appointment = world.offices[R_APPOINTMENT, office]
        appointer = state.office_codes[HOLDER, office]
        if appointment <= 0.0 or appointer < 0 or not is_active(state, appointer):
            continue
        weight = params[P_APPOINTER_ORGANISATION]
        skill = (1.0 - weight) + weight * world.actors[T_ORGANISATION, appointer]
        # A month's work is uneven: a congress of soviets, a local scandal, a
        # secretary who resists or gives way.  The pace has a median of one.
        pace = np.exp(params[P_PATRONAGE_PACE_NOISE] * normal(state.dice))
        budget = params[P_PATRONAGE_RATE] * appointment * skill * pace
        camp = bloc_leader(state, appointer)
        # The organisation that looks softest from the centre goes first,
        # unless local quarrels turn his people elsewhere this month.
        target = -1
        softest = 0.0
        open_to_him = 0
        for cadre in range(state.cadres.shape[1]):
            if not open_to(state, cadre, camp):
                continue
            open_to_him += 1
            patron = state.cadre_codes[CADRE_PATRON, cadre]
            if patron >= 0 and is_active(state, patron):
                softness = (1.0 - state.cadres[LOYALTY, cadre]) * (
                    1.0 - shield(world, params, state, cadre)
                )
            else:
                softness = 1.0 - shield(world, params, state, cadre)
            softness += SOFTNESS_FLOOR
            if softness > softest:
                softest = softness
                target = cadre
        if open_to_him > 1 and uniform(state.dice) < params[P_PATRONAGE_STRAY]:
            pick = int(uniform(state.dice) * open_to_him)
            for cadre in range(state.cadres.shape[1]):
                if open_to(state, cadre, camp):
                    if pick == 0:
                        target = cadre
                        break
                    pick -= 1
        if target < 0:
            continue
        fraction = state.cadres[DELEGATES, target] / delegates
        replaced = budget / max(fraction, params[P_PATRONAGE_MIN_SHARE])
        state.cadres[LOYALTY, target] -= replaced * (1.0 - shield(world, params, state, target))
        if state.cadres[LOYALTY, target] < params[P_TURN_THRESHOLD]:
            record(
                state,
                month,
                L_CADRE_WON,
                appointer,
                state.cadre_codes[CADRE_PATRON, target],
                -1,
                office,
                0,
                0,
                target,
            )
            state.cadre_codes[CADRE_PATRON, target] = appointer
            state.cadres[LOYALTY, target] = params[P_CLIENT_LOYALTY]


@mechanism
def settle_loyalties(params, state):
    """Secretaries grow attached to a patron who stays in power and drift away
    from one who has fallen."""
    for cadre in range(state.cadres.shape[1]):
        patron = state.cadre_codes[CADRE_PATRON, cadre]
        if patron < 0:
            continue
        if is_active(state, patron):
            state.cadres[LOYALTY, cadre] = min(
                1.0, state.cadres[LOYALTY, cadre] + params[P_LOYALTY_GROWTH]
            )
        else:
            state.cadres[LOYALTY, cadre] -= params[P_ORPHAN_DECAY]
            if state.cadres[LOYALTY, cadre] < params[P_TURN_THRESHOLD]:
                state.cadre_codes[CADRE_PATRON, cadre] = -1
                state.cadres[LOYALTY, cadre] = 0.0


@mechanism
def hand_over_machine(params, state, world, office, new_holder):
    """A new holder of a machine office purges it and installs his own people."""
    for cadre in range(state.cadres.shape[1]):
        if world.cadre_codes[F_MACHINE, cadre] == office:
            state.cadre_codes[CADRE_PATRON, cadre] = new_holder
            state.cadres[LOYALTY, cadre] = params[P_CLIENT_LOYALTY] if new_holder >= 0 else 0.0


@mechanism
def recruit(world, params, state, month, cadre, size):
    """A recruitment wave: new members owe their cards to the apparatus, so
    they follow whoever holds the most appointment power when they join."""
    best = -1
    best_power = 0.0
    for office in range(state.office_codes.shape[1]):
        holder = state.office_codes[HOLDER, office]
        appointment = world.offices[R_APPOINTMENT, office]
        if holder >= 0 and is_active(state, holder) and appointment > best_power:
            best = holder
            best_power = appointment
    state.cadres[DELEGATES, cadre] = size
    state.cadre_codes[CADRE_PATRON, cadre] = best
    state.cadres[LOYALTY, cadre] = params[P_RECRUITMENT_LOYALTY] if best >= 0 else 0.0
    record(state, month, L_RECRUITMENT, best, -1, -1, -1, int(size), 0, cadre)
