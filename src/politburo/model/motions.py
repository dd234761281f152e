"""Motions: the sanction ladder, who decides each step, and what follows.

A rival is first stripped of his power base, then of his seat, then of his
committee place, his party card, his freedom and, where the rules allow
terror, his life.  Each step is a motion decided by the body the scenario
names for it; an office is taken away by the body that fills it.  A body with
an ``appeal_to`` can be overruled: the loser may carry the motion to the
larger body, as a top-body minority can appeal to its central committee.
Vacancies are filled by the winners, who promote their own people.
"""

from .chance import uniform
from .coalition import top_members
from .conduct import P_VISIBILITY_ACTION, eagerness
from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .offices import P_PROMOTION_WAIT, appoint, candidate_score, nominate, vacate_offices
from .outcome import ELIMINATED, base_office, check_elimination
from .parameters import parameter
from .power import POWER, bloc_leader, is_active, settle_camps, sits_in_top
from .rules import rule_strength
from .voting import SEAT_SHARE, carried, counted, needed_share, tally
from .world import (
    ARRESTED,
    CANDIDATE,
    CC,
    COALITION,
    DEAD,
    EXILED,
    EXPELLED,
    F_APPEAL_TO,
    F_FILLED_BY,
    FACTION,
    FULL,
    HOLDER,
    INCAPACITATED,
    LAST_MOTION,
    M_ARRESTED,
    M_DEMOTED,
    M_DROPPED,
    M_EXECUTED,
    M_EXILED,
    M_EXPELLED,
    M_LOST_OFFICE,
    M_REMOVED_CC,
    MEMBER,
    NO_MONTH,
    NO_SCORE,
    OFFENCE,
    PRESTIGE,
    R_SECURITY,
    RECANTED,
    RULE_TERROR,
    S_ARREST,
    S_DEMOTE,
    S_DROP,
    S_EXECUTE,
    S_EXILE,
    S_EXPEL,
    S_READMIT,
    S_REMOVE_CC,
    S_REMOVE_OFFICE,
    STATUS,
    T_AMBITION,
    T_CAUTION,
    T_INTRIGUE,
    TRUST,
    VISIBILITY,
)

NO_SANCTION = -1

# Moving against a rival: the vote share a man wants first, and the reckless
# who move without it.
P_ATTACK_MARGIN = parameter("attack_margin")
P_INTRIGUE_MARGIN = parameter("intrigue_margin")
P_RECKLESS_RATE = parameter("reckless_rate")
P_MOTION_COOLDOWN = parameter("motion_cooldown")
# Exile, arrest and execution need the holder of an office with at least
# this much of the security resource.
P_SECURITY_CHIEF_THRESHOLD = parameter("security_chief_threshold")
# What a motion costs: the loser's standing, the target's trust in the sponsor.
P_VISIBILITY_SUCCESS = parameter("visibility_success")
P_FAILED_MOTION_COST = parameter("failed_motion_cost")
P_FAILED_MOTION_OFFENCE = parameter("failed_motion_offence")
P_OVERTURNED_COST = parameter("overturned_cost")
P_OVERTURNED_TRUST = parameter("overturned_trust")
P_CARRIED_MOTION_COST = parameter("carried_motion_cost")
P_MOTION_TRUST_LOSS = parameter("motion_trust_loss")
P_OUTCAST_PRESTIGE_KEPT = parameter("outcast_prestige_kept")
P_CANDIDATE_BONUS = parameter("candidate_bonus")
# The wait after a motion against a man before he may be readmitted.
P_READMISSION_WAIT = parameter("readmission_wait")
P_READMIT_THRESHOLD = parameter("readmit_threshold")

_MOTION = {
    "actor": ("sponsor", "who moved it"),
    "other": ("target", "whom it was against"),
    "body": "the body that voted",
    "office": "the office it would take from the target, or -1",
    "votes_for": ("ayes", "votes for it"),
    "votes_against": ("noes", "votes against it"),
    "extra": ("sanction", "what it asked: S_*"),
}
L_MOTION_PASSED = log_kind("motion_passed", "a body carries a motion against an actor", **_MOTION)
L_MOTION_FAILED = log_kind("motion_failed", "a motion against an actor fails", **_MOTION)
L_OVERTURNED = log_kind(
    "overturned",
    "the target of a carried motion appeals to a higher body, which overturns it",
    actor=("target", "who appealed"),
    other=("sponsor", "who moved the motion"),
    body="the higher body, which heard the appeal",
    office="the office the motion would have taken from him, or -1",
    votes_for=("ayes", "votes in the higher body for the motion"),
    votes_against=("noes", "votes in the higher body against it"),
    extra=("sanction", "what the motion asked: S_*"),
)
L_PROMOTED = log_kind(
    "promoted",
    "an actor rises to a seat in the top body",
    actor=("member", "who rises"),
    other=("nominator", "who nominated him, or -1"),
    body="the top body",
    extra=("status", "his new rung: FULL or CANDIDATE"),
)
L_READMITTED = log_kind(
    "readmitted",
    "a body readmits a recanted outcast to the party",
    actor=("outcast", "who is readmitted"),
    other=("sponsor", "who moved it, or -1"),
    body="the body that voted",
    votes_for=("ayes", "votes for readmission"),
    votes_against=("noes", "votes against it"),
    extra=("sanction", "always S_READMIT"),
)


