"""One history, month by month, and batches of them.

Each month: the dated events, ill health, the fading of crises, the
appointers' work on the cadres, the recomputation of power, the top body's
coalition, each leader's own move, and the sessions of whichever bodies sit
that month, congresses first.  Then the outcome is checked.
"""

from .balance import note_balance
from .chance import normal, seed_history, uniform
from .coalition import form_coalition
from .conduct import choose_enemy, monthly_conduct
from .events import dated_events, decide_documents, frailty, move_documents
from .force import armed_men
from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .layout import (
    ACTOR_CODES,
    ACTORS,
    AXES,
    BLOCS,
    CADRE_CODES,
    CADRES,
    CLAIM_CODES,
    CLAIMS,
    COUNTERS,
    EVENT_CODES,
    OFFICE_CODES,
    OFFICES,
    PAIR_CODES,
    PAIRS,
    STANCES,
    columns,
)
from .motions import (
    P_READMIT_THRESHOLD,
    consider_motion,
    consider_readmissions,
    decides,
    fill_top_seats,
    has_business,
    strongest_insider,
)
from .offices import F_CREATED, VACANT_SINCE, abolish_offices, fill_vacancies
from .outcome import (
    ELIMINATED,
    ELIMINATION_RANK,
    LEADER,
    LEADER_MONTH,
    MANNER,
    check_dominance,
    check_elimination,
    judge_claims,
    mark_contenders,
    settle_bases,
    weigh_offices,
)
from .parameters import parameter
from .patronage import appoint_secretaries, settle_loyalties
from .patrons import restore_proteges
from .policy import ease_tensions, set_party_line
from .power import (
    BIAS,
    MISJUDGEMENT,
    is_active,
    misjudgement,
    perceived,
    settle_camps,
    sits_in_top,
    update_power,
)
from .stopwatch import (
    STEP_CADRES,
    STEP_COALITION,
    STEP_CONDUCT,
    STEP_EVENTS,
    STEP_LINE,
    STEP_POWER,
    STEP_RECKONING,
    STEP_SESSIONS,
    STEP_START,
    STEP_VERDICTS,
    lap,
    start_watch,
)
from .voting import BLOC_SCRATCH, SEAT_SHARE, congress_blocs
from .world import (
    CANDIDATE,
    COMMITTEE,
    CONGRESS,
    F_CANDIDATE_SEATS,
    F_ELECTED_BY,
    F_MONTHS,
    F_PRESTIGE,
    F_ROLE,
    F_TOP,
    HOLDER,
    M_LOST_OFFICE,
    OFFENCE,
    OTHER,
    S_READMIT,
    STATUS,
    T_ORATORY,
    TOP,
    VISIBILITY,
)

# A congress elects the committee on one slate, which favours the largest blocs.
P_SLATE_POWER = parameter("slate_power")
# What others see of a man before he acts: his gift for the platform and his
# renown, in these shares; and how fast what they see and what they hold
# against him fade back.
P_VISIBILITY_ORATORY_SHARE = parameter("visibility_oratory_share")
P_VISIBILITY_DECAY = parameter("visibility_decay")
P_OFFENCE_DECAY = parameter("offence_decay")

ORDER = columns("actor_codes", ("order", "the month's order of play (scratch)"))
PERCEIVED_START = columns(
    "actors", ("perceived_start", "mean power others see in him at the start")
)

L_CONGRESS = log_kind(
    "congress",
    "a congress meets; its delegates stand in blocs behind their patrons",
    actor=("leader", "leader of the largest bloc of delegates"),
    body="the congress",
    votes_for=("bloc_percent", "the largest bloc's share of the delegates, in percent"),
    votes_against=("unaligned_percent", "the share of delegates in no bloc, in percent"),
)


@mechanism
def natural_visibility(world, params, actor):
    """How much of a man others see before he does anything: his renown and
    his gift for the platform."""
    share = params[P_VISIBILITY_ORATORY_SHARE]
    return share * world.actors[T_ORATORY, actor] + (1.0 - share) * world.actors[F_PRESTIGE, actor]


@mechanism
def elect_committee(params, state):
    """The congress elects the committee on one slate: the biggest blocs of
    delegates take more than their proportional share of the seats."""
    n_actors = state.actor_codes.shape[1]
    shares = state.blocs[BLOC_SCRATCH]
    congress_blocs(state, shares)
    aligned = 1.0 - shares[n_actors]
    weights = 0.0
    for actor in range(n_actors):
        if shares[actor] > 0.0:
            weights += shares[actor] ** params[P_SLATE_POWER]
    for actor in range(n_actors):
        if shares[actor] > 0.0 and weights > 0.0:
            state.blocs[SEAT_SHARE, actor] = (
                aligned * shares[actor] ** params[P_SLATE_POWER] / weights
            )
        else:
            state.blocs[SEAT_SHARE, actor] = 0.0
    state.blocs[SEAT_SHARE, n_actors] = 1.0 - aligned


