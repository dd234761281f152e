"""What each leader does in a month.

A member of the ruling coalition turns on the outsider he finds most
threatening and drifts, as far as his convictions allow, toward the mood of
the rank and file and away from the man he is fighting: the opportunist's
way.  An outsider fights back as his temper allows: he organises a faction,
appeals to the rank and file, moves toward other outsiders to build a bloc,
recants when the danger is great, or lies low.
"""

from .chance import normal, uniform
from .coalition import POWER_VIEW, top_members
from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .layout import columns
from .outcome import base_office
from .parameters import parameter
from .policy import MOOD, SALIENCE, discontent, distance, distance_to_mood
from .power import (
    bloc_leader,
    is_active,
    perceived,
    sits_in_top,
)
from .rules import founder_deviation, rule_strength
from .world import (
    ARRESTED,
    CANDIDATE,
    COALITION,
    EXILED,
    EXPELLED,
    FACTION,
    FARTHEST,
    INCAPACITATED,
    LAST_MOTION,
    MEMBER,
    NO_SCORE,
    OFFENCE,
    POSITION,
    PRESTIGE,
    RECANTED,
    RULE_FACTION_BAN,
    RULE_FOUNDER_CULT,
    STATUS,
    T_AMBITION,
    T_CAUTION,
    T_CONVICTION,
    T_ORATORY,
    TRUST,
    VISIBILITY,
)

SHIFT_LOGGED = columns(
    "stances", ("shift_logged", "his position as last reported in the chronicle", "position")
)

# How eager a willing man is to act: attack_rate x (eagerness_base + ambition),
# per month for an outsider's opposition, per session for a motion.
P_ATTACK_RATE = parameter("attack_rate")
P_EAGERNESS_BASE = parameter("eagerness_base")
# Whom the ruling coalition fights: a rival in the top body before anyone
# outside it; an unrepentant outcast by his prestige.
P_SEATED_RIVAL_THREAT = parameter("seated_rival_threat")
P_OUTCAST_THREAT = parameter("outcast_threat")
# The opportunist's drift: toward the mood, and this far beyond it away from
# the enemy.
P_SHIFT_RATE = parameter("shift_rate")
P_DRIFT_AWAY = parameter("drift_away")
# A move this large on one axis makes the chronicle (what is told, not what happens).
P_SHIFT_LOGGED = parameter("shift_logged")
P_VISIBILITY_ACTION = parameter("visibility_action")
P_CULT_PENALTY = parameter("cult_penalty")
# An outsider's choice of course: the weights of his traits in each course's
# score, and the chance in his choice.
P_FACTION_ORATORY = parameter("faction_oratory")
P_FACTION_RECANTED = parameter("faction_recanted")
P_APPEAL_MOOD_DISTANCE = parameter("appeal_mood_distance")
P_APPEAL_DISCONTENT = parameter("appeal_discontent")
P_RECANT_CAUTION = parameter("recant_caution")
P_LIE_LOW = parameter("lie_low")
P_CHOICE_NOISE = parameter("choice_noise")
P_DANGER_MONTHS = parameter("danger_months")
# What each course brings him.
P_FACTION_GAIN = parameter("faction_gain")
P_FACTION_OFFENCE = parameter("faction_offence")
P_FACTION_PUBLICITY = parameter("faction_publicity")
P_APPEAL_OFFENCE = parameter("appeal_offence")
P_APPROACH_TRUST = parameter("approach_trust")
P_RECANT_PRESTIGE_COST = parameter("recant_prestige_cost")
P_RECANT_VISIBILITY_KEPT = parameter("recant_visibility_kept")
# An outcast's way back: he recants, at a price.
P_OUTCAST_RECANT_RATE = parameter("outcast_recant_rate")
P_OUTCAST_RECANT_COST = parameter("outcast_recant_cost")

# The score of a course not open to him (a second faction, a second
# recantation, an approach with nobody to approach): never chosen, however
# the chance in the choice falls, since lying low is always open.
CLOSED = NO_SCORE

