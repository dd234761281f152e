"""Votes on motions.

Each voter weighs loyalty (to his patron's camp and to his coalition), policy
(is the target further from him than the sponsor?), the standing of the two
men, fear of the likely winner, personal trust, the party's rules, and
private reasons of his own (noise).  Named members vote one by one.  The
seats of a committee or congress vote in blocs: the clients of each patron
follow him, and the unaligned delegates follow the rank-and-file mood.
"""

from .chance import normal, sigmoid
from .jit import inline_mechanism, mechanism
from .layout import columns
from .parameters import parameter
from .policy import distance, distance_to_mood
from .power import POWER, bloc_leader, is_active, sits_in_top
from .rules import rule_strength
from .world import (
    CADRE_PATRON,
    CC,
    COALITION,
    COMMITTEE,
    CONGRESS,
    DELEGATES,
    F_ROLE,
    F_TWO_THIRDS,
    F_UNANIMOUS,
    FACTION,
    LOYALTY,
    OFFENCE,
    PRESTIGE,
    RECANTED,
    RULE_FACTION_BAN,
    RULE_HEIR_PROTECTION,
    S_EXPEL,
    S_READMIT,
    STATUS,
    TOP,
    TRUST,
)

HEIR = columns("actors", ("heir", "how strongly he has been designated heir", 0.0))
# A foreign patron's protection: how hard he presses for a man, and until when.
BACKING = columns("actors", ("backing", "how hard a foreign patron presses for him", 0.0))
BACKED_UNTIL = columns("actor_codes", ("backed_until", "last month of that pressure", -1))
SEAT_SHARE, BLOC_SCRATCH = columns(
    "blocs",
    ("seat_share", "committee seats by bloc leader; the last row the unaligned"),
    ("scratch", "delegates by bloc leader, worked out when needed"),
)

P_VOTE_NOISE = parameter("vote_noise")
P_VOTE_LOYALTY = parameter("vote_loyalty")
P_VOTE_IDEOLOGY = parameter("vote_ideology")
P_VOTE_PRESTIGE = parameter("vote_prestige")
P_VOTE_FEAR = parameter("vote_fear")
P_VOTE_TRUST = parameter("vote_trust")
P_BLOC_COHESION = parameter("bloc_cohesion")
P_FACTION_PENALTY = parameter("faction_penalty")
P_RECANT_RELIEF = parameter("recant_relief")
P_HEIR_BONUS = parameter("heir_bonus")
P_COLLEGIALITY = parameter("collegiality")
P_OFFENCE_WEIGHT = parameter("offence_weight")
# Comrades balk at expelling a man who organised nothing.
P_PURGE_NORM = parameter("purge_norm")
# Chance in how the unaligned seats of a committee or congress vote.
P_FREE_SEAT_NOISE = parameter("free_seat_noise")
# How much a foreign patron's pressure for a man weighs in every vote on him.
P_FOREIGN_WEIGHT = parameter("foreign_weight")


@inline_mechanism
def side(state, voter, sponsor, target):
    """+1 if the voter's camp or coalition stands with the sponsor, -1 with the target."""
    camp = bloc_leader(state, voter)
    if camp == bloc_leader(state, sponsor):
        return 1.0
    if camp == bloc_leader(state, target):
        return -1.0
    ruling = state.counters[COALITION, 0]
    inside = (ruling >> camp) & 1
    if inside and (ruling >> sponsor) & 1 and not (ruling >> target) & 1:
        return 1.0
    if inside and (ruling >> target) & 1 and not (ruling >> sponsor) & 1:
        return -1.0
    if (
        state.actor_codes[FACTION, camp]
        and state.actor_codes[FACTION, target]
        and not state.actor_codes[FACTION, sponsor]
    ):
        return -1.0
    return 0.0


@mechanism
def camp_power(state, actor):
    ruling = state.counters[COALITION, 0]
    if (ruling >> actor) & 1:
        total = 0.0
        for other in range(state.actor_codes.shape[1]):
            if (ruling >> other) & 1:
                total += state.actors[POWER, other]
        return total
    leader = bloc_leader(state, actor)
    total = 0.0
    for other in range(state.actor_codes.shape[1]):
        if is_active(state, other) and bloc_leader(state, other) == leader:
            total += state.actors[POWER, other]
    return total


