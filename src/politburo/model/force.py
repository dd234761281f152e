"""Force: a rival arrested outside any vote, by those who command armed men.

Where the scenario's rules make force thinkable (a regime born of a coup, a
leadership whose police answer to one man), the man who commands troops or
the police may settle a quarrel without a vote: he has his rival arrested.
He weighs the others first.  Each colleague in the top body, and each man
who commands armed men of his own, is counted on the side he would take in
a vote on the arrest; the armed count for more than the merely seated.  The
plot goes ahead only if the plotter thinks his side the stronger by as much
as his caution asks, and it succeeds with a chance that grows with that
margin.  A failed plot is exposed: the plotter loses standing, his colleagues'
trust and the benefit of the doubt, and the others unite against him.
"""

from .chance import sigmoid, uniform
from .conduct import choose_enemy, eagerness, in_play
from .jit import mechanism
from .journal import log_kind, record
from .motions import P_OUTCAST_PRESTIGE_KEPT
from .offices import vacate_offices
from .outcome import check_elimination
from .parameters import parameter
from .power import is_active, settle_camps, sits_in_top
from .rules import rule_strength
from .voting import common_pressure, utility
from .world import (
    ARRESTED,
    FACTION,
    HOLDER,
    M_ARRESTED,
    OFFENCE,
    PRESTIGE,
    R_ARMY,
    R_SECURITY,
    RULE_FORCE,
    S_ARREST,
    STATUS,
    T_AMBITION,
    T_CAUTION,
    TRUST,
)

# How often a willing, armed man weighs a coup, per month.
P_FORCE_RATE = parameter("force_rate")
# How much a colleague's arms count beside his mere seat.
P_FORCE_ARMS_WEIGHT = parameter("force_arms_weight")
# How strongly a colleague must feel, one way or the other, to take a side:
# the rest stand by.
P_FORCE_INDIFFERENCE = parameter("force_indifference")
# How uncertain the outcome of a plot is, on the balance of the two sides.
P_FORCE_SPREAD = parameter("force_spread")
# The chance of success a plotter wants, beyond what his caution asks.
P_FORCE_NERVE = parameter("force_nerve")
# What an exposed plot costs the plotter.
P_FORCE_FAILURE_PRESTIGE = parameter("force_failure_prestige")
P_FORCE_FAILURE_TRUST = parameter("force_failure_trust")
P_FORCE_FAILURE_OFFENCE = parameter("force_failure_offence")

L_FORCE_ARREST = log_kind(
    "force_arrest",
    "a man who commands troops or police has a rival arrested outside any vote",
    actor=("plotter", "who ordered the arrest"),
    other=("victim", "who was arrested"),
    body="the top body he bypassed",
    votes_for=("support", "his side's weight, in hundredths"),
    votes_against=("resistance", "the victim's side's weight, in hundredths"),
)
L_FORCE_FAILED = log_kind(
    "force_failed",
    "a plot to arrest a rival outside any vote fails and is exposed",
    actor=("plotter", "who plotted"),
    other=("victim", "whom he meant to arrest"),
    body="the top body that learned of it",
    votes_for=("support", "his side's weight, in hundredths"),
    votes_against=("resistance", "the victim's side's weight, in hundredths"),
)


@mechanism
def arms(world, state, actor):
    """The troops and police a man commands: the army and security resources
    of the offices he holds."""
    total = 0.0
    for office in range(state.office_codes.shape[1]):
        if state.office_codes[HOLDER, office] == actor:
            total += world.offices[R_ARMY, office] + world.offices[R_SECURITY, office]
    return total


@mechanism
def balance_of_force(world, params, state, month, plotter, victim):
    """(support, resistance): the weight of those who would stand with the
    plotter and with his victim, each counted on the side he would take in a
    vote on the arrest; the armed weigh more than the merely seated, and
    those who care little either way stand by."""
    push = common_pressure(world, params, state, month, plotter, victim, S_ARREST)
    weight = params[P_FORCE_ARMS_WEIGHT]
    support = weight * arms(world, state, plotter)
    resistance = weight * arms(world, state, victim)
    for other in range(state.actor_codes.shape[1]):
        if other == plotter or other == victim or not is_active(state, other):
            continue
        armed = arms(world, state, other)
        seated = 1.0 if sits_in_top(state, other) else 0.0
        if armed <= 0.0 and seated <= 0.0:
            continue
        counted = seated + weight * armed
        will = utility(params, state, other, plotter, victim, S_ARREST, push)
        if will > params[P_FORCE_INDIFFERENCE]:
            support += counted
        elif will < -params[P_FORCE_INDIFFERENCE]:
            resistance += counted
    return support, resistance


@mechanism
def attempt_force(world, params, state, month, top_body, actor):
    """An armed man's month: does he move against his enemy without a vote?"""
    thinkable = rule_strength(world, month, RULE_FORCE)
    if thinkable <= 0.0 or not in_play(world, state, actor):
        return
    own = arms(world, state, actor)
    if own <= 0.0:
        return
    traits = world.actors[:, actor]
    urge = (
        params[P_FORCE_RATE]
        * thinkable
        * eagerness(world, params, actor)
        * traits[T_AMBITION]
        * (1.0 - traits[T_CAUTION])
    )
    if uniform(state.dice) >= urge:
        return
    victim = choose_enemy(world, params, state, actor)
    if victim < 0 or not is_active(state, victim):
        return
    support, resistance = balance_of_force(world, params, state, month, actor, victim)
    chance = sigmoid((support - resistance) / params[P_FORCE_SPREAD])
    if chance < traits[T_CAUTION] + params[P_FORCE_NERVE]:
        return  # the others would not stand by; he waits
    shown_for, shown_against = int(support * 100.0), int(resistance * 100.0)
    if uniform(state.dice) < chance:
        record(
            state, month, L_FORCE_ARREST, actor, victim, top_body, -1, shown_for, shown_against, 0
        )
        state.actor_codes[STATUS, victim] = ARRESTED
        state.actor_codes[FACTION, victim] = 0
        state.actors[PRESTIGE, victim] *= params[P_OUTCAST_PRESTIGE_KEPT]
        settle_camps(params, state)
        vacate_offices(world, params, state, month, victim, actor, top_body)
        check_elimination(world, state, month, victim, M_ARRESTED)
        return
    record(state, month, L_FORCE_FAILED, actor, victim, top_body, -1, shown_for, shown_against, 0)
    state.actors[PRESTIGE, actor] = max(
        0.0, state.actors[PRESTIGE, actor] - params[P_FORCE_FAILURE_PRESTIGE]
    )
    state.actors[OFFENCE, actor] += params[P_FORCE_FAILURE_OFFENCE]
    for other in range(state.actor_codes.shape[1]):
        if other != actor:
            state.pairs[TRUST, other, actor] = max(
                -1.0, state.pairs[TRUST, other, actor] - params[P_FORCE_FAILURE_TRUST]
            )


@mechanism
def armed_men(world, params, state, month, top_body, order):
    """Each armed man in turn, in the month's order of play."""
    if rule_strength(world, month, RULE_FORCE) <= 0.0:
        return
    for index in range(order.shape[0]):
        attempt_force(world, params, state, month, top_body, order[index])