L_FACTION = log_kind(
    "faction",
    "an outsider organises a faction against the majority",
    actor=("organiser", "who organises it"),
    other=("partner", "his nearest possible ally, or -1"),
)
L_APPEAL = log_kind(
    "appeal",
    "an outsider appeals over the leaders' heads to the rank and file",
    actor="who appeals",
)
L_RECANT = log_kind("recant", "an actor recants and admits his errors", actor="who recants")
L_SHIFT = log_kind(
    "shift",
    "an actor's position on an axis has moved far since it was last logged",
    actor="who moved",
    votes_for=("position", "his position now, in hundredths (-100..100)"),
    votes_against=("previous", "his position when last logged, in hundredths"),
    extra=("axis", "the axis he moved on"),
)


@mechanism
def eagerness(world, params, actor):
    """The chance that a willing man acts when he can: per month for an
    outsider's opposition, per session for a motion."""
    return params[P_ATTACK_RATE] * (params[P_EAGERNESS_BASE] + world.actors[T_AMBITION, actor])


@mechanism
def in_play(world, state, actor):
    """Leaders who act on their own account: top-body members, candidates and
    holders of a power base."""
    if not is_active(state, actor):
        return False
    if state.actor_codes[STATUS, actor] <= CANDIDATE:
        return True
    return base_office(world, state, actor) >= 0


@mechanism
def partner_in_the_way(world, params, state, actor):
    """With nobody left outside the coalition, the alliance has outlived its
    common enemy.  An ambitious man then turns on the partner he finds most
    threatening; a cautious one keeps the peace."""
    traits = world.actors[:, actor]
    if traits[T_AMBITION] <= traits[T_CAUTION]:
        return -1
    camp = bloc_leader(state, actor)
    best = -1
    best_threat = 0.0
    for rival in range(state.actor_codes.shape[1]):
        if bloc_leader(state, rival) == camp or not is_active(state, rival):
            continue
        # Anyone in the top body, or a candidate with a power base of his own.
        if not sits_in_top(state, rival):
            if (
                state.actor_codes[STATUS, rival] != CANDIDATE
                or base_office(world, state, rival) < 0
            ):
                continue
        # The partner who has defied the majority goes first.
        gap = distance(state, actor, rival)
        threat = perceived(params, state, actor, rival) * (1.0 + gap)
        threat *= 1.0 + state.actors[OFFENCE, rival]
        if threat > best_threat:
            best = rival
            best_threat = threat
    return best


@inline_mechanism
def choose_enemy(world, params, state, actor):
    ruling = state.counters[COALITION, 0]
    n_actors = state.actor_codes.shape[1]
    best = -1
    best_threat = 0.0
    if ruling and (ruling >> actor) & 1:
        for rival in range(n_actors):
            if rival == actor or (ruling >> rival) & 1:
                continue
            if (
                state.actor_codes[STATUS, rival] > ARRESTED
                or state.actor_codes[INCAPACITATED, rival]
            ):
                continue
            camp = bloc_leader(state, rival)
            if (ruling >> camp) & 1:
                continue
            # The coalition strikes together, at the rival the whole body
            # sees as the greatest danger: one common enemy at a time.
            if sits_in_top(state, rival):
                threat = params[P_SEATED_RIVAL_THREAT] + state.actors[POWER_VIEW, rival]
            elif state.actor_codes[STATUS, rival] <= MEMBER and state.actor_codes[FACTION, rival]:
                threat = perceived(params, state, actor, rival)
            elif (
                state.actor_codes[STATUS, rival] >= EXPELLED
                and not state.actor_codes[RECANTED, rival]
            ):
                threat = params[P_OUTCAST_THREAT] * state.actors[PRESTIGE, rival]
            else:
                continue
            if threat > best_threat:
                best = rival
                best_threat = threat
        if best < 0 and ruling == top_members(state):
            best = partner_in_the_way(world, params, state, actor)
        return best
    # While a coalition rules, only its members are worth fighting: the cheap
    # test of its mask comes first.
    camp = bloc_leader(state, actor)
    for rival in range(n_actors):
        if ruling and not (ruling >> rival) & 1:
            continue
        if rival == actor or not sits_in_top(state, rival):
            continue
        if bloc_leader(state, rival) == camp:
            continue
        gap = distance(state, actor, rival)
        threat = perceived(params, state, actor, rival) * (1.0 + gap)
        if threat > best_threat:
            best = rival
            best_threat = threat
    return best