@mechanism
def next_sanction(world, state, month, target):
    """The next rung down for ``target``: (sanction, office)."""
    office = base_office(world, state, target)
    if office >= 0:
        return S_REMOVE_OFFICE, office
    status = state.actor_codes[STATUS, target]
    if status == FULL:
        return (S_DROP if state.actor_codes[FACTION, target] else S_DEMOTE), -1
    if status == CANDIDATE:
        return S_DROP, -1
    if status == CC:
        return S_REMOVE_CC, -1
    if status == MEMBER:
        return S_EXPEL, -1
    if status == EXPELLED:
        return S_EXILE, -1
    terror = rule_strength(world, month, RULE_TERROR) > 0.0
    if status == EXILED and terror:
        return S_ARREST, -1
    if status == ARRESTED and terror:
        return S_EXECUTE, -1
    return NO_SANCTION, -1


@mechanism
def decides(world, body, sanction, office):
    """Can this body, now in session, carry the sanction?  An office is taken
    away by the body that fills it; any body the scenario names may decide the
    rest, so a motion goes to whichever of them sits first."""
    if sanction == NO_SANCTION:
        return False
    if sanction == S_REMOVE_OFFICE:
        return world.office_codes[F_FILLED_BY, office] == body
    return world.body_decides[body, sanction] == 1


@mechanism
def has_business(world, state, month, body):
    """Could this session of ``body`` carry a motion against anyone at all?
    Each actor's next rung is checked once, so that a session that can decide
    nothing need not have every sponsor choose an enemy first."""
    for target in range(state.actor_codes.shape[1]):
        sanction, office = next_sanction(world, state, month, target)
        if decides(world, body, sanction, office):
            return True
    return False


@mechanism
def apply_sanction(world, params, state, month, body, sponsor, target, sanction, office):
    manner = M_LOST_OFFICE
    if sanction == S_REMOVE_OFFICE:
        appoint(world, params, state, month, office, sponsor, body)
    elif sanction == S_DEMOTE:
        state.actor_codes[STATUS, target] = CANDIDATE
        manner = M_DEMOTED
    elif sanction == S_DROP:
        state.actor_codes[STATUS, target] = CC
        manner = M_DROPPED
    elif sanction == S_REMOVE_CC:
        state.actor_codes[STATUS, target] = MEMBER
        manner = M_REMOVED_CC
    elif sanction == S_EXPEL:
        state.actor_codes[STATUS, target] = EXPELLED
        manner = M_EXPELLED
    elif sanction == S_EXILE:
        state.actor_codes[STATUS, target] = EXILED
        manner = M_EXILED
    elif sanction == S_ARREST:
        state.actor_codes[STATUS, target] = ARRESTED
        manner = M_ARRESTED
    elif sanction == S_EXECUTE:
        state.actor_codes[STATUS, target] = DEAD
        manner = M_EXECUTED
    if state.actor_codes[STATUS, target] >= EXPELLED:
        settle_camps(params, state)  # an outcast no longer leads or follows a camp
        # The party's verdict strips an outcast of much of his standing (half).
        state.actors[PRESTIGE, target] *= params[P_OUTCAST_PRESTIGE_KEPT]
        state.actor_codes[FACTION, target] = 0
        vacate_offices(world, params, state, month, target, sponsor, body)
    check_elimination(world, state, month, target, manner)