@mechanism
def start_block(block, facts, constants, sources):
    """Start every column of a block at its declared constant, or copy it from
    the facts' column its declaration names."""
    for column in range(block.shape[0]):
        source = sources[column]
        for row in range(block.shape[1]):
            block[column, row] = facts[source, row] if source >= 0 else constants[column]


@mechanism
def start_pairs(block, facts, constants, sources):
    """``start_block`` for a block of actor pairs or of actors by axis."""
    for column in range(block.shape[0]):
        source = sources[column]
        for first in range(block.shape[1]):
            for second in range(block.shape[2]):
                if source >= 0:
                    block[column, first, second] = facts[source, first, second]
                else:
                    block[column, first, second] = constants[column]


@mechanism
def reset(world, params, state):
    """Start a history: every column as its declaration says, then what the
    mechanisms work out from the facts."""
    constants = world.starts
    sources = world.start_sources
    # Blocks with no column copied from the facts start from themselves.
    start_block(state.actors, world.actors, constants[ACTORS], sources[ACTORS])
    start_block(state.actor_codes, world.actor_codes, constants[ACTOR_CODES], sources[ACTOR_CODES])
    start_pairs(state.stances, world.stances, constants[STANCES], sources[STANCES])
    start_pairs(state.pairs, world.pairs, constants[PAIRS], sources[PAIRS])
    start_pairs(state.pair_codes, state.pair_codes, constants[PAIR_CODES], sources[PAIR_CODES])
    start_block(state.offices, state.offices, constants[OFFICES], sources[OFFICES])
    start_block(
        state.office_codes, world.office_codes, constants[OFFICE_CODES], sources[OFFICE_CODES]
    )
    start_block(state.cadres, world.cadres, constants[CADRES], sources[CADRES])
    start_block(state.cadre_codes, world.cadre_codes, constants[CADRE_CODES], sources[CADRE_CODES])
    start_block(state.axes, world.axes, constants[AXES], sources[AXES])
    start_block(state.event_codes, state.event_codes, constants[EVENT_CODES], sources[EVENT_CODES])
    start_block(state.claims, state.claims, constants[CLAIMS], sources[CLAIMS])
    start_block(state.claim_codes, state.claim_codes, constants[CLAIM_CODES], sources[CLAIM_CODES])
    start_block(state.blocs, state.blocs, constants[BLOCS], sources[BLOCS])
    start_block(state.counters, state.counters, constants[COUNTERS], sources[COUNTERS])
    # The coalition search's scratch is written before it is read.
    n_actors = world.actor_codes.shape[1]
    for actor in range(n_actors):
        state.actors[VISIBILITY, actor] = natural_visibility(world, params, actor)
        state.actor_codes[ORDER, actor] = actor
        for other in range(n_actors):
            state.pairs[BIAS, actor, other] = normal(state.dice)
            state.pairs[MISJUDGEMENT, actor, other] = misjudgement(params, state, actor, other)
    for office in range(world.office_codes.shape[1]):
        if state.office_codes[HOLDER, office] < 0:
            state.office_codes[VACANT_SINCE, office] = max(0, world.office_codes[F_CREATED, office])
    settle_camps(params, state)
    weigh_offices(world, state)
    settle_bases(state)
    ease_tensions(world, params, state)
    elect_committee(params, state)


@mechanism
def fade_memories(world, params, state):
    """Visibility sinks back toward a man's natural renown; offences are forgotten."""
    for actor in range(state.actor_codes.shape[1]):
        floor = natural_visibility(world, params, actor)
        state.actors[VISIBILITY, actor] += (floor - state.actors[VISIBILITY, actor]) * params[
            P_VISIBILITY_DECAY
        ]
        state.actors[OFFENCE, actor] *= 1.0 - params[P_OFFENCE_DECAY]


@mechanism
def first_impressions(params, state):
    """Each actor's power as the others see it at the start."""
    n_actors = state.actor_codes.shape[1]
    for actor in range(n_actors):
        seen = 0.0
        observers = 0
        for observer in range(n_actors):
            if (
                observer != actor
                and is_active(state, observer)
                and state.actor_codes[STATUS, observer] <= CANDIDATE
            ):
                seen += perceived(params, state, observer, actor)
                observers += 1
        state.actors[PERCEIVED_START, actor] = seen / observers if observers else 0.0


@mechanism
def shuffle(order, dice):
    for index in range(order.shape[0] - 1, 0, -1):
        other = int(uniform(dice) * (index + 1))
        order[index], order[other] = order[other], order[index]