@mechanism
def move_position(params, state, month, actor, axis, step):
    value = min(1.0, max(-1.0, state.stances[POSITION, actor, axis] + step))
    state.stances[POSITION, actor, axis] = value
    if abs(value - state.stances[SHIFT_LOGGED, actor, axis]) >= params[P_SHIFT_LOGGED]:
        record(
            state,
            month,
            L_SHIFT,
            actor,
            -1,
            -1,
            -1,
            int(round(value * 100.0)),
            int(round(state.stances[SHIFT_LOGGED, actor, axis] * 100.0)),
            axis,
        )
        state.stances[SHIFT_LOGGED, actor, axis] = value


@mechanism
def drift_with_the_line(world, params, state, month, actor, enemy):
    flexibility = 1.0 - world.actors[T_CONVICTION, actor]
    if flexibility <= 0.0:
        return
    top_salience = 0.0
    for axis in range(state.axes.shape[1]):
        top_salience = max(top_salience, state.axes[SALIENCE, axis])
    for axis in range(state.axes.shape[1]):
        goal = state.axes[MOOD, axis]
        if enemy >= 0:
            gap = state.stances[POSITION, actor, axis] - state.stances[POSITION, enemy, axis]
            goal += params[P_DRIFT_AWAY] * (1.0 if gap >= 0.0 else -1.0)
        goal = min(1.0, max(-1.0, goal))
        weight = state.axes[SALIENCE, axis] / top_salience
        step = (
            params[P_SHIFT_RATE]
            * flexibility
            * weight
            * (goal - state.stances[POSITION, actor, axis])
        )
        move_position(params, state, month, actor, axis, step)


@mechanism
def cult_cost(world, params, state, month, actor):
    penalty = params[P_CULT_PENALTY] * founder_deviation(
        world, state, month, actor, RULE_FOUNDER_CULT
    )
    state.actors[PRESTIGE, actor] = max(0.0, state.actors[PRESTIGE, actor] - penalty)


@mechanism
def go_public(params, state, actor, scale):
    state.actors[VISIBILITY, actor] = min(
        1.0, state.actors[VISIBILITY, actor] + scale * params[P_VISIBILITY_ACTION]
    )


@mechanism
def nearest_outsider(state, actor):
    ruling = state.counters[COALITION, 0]
    best = -1
    best_distance = FARTHEST
    for other in range(state.actor_codes.shape[1]):
        if other == actor or not is_active(state, other) or (ruling >> other) & 1:
            continue
        if state.actor_codes[STATUS, other] > CANDIDATE and not state.actor_codes[FACTION, other]:
            continue
        if bloc_leader(state, other) == bloc_leader(state, actor):
            continue
        if ruling and (ruling >> bloc_leader(state, other)) & 1:
            continue  # a client of the ruling camp is no ally against it
        gap = distance(state, actor, other)
        if gap < best_distance:
            best = other
            best_distance = gap
    return best