@mechanism
def common_pressure(world, params, state, month, sponsor, target, sanction):
    """What pushes every voter the same way: standing, fear, rules, norms."""
    push = params[P_VOTE_PRESTIGE] * (
        state.actors[PRESTIGE, sponsor] - state.actors[PRESTIGE, target]
    )
    # Collective leadership: a comrade who has given no offence is not struck down.
    push += params[P_OFFENCE_WEIGHT] * state.actors[OFFENCE, target] - params[P_COLLEGIALITY]
    ours = camp_power(state, sponsor)
    theirs = camp_power(state, target)
    if ours + theirs > 0.0:
        push += params[P_VOTE_FEAR] * (ours - theirs) / (ours + theirs)
    if state.actor_codes[FACTION, target]:
        push += params[P_FACTION_PENALTY] * rule_strength(world, month, RULE_FACTION_BAN)
    elif sanction >= S_EXPEL:
        push -= params[P_PURGE_NORM]
    if state.actor_codes[RECANTED, target]:
        push -= params[P_RECANT_RELIEF]
    push -= params[P_FOREIGN_WEIGHT] * backing(state, month, target)
    protection = rule_strength(world, month, RULE_HEIR_PROTECTION)
    push += (
        params[P_HEIR_BONUS]
        * protection
        * (state.actors[HEIR, sponsor] - state.actors[HEIR, target])
    )
    return push


@inline_mechanism
def votes_in(world, state, body, actor):
    if not is_active(state, actor):
        return False
    role = world.bodies[F_ROLE, body]
    if role == TOP:
        return sits_in_top(state, actor)
    if role == COMMITTEE or role == CONGRESS:
        return state.actor_codes[STATUS, actor] <= CC
    return world.body_members[body, actor] == 1


@inline_mechanism
def personal_utility(params, state, voter, sponsor, target, push):
    return (
        params[P_VOTE_LOYALTY] * side(state, voter, sponsor, target)
        + params[P_VOTE_IDEOLOGY]
        * (distance(state, voter, target) - distance(state, voter, sponsor))
        + params[P_VOTE_TRUST]
        * (state.pairs[TRUST, voter, sponsor] - state.pairs[TRUST, voter, target])
        + push
    )


@inline_mechanism
def backing(state, month, actor):
    """A foreign patron's pressure for the man this month, or 0."""
    if month > state.actor_codes[BACKED_UNTIL, actor]:
        return 0.0
    return state.actors[BACKING, actor]


@inline_mechanism
def clemency(params, state, voter, sponsor, outcast):
    """A voter's will to take back a penitent outcast: his camp follows the
    leader who proposes it, the outcast's old friends want him back, and the
    further the man stands from the voter, the less welcome he is."""
    return (
        params[P_VOTE_LOYALTY] * abs(side(state, voter, sponsor, outcast))
        + params[P_RECANT_RELIEF]
        + params[P_VOTE_TRUST] * state.pairs[TRUST, voter, outcast]
        - params[P_VOTE_IDEOLOGY] * distance(state, voter, outcast)
    )


@inline_mechanism
def utility(params, state, voter, sponsor, target, sanction, push):
    if sanction == S_READMIT:
        return clemency(params, state, voter, sponsor, target) + push
    return personal_utility(params, state, voter, sponsor, target, push)


@mechanism
def congress_blocs(state, shares):
    """Delegate shares by bloc leader; the last slot holds the unaligned."""
    n_actors = state.actor_codes.shape[1]
    for slot in range(n_actors + 1):
        shares[slot] = 0.0
    total = 0.0
    for cadre in range(state.cadres.shape[1]):
        total += state.cadres[DELEGATES, cadre]
    if total <= 0.0:
        return
    for cadre in range(state.cadres.shape[1]):
        weight = state.cadres[DELEGATES, cadre] / total
        patron = state.cadre_codes[CADRE_PATRON, cadre]
        if patron >= 0 and is_active(state, patron):
            loyal = weight * state.cadres[LOYALTY, cadre]
            shares[bloc_leader(state, patron)] += loyal
            shares[n_actors] += weight - loyal
        else:
            shares[n_actors] += weight