@inline_mechanism
def session(world, params, state, month, body, order):
    role = world.bodies[F_ROLE, body]
    committee = world.bodies[F_ELECTED_BY, world.settings[F_TOP, 0]]
    if role == CONGRESS:
        if committee >= 0 and world.bodies[F_ELECTED_BY, committee] == body:
            elect_committee(params, state)
        n_actors = state.actor_codes.shape[1]
        shares = state.blocs[BLOC_SCRATCH]
        congress_blocs(state, shares)
        largest = 0
        for actor in range(n_actors):
            if shares[actor] > shares[largest]:
                largest = actor
        record(
            state,
            month,
            L_CONGRESS,
            largest,
            -1,
            body,
            -1,
            int(round(shares[largest] * 100)),
            int(round(shares[n_actors] * 100)),
            0,
        )
    # Most sessions can decide no sanction against anyone (a congress that
    # only elects, say).  Then no sponsor's motion gets past its first test,
    # and choosing an enemy draws no random number and changes nothing, so
    # the sponsors' round is skipped: same draws, same history, less work.
    if has_business(world, state, month, body):
        for index in range(order.shape[0]):
            sponsor = order[index]
            if not sits_in_top(state, sponsor):
                continue
            enemy = choose_enemy(world, params, state, sponsor)
            if enemy >= 0:
                consider_motion(world, params, state, month, body, sponsor, enemy)
    if body == committee:
        fill_top_seats(
            world,
            params,
            state,
            month,
            body,
            world.settings[F_TOP, 0],
            world.settings[F_CANDIDATE_SEATS, 0],
        )
    move_documents(world, params, state, month, body)
    fill_vacancies(world, params, state, month, body, strongest_insider(state), role == TOP)
    if role == TOP:
        decide_documents(world, params, state, month, body)
        restore_proteges(world, params, state, month, body)
    if decides(world, body, S_READMIT, -1):
        consider_readmissions(world, params, state, month, body, params[P_READMIT_THRESHOLD])


@mechanism
def simulate(world, params, state, seed, verdicts):
    """Play one history from the scenario's start; fills ``state`` and ``verdicts``.
    The laps feed the profiler when the State carries a stopwatch."""
    watch = state.stopwatch
    start_watch(watch)
    seed_history(state.dice, seed)
    reset(world, params, state)
    update_power(world, params, state)
    mark_contenders(world, state)
    first_impressions(params, state)
    set_party_line(params, state, 0, world.settings[F_TOP, 0], False)
    lap(watch, STEP_START)
    n_actors = world.actor_codes.shape[1]
    order = state.actor_codes[ORDER]
    cursor = 0
    for month in range(world.settings[F_MONTHS, 0]):
        cursor = dated_events(world, params, state, month, cursor)
        abolish_offices(world, params, state, month)
        frailty(world, params, state, month)
        ease_tensions(world, params, state)
        lap(watch, STEP_EVENTS)
        appoint_secretaries(world, params, state, month)
        settle_loyalties(params, state)
        fade_memories(world, params, state)
        lap(watch, STEP_CADRES)
        update_power(world, params, state)
        mark_contenders(world, state)
        lap(watch, STEP_POWER)
        form_coalition(params, state, month, world.settings[F_TOP, 0])
        note_balance(params, state, month, world.settings[F_TOP, 0])
        lap(watch, STEP_COALITION)
        set_party_line(params, state, month, world.settings[F_TOP, 0], month > 0)
        shuffle(order, state.dice)
        lap(watch, STEP_LINE)
        monthly_conduct(world, params, state, month, order)
        armed_men(world, params, state, month, world.settings[F_TOP, 0], order)
        lap(watch, STEP_CONDUCT)
        for role in (CONGRESS, COMMITTEE, TOP, OTHER):
            for body in range(world.bodies.shape[1]):
                if world.bodies[F_ROLE, body] == role and world.body_meets[body, month]:
                    session(world, params, state, month, body, order)
        lap(watch, STEP_SESSIONS)
        update_power(world, params, state)
        for actor in range(n_actors):
            check_elimination(world, state, month, actor, M_LOST_OFFICE)
        check_dominance(params, state, month, world.settings[F_TOP, 0])
        lap(watch, STEP_RECKONING)
    judge_claims(world, state, verdicts)
    lap(watch, STEP_VERDICTS)


@mechanism
def play_runs(
    world,
    params,
    state,
    seeds,
    first,
    last,
    leader,
    leader_month,
    eliminated,
    manner,
    rank,
    verdicts,
    perceived_start,
):
    """Histories ``first`` to ``last - 1`` on one State, keeping only their
    summaries.  The one entry point into the compiled engine: a single history,
    a batch and a thread's lane of a batch are all played through it."""
    for run in range(first, last):
        simulate(world, params, state, seeds[run], verdicts[run])
        leader[run] = state.counters[LEADER, 0]
        leader_month[run] = state.counters[LEADER_MONTH, 0]
        for actor in range(world.actor_codes.shape[1]):
            eliminated[run, actor] = state.actor_codes[ELIMINATED, actor]
            manner[run, actor] = state.actor_codes[MANNER, actor]
            rank[run, actor] = state.actor_codes[ELIMINATION_RANK, actor]
            perceived_start[run, actor] = state.actors[PERCEIVED_START, actor]