@inline_mechanism
def oppose(world, params, state, month, actor, danger):
    """An outsider's month: pick the course his temper favours."""
    traits = world.actors[:, actor]
    ban = rule_strength(world, month, RULE_FACTION_BAN)
    ambition = traits[T_AMBITION]
    caution = traits[T_CAUTION]
    oratory = traits[T_ORATORY]
    partner = nearest_outsider(state, actor)
    # A man who has recanted has given his word; breaking it costs more.
    faction = (
        ambition * (1.0 - caution)
        + params[P_FACTION_ORATORY] * oratory
        - ban * caution
        - params[P_FACTION_RECANTED] * state.actor_codes[RECANTED, actor]
    )
    if state.actor_codes[FACTION, actor]:
        faction = CLOSED
    # The rank and file listen when the line has drifted from what they want.
    resonance = (
        1.0
        - params[P_APPEAL_MOOD_DISTANCE] * distance_to_mood(state, actor)
        + params[P_APPEAL_DISCONTENT] * discontent(state)
    )
    appeal = ambition * oratory * resonance
    approach = CLOSED if partner < 0 else ambition * (1.0 - traits[T_CONVICTION])
    recant = (
        CLOSED
        if state.actor_codes[RECANTED, actor]
        else danger * caution * params[P_RECANT_CAUTION]
    )
    lie_low = caution * params[P_LIE_LOW]
    scores = (faction, appeal, approach, recant, lie_low)
    best = 0
    best_score = NO_SCORE
    for choice in range(5):
        score = scores[choice] + params[P_CHOICE_NOISE] * normal(state.dice)
        if score > best_score:
            best = choice
            best_score = score
    if best == 0:
        state.actor_codes[FACTION, actor] = 1
        state.actor_codes[RECANTED, actor] = 0
        state.actors[PRESTIGE, actor] = min(
            1.0, state.actors[PRESTIGE, actor] + params[P_FACTION_GAIN] * oratory
        )
        state.actors[OFFENCE, actor] += params[P_FACTION_OFFENCE]
        go_public(params, state, actor, params[P_FACTION_PUBLICITY])
        cult_cost(world, params, state, month, actor)
        record(state, month, L_FACTION, actor, partner, -1, -1, 0, 0, 0)
    elif best == 1:
        gain = params[P_FACTION_GAIN] * oratory * resonance
        state.actors[PRESTIGE, actor] = min(1.0, state.actors[PRESTIGE, actor] + gain)
        state.actors[OFFENCE, actor] += params[P_APPEAL_OFFENCE]
        go_public(params, state, actor, 1.0)
        cult_cost(world, params, state, month, actor)
        record(state, month, L_APPEAL, actor, -1, -1, -1, 0, 0, 0)
    elif best == 2:
        flexibility = 1.0 - traits[T_CONVICTION]
        for axis in range(state.stances.shape[2]):
            gap = state.stances[POSITION, partner, axis] - state.stances[POSITION, actor, axis]
            move_position(
                params, state, month, actor, axis, params[P_SHIFT_RATE] * flexibility * gap
            )
        warmth = params[P_APPROACH_TRUST]
        state.pairs[TRUST, actor, partner] = min(1.0, state.pairs[TRUST, actor, partner] + warmth)
        state.pairs[TRUST, partner, actor] = min(1.0, state.pairs[TRUST, partner, actor] + warmth)
    elif best == 3:
        state.actor_codes[RECANTED, actor] = 1
        state.actor_codes[FACTION, actor] = 0
        state.actors[PRESTIGE, actor] = max(
            0.0, state.actors[PRESTIGE, actor] - params[P_RECANT_PRESTIGE_COST]
        )
        state.actors[VISIBILITY, actor] *= params[P_RECANT_VISIBILITY_KEPT]
        record(state, month, L_RECANT, actor, -1, -1, -1, 0, 0, 0)


@mechanism
def danger_to(params, state, month, actor):
    """1 when the actor has been under attack lately and is outside the ruling
    coalition."""
    if state.actor_codes[LAST_MOTION, actor] < month - params[P_DANGER_MONTHS]:
        return 0.0
    ruling = state.counters[COALITION, 0]
    if (ruling >> actor) & 1:
        return 0.0
    return 1.0


@mechanism
def plead(world, params, state, month, actor):
    """An outcast who wants his way back in recants, sooner the more cautious
    he is; the unbending never do."""
    if state.actor_codes[STATUS, actor] != EXPELLED and state.actor_codes[STATUS, actor] != EXILED:
        return
    if state.actor_codes[RECANTED, actor] or state.actor_codes[INCAPACITATED, actor]:
        return
    traits = world.actors[:, actor]
    if uniform(state.dice) < params[P_OUTCAST_RECANT_RATE] * traits[T_CAUTION] * (
        1.0 - traits[T_CONVICTION]
    ):
        state.actor_codes[RECANTED, actor] = 1
        state.actors[PRESTIGE, actor] = max(
            0.0, state.actors[PRESTIGE, actor] - params[P_OUTCAST_RECANT_COST]
        )
        record(state, month, L_RECANT, actor, -1, -1, -1, 0, 0, 0)


@inline_mechanism
def monthly_conduct(world, params, state, month, order):
    ruling = state.counters[COALITION, 0]
    for index in range(order.shape[0]):
        actor = order[index]
        if not in_play(world, state, actor):
            plead(world, params, state, month, actor)
            continue
        enemy = choose_enemy(world, params, state, actor)
        if ruling == 0 or (ruling >> actor) & 1 or not sits_in_top(state, actor):
            if state.actor_codes[FACTION, actor] == 0:
                drift_with_the_line(world, params, state, month, actor, enemy)
                continue
        if enemy < 0:
            continue
        eager = eagerness(world, params, actor)
        if uniform(state.dice) < eager:
            oppose(world, params, state, month, actor, danger_to(params, state, month, actor))