@mechanism
def motion(world, params, state, month, body, sponsor, target, sanction, office):
    """Put a motion to the vote, allow an appeal, and carry out the result."""
    state.actor_codes[LAST_MOTION, target] = month
    ayes, noes = tally(world, params, state, month, body, sponsor, target, sanction, True)
    state.actors[VISIBILITY, sponsor] = min(
        1.0, state.actors[VISIBILITY, sponsor] + params[P_VISIBILITY_ACTION]
    )
    if not carried(world, body, ayes, noes):
        shown_for, shown_against = counted(ayes, noes)
        record(
            state,
            month,
            L_MOTION_FAILED,
            sponsor,
            target,
            body,
            office,
            shown_for,
            shown_against,
            sanction,
        )
        state.actors[PRESTIGE, sponsor] = max(
            0.0, state.actors[PRESTIGE, sponsor] - params[P_FAILED_MOTION_COST]
        )
        state.actors[OFFENCE, sponsor] += params[P_FAILED_MOTION_OFFENCE]
        state.pairs[TRUST, target, sponsor] = max(
            -1.0, state.pairs[TRUST, target, sponsor] - params[P_MOTION_TRUST_LOSS]
        )
        return False
    higher = world.bodies[F_APPEAL_TO, body]
    if higher >= 0:
        e_ayes, e_noes = tally(
            world, params, state, month, higher, sponsor, target, sanction, False
        )
        if not carried(world, higher, e_ayes, e_noes):
            a_ayes, a_noes = tally(
                world, params, state, month, higher, sponsor, target, sanction, True
            )
            if not carried(world, higher, a_ayes, a_noes):
                shown_for, shown_against = counted(a_ayes, a_noes)
                record(
                    state,
                    month,
                    L_OVERTURNED,
                    target,
                    sponsor,
                    higher,
                    office,
                    shown_for,
                    shown_against,
                    sanction,
                )
                state.actors[PRESTIGE, sponsor] = max(
                    0.0, state.actors[PRESTIGE, sponsor] - params[P_OVERTURNED_COST]
                )
                state.pairs[TRUST, target, sponsor] = params[P_OVERTURNED_TRUST]
                return False
    shown_for, shown_against = counted(ayes, noes)
    record(
        state,
        month,
        L_MOTION_PASSED,
        sponsor,
        target,
        body,
        office,
        shown_for,
        shown_against,
        sanction,
    )
    state.actors[VISIBILITY, sponsor] = min(
        1.0, state.actors[VISIBILITY, sponsor] + params[P_VISIBILITY_SUCCESS]
    )
    state.actors[PRESTIGE, target] = max(
        0.0, state.actors[PRESTIGE, target] - params[P_CARRIED_MOTION_COST]
    )
    state.pairs[TRUST, target, sponsor] = max(
        -1.0, state.pairs[TRUST, target, sponsor] - params[P_MOTION_TRUST_LOSS]
    )
    apply_sanction(world, params, state, month, body, sponsor, target, sanction, office)
    return True


@mechanism
def police_will_act(world, params, state, target):
    """Exile, arrest and execution need the political police.  A security
    chief in the victim's own camp does not carry them out."""
    camp = bloc_leader(state, target)
    for office in range(state.office_codes.shape[1]):
        chief = state.office_codes[HOLDER, office]
        if world.offices[R_SECURITY, office] < params[P_SECURITY_CHIEF_THRESHOLD] or chief < 0:
            continue
        if is_active(state, chief) and bloc_leader(state, chief) == camp:
            return False
    return True


@inline_mechanism
def consider_motion(world, params, state, month, body, sponsor, target):
    """Does ``sponsor`` move against ``target`` at this session of ``body``?"""
    sanction, office = next_sanction(world, state, month, target)
    if not decides(world, body, sanction, office):
        return False
    if (
        sanction >= S_EXILE
        and sanction != S_READMIT
        and not police_will_act(world, params, state, target)
    ):
        return False
    if state.actor_codes[LAST_MOTION, target] > month - params[P_MOTION_COOLDOWN]:
        return False
    ruling = state.counters[COALITION, 0]
    if (ruling >> target) & 1 and (ruling >> sponsor) & 1 and ruling != top_members(state):
        return False  # partners do not strike each other while a common enemy remains
    traits = world.actors[:, sponsor]
    eager = eagerness(world, params, sponsor)
    # A desperate, reckless man sometimes moves without the votes.
    reckless = eager * (params[P_RECKLESS_RATE] * traits[T_AMBITION] * (1.0 - traits[T_CAUTION]))
    # The expected count draws no random number, so the die is cast first and
    # the count is made only when the die alone does not settle it.
    roll = uniform(state.dice)
    if roll >= eager and roll >= reckless:
        return False
    if not (roll < eager and roll < reckless):
        ayes, noes = tally(world, params, state, month, body, sponsor, target, sanction, False)
        share = ayes / max(ayes + noes, 1e-9)
        need = needed_share(world, body) + params[P_ATTACK_MARGIN] * traits[T_CAUTION]
        need -= params[P_INTRIGUE_MARGIN] * traits[T_INTRIGUE]
        if roll >= (reckless if share < need else eager):
            return False
    motion(world, params, state, month, body, sponsor, target, sanction, office)
    return True