@mechanism
def tally(world, params, state, month, body, sponsor, target, sanction, noisy):
    """Votes for and against a motion; expected values when ``noisy`` is False."""
    noise = params[P_VOTE_NOISE]
    if sanction == S_READMIT:
        # Taking a man back weighs none of a sanction's pressures, only a
        # foreign patron's; and an unrepentant man has not earned the relief
        # a recantation brings.
        push = params[P_FOREIGN_WEIGHT] * backing(state, month, target)
        if not state.actor_codes[RECANTED, target]:
            push -= params[P_RECANT_RELIEF]
    else:
        push = common_pressure(world, params, state, month, sponsor, target, sanction)
    n_actors = state.actor_codes.shape[1]
    ayes = 0.0
    noes = 0.0
    named = 0
    for voter in range(n_actors):
        if not votes_in(world, state, body, voter):
            continue
        named += 1
        if voter == sponsor:
            ayes += 1.0
            continue
        if voter == target:
            # Where one vote against stops a motion, the accused's own vote
            # cannot count, or no member could ever be removed.
            if not world.bodies[F_UNANIMOUS, body]:
                noes += 1.0
            continue
        will = utility(params, state, voter, sponsor, target, sanction, push)
        if noisy:
            if will + noise * normal(state.dice) > 0.0:
                ayes += 1.0
            else:
                noes += 1.0
        else:
            chance = sigmoid(will / noise)
            ayes += chance
            noes += 1.0 - chance
    role = world.bodies[F_ROLE, body]
    if role != COMMITTEE and role != CONGRESS:
        return ayes, noes
    seats = float(world.body_seats[body, month] - named)
    if seats <= 0.0:
        return ayes, noes
    shares = state.blocs[BLOC_SCRATCH]
    if role == COMMITTEE:
        for slot in range(n_actors + 1):
            shares[slot] = state.blocs[SEAT_SHARE, slot]
    else:
        congress_blocs(state, shares)
    cohesion = params[P_BLOC_COHESION]
    free = shares[n_actors]
    for leader in range(n_actors):
        weight = shares[leader]
        if weight <= 0.0:
            continue
        if not is_active(state, leader):
            free += weight
            continue
        if leader == sponsor:
            stance = 1.0
        elif leader == target:
            stance = -1.0
        else:
            stance = side(state, leader, sponsor, target)
            if stance == 0.0 or sanction == S_READMIT:
                will = utility(params, state, leader, sponsor, target, sanction, push)
                stance = 1.0 if will > 0.0 else -1.0
        if stance > 0.0:
            ayes += seats * weight * cohesion
        else:
            noes += seats * weight * cohesion
        free += weight * (1.0 - cohesion)
    if sanction == S_READMIT:
        mood = (
            params[P_RECANT_RELIEF]
            - params[P_VOTE_IDEOLOGY] * distance_to_mood(state, target)
            + push
        )
    else:
        mood = (
            params[P_VOTE_IDEOLOGY]
            * (distance_to_mood(state, target) - distance_to_mood(state, sponsor))
            + push
        )
    chance = sigmoid(mood / noise)
    if noisy:
        chance = min(1.0, max(0.0, chance + params[P_FREE_SEAT_NOISE] * normal(state.dice)))
    ayes += seats * free * chance
    noes += seats * free * (1.0 - chance)
    return ayes, noes


@mechanism
def carried(world, body, ayes, noes):
    if ayes + noes <= 0.0:
        return False
    if world.bodies[F_UNANIMOUS, body]:
        # A junta of commanders acts only together: one service's veto
        # stops it, but half a vote of doubt among a bloc's seats does not.
        return noes < 0.5
    if world.bodies[F_TWO_THIRDS, body]:
        return ayes >= 2.0 * (ayes + noes) / 3.0
    return ayes > noes


@mechanism
def needed_share(world, body):
    if world.bodies[F_UNANIMOUS, body]:
        return 1.0
    return 2.0 / 3.0 if world.bodies[F_TWO_THIRDS, body] else 0.5


@mechanism
def counted(ayes, noes):
    """The vote as the minutes give it: whole votes that add up to the seats
    that voted.  Seats voting in blocs come out fractional; rounding each side
    alone could add a seat to the body or lose one."""
    shown_for = int(ayes + 0.5)
    return shown_for, int(ayes + noes + 0.5) - shown_for