@mechanism
def strongest_insider(state):
    """The most powerful member of the ruling coalition, else of the top body."""
    best = -1
    ruling = state.counters[COALITION, 0]
    for actor in range(state.actor_codes.shape[1]):
        if not sits_in_top(state, actor):
            continue
        if ruling and not (ruling >> actor) & 1:
            continue
        if best < 0 or state.actors[POWER, actor] > state.actors[POWER, best]:
            best = actor
    return best


@mechanism
def largest_bloc(state):
    best = -1
    for actor in range(state.actor_codes.shape[1]):
        if is_active(state, actor) and (
            best < 0 or state.blocs[SEAT_SHARE, actor] > state.blocs[SEAT_SHARE, best]
        ):
            best = actor
    return best


@inline_mechanism
def fill_top_seats(world, params, state, month, body, top_body, candidate_seats):
    """The electing body fills the top body's empty seats; the leader of its
    largest bloc names the men, which is how the circle of power closes."""
    nominator = largest_bloc(state)
    if nominator < 0 or state.blocs[SEAT_SHARE, nominator] <= 0.0:
        nominator = strongest_insider(state)
    if nominator < 0:
        return
    seated = 0
    candidates = 0
    for actor in range(state.actor_codes.shape[1]):
        if state.actor_codes[STATUS, actor] == FULL:
            seated += 1
        elif state.actor_codes[STATUS, actor] == CANDIDATE and is_active(state, actor):
            candidates += 1
    while seated < world.body_seats[top_body, month]:
        best = -1
        best_score = NO_SCORE
        for actor in range(state.actor_codes.shape[1]):
            if not is_active(state, actor) or state.actor_codes[FACTION, actor]:
                continue
            if (
                state.actor_codes[STATUS, actor] != CANDIDATE
                and state.actor_codes[STATUS, actor] != CC
            ):
                continue
            # The fallen and the recently accused are not raised again.
            if (
                state.actor_codes[ELIMINATED, actor] != NO_MONTH
                or state.actor_codes[LAST_MOTION, actor] > month - params[P_PROMOTION_WAIT]
            ):
                continue
            score = candidate_score(world, params, state, nominator, actor)
            if state.actor_codes[STATUS, actor] == CANDIDATE:
                score += params[P_CANDIDATE_BONUS]
            if score > best_score:
                best = actor
                best_score = score
        if best < 0:
            break
        if state.actor_codes[STATUS, best] == CANDIDATE:
            candidates -= 1
        state.actor_codes[STATUS, best] = FULL
        seated += 1
        record(state, month, L_PROMOTED, best, nominator, top_body, -1, 0, 0, FULL)
    while candidates < candidate_seats:
        best = nominate(world, params, state, month, nominator, -1, CC, -1, True)
        if best < 0 or state.actor_codes[STATUS, best] != CC:
            break
        state.actor_codes[STATUS, best] = CANDIDATE
        candidates += 1
        record(state, month, L_PROMOTED, best, nominator, top_body, -1, 0, 0, CANDIDATE)


@inline_mechanism
def consider_readmissions(world, params, state, month, body, threshold):
    """A recanted outcast whose standing has sunk well below the leader's may
    come back: he can be useful, and he is no longer a danger."""
    sponsor = strongest_insider(state)
    if sponsor < 0:
        return
    for actor in range(state.actor_codes.shape[1]):
        if state.actor_codes[STATUS, actor] != EXPELLED or not state.actor_codes[RECANTED, actor]:
            continue
        if state.actor_codes[INCAPACITATED, actor] or state.actor_codes[STATUS, actor] == DEAD:
            continue
        if state.actors[PRESTIGE, actor] > threshold * state.actors[PRESTIGE, sponsor]:
            continue  # he still rivals the leader
        if state.actor_codes[LAST_MOTION, actor] > month - params[P_READMISSION_WAIT]:
            continue
        ayes, noes = tally(world, params, state, month, body, sponsor, actor, S_READMIT, True)
        state.actor_codes[LAST_MOTION, actor] = month
        if carried(world, body, ayes, noes):
            state.actor_codes[STATUS, actor] = MEMBER
            settle_camps(params, state)
            shown_for, shown_against = counted(ayes, noes)
            record(
                state,
                month,
                L_READMITTED,
                actor,
                sponsor,
                body,
                -1,
                shown_for,
                shown_against,
                S_READMIT,
            )
