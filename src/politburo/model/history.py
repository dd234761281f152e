"""One history, month by month, and batches of them.

Each month: the dated events, ill health, the fading of crises, the
appointers' work on the cadres, the recomputation of power, the top body's
coalition, each leader's own move, and the sessions of whichever bodies sit
that month, congresses first.  Then the outcome is checked.
"""

from numba import prange

from .chance import normal, seed_history, uniform
from .coalition import form_coalition
from .conduct import choose_enemy, monthly_conduct
from .events import dated_events, decide_documents, frailty, move_documents
from .jit import entry_point, inline_mechanism, mechanism, parallel_entry_point
from .journal import record
from .motions import (
    consider_motion,
    consider_readmissions,
    decides,
    fill_offices,
    fill_top_seats,
    has_business,
)
from .outcome import (
    check_dominance,
    check_elimination,
    judge_claims,
    mark_contenders,
    settle_bases,
    weigh_offices,
)
from .parameters import P_OFFENCE_DECAY, P_READMIT_THRESHOLD, P_SLATE_POWER, P_VISIBILITY_DECAY
from .patronage import appoint_secretaries, settle_loyalties
from .policy import ease_tensions, set_party_line
from .power import is_active, misjudgement, perceived, settle_camps, sits_in_top, update_power
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
from .voting import congress_blocs
from .world import (
    COMMITTEE,
    CONGRESS,
    L_CONGRESS,
    M_LOST_OFFICE,
    NO_MONTH,
    NOT_PENDING,
    OTHER,
    S_READMIT,
    T_ORATORY,
    TOP,
    new_state,
)


@mechanism
def natural_visibility(world, actor):
    """How much of a man others see before he does anything: his renown and
    his gift for the platform."""
    return 0.5 * world.traits[actor, T_ORATORY] + 0.5 * world.prestige0[actor]


@mechanism
def elect_committee(params, state):
    """The congress elects the committee on one slate: the biggest blocs of
    delegates take more than their proportional share of the seats."""
    n_actors = state.status.shape[0]
    shares = state.blocs
    congress_blocs(state, shares)
    aligned = 1.0 - shares[n_actors]
    weights = 0.0
    for actor in range(n_actors):
        if shares[actor] > 0.0:
            weights += shares[actor] ** params[P_SLATE_POWER]
    for actor in range(n_actors):
        if shares[actor] > 0.0 and weights > 0.0:
            state.seat_share[actor] = aligned * shares[actor] ** params[P_SLATE_POWER] / weights
        else:
            state.seat_share[actor] = 0.0
    state.seat_share[n_actors] = 1.0 - aligned


@mechanism
def reset(world, params, state):
    n_actors = world.status0.shape[0]
    for actor in range(n_actors):
        state.status[actor] = world.status0[actor]
        state.incapacitated[actor] = world.incapacitated0[actor]
        state.prestige[actor] = world.prestige0[actor]
        state.health[actor] = world.health0[actor]
        state.patron[actor] = world.patron0[actor]
        state.visibility[actor] = natural_visibility(world, actor)
        state.faction[actor] = 0
        state.recanted[actor] = 0
        state.heir[actor] = 0.0
        state.offence[actor] = 0.0
        state.last_motion[actor] = -1000
        state.eliminated[actor] = NO_MONTH
        state.manner[actor] = 0
        state.elimination_rank[actor] = 0
        state.contender[actor] = 0
        state.order[actor] = actor
        for axis in range(world.position0.shape[1]):
            state.position[actor, axis] = world.position0[actor, axis]
            state.shift_logged[actor, axis] = world.position0[actor, axis]
        for other in range(n_actors):
            state.trust[actor, other] = world.trust0[actor, other]
            state.allied[actor, other] = 0
            state.bias[actor, other] = normal()
            state.misjudgement[actor, other] = misjudgement(params, state, actor, other)
    for office in range(world.holder0.shape[0]):
        state.holder[office] = world.holder0[office]
    for cadre in range(world.delegates0.shape[0]):
        state.delegates[cadre] = world.delegates0[cadre]
        state.cadre_patron[cadre] = world.cadre_patron0[cadre]
        state.loyalty[cadre] = world.loyalty0[cadre]
    for axis in range(world.salience0.shape[0]):
        state.salience[axis] = world.salience0[axis]
        state.mood_shock[axis] = 0.0
    for event in range(state.pending_document.shape[0]):
        state.pending_document[event] = NOT_PENDING
        state.document_sponsor[event] = -1
    for claim in range(state.shift_taken.shape[0]):
        state.shift_taken[claim] = 0
        state.shift_mark[claim] = 0.0
    state.coalition[0] = 0
    state.members_at_solve[0] = -1
    state.elimination_count[0] = 0
    state.leader[0] = -1
    state.leader[1] = NO_MONTH
    state.leader[2] = 0
    state.streak_actor[0] = -1
    state.log_count[0] = 0
    settle_camps(state)
    weigh_offices(world, state)
    settle_bases(state)
    ease_tensions(world, params, state)
    elect_committee(params, state)


@mechanism
def fade_memories(world, params, state):
    """Visibility sinks back toward a man's natural renown; offences are forgotten."""
    for actor in range(state.status.shape[0]):
        floor = natural_visibility(world, actor)
        state.visibility[actor] += (floor - state.visibility[actor]) * params[P_VISIBILITY_DECAY]
        state.offence[actor] *= 1.0 - params[P_OFFENCE_DECAY]


@mechanism
def first_impressions(params, state):
    """Each actor's power as the others see it at the start."""
    n_actors = state.status.shape[0]
    for actor in range(n_actors):
        seen = 0.0
        observers = 0
        for observer in range(n_actors):
            if observer != actor and is_active(state, observer) and state.status[observer] <= 1:
                seen += perceived(params, state, observer, actor)
                observers += 1
        state.perceived0[actor] = seen / observers if observers else 0.0


@mechanism
def shuffle(order):
    for index in range(order.shape[0] - 1, 0, -1):
        other = int(uniform() * (index + 1))
        order[index], order[other] = order[other], order[index]


@inline_mechanism
def session(world, params, state, month, body, order):
    role = world.body_role[body]
    committee = world.body_elected_by[world.top]
    if role == CONGRESS:
        if committee >= 0 and world.body_elected_by[committee] == body:
            elect_committee(params, state)
        n_actors = state.status.shape[0]
        shares = state.blocs
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
        fill_top_seats(world, params, state, month, body, world.top, world.candidate_seats)
    move_documents(world, params, state, month, body)
    fill_offices(world, params, state, month, body)
    if role == TOP:
        decide_documents(world, params, state, month, body)
    if decides(world, body, S_READMIT, -1):
        consider_readmissions(world, params, state, month, body, params[P_READMIT_THRESHOLD])


@mechanism
def simulate(world, params, state, seed, verdicts):
    """Play one history from the scenario's start; fills ``state`` and ``verdicts``.
    The laps feed the profiler when the State carries a stopwatch."""
    watch = state.stopwatch
    start_watch(watch)
    seed_history(seed)
    reset(world, params, state)
    update_power(world, params, state)
    mark_contenders(world, state)
    first_impressions(params, state)
    set_party_line(state, 0, world.top, False)
    lap(watch, STEP_START)
    n_actors = world.status0.shape[0]
    order = state.order
    cursor = 0
    for month in range(world.n_months):
        cursor = dated_events(world, params, state, month, cursor)
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
        form_coalition(params, state, month, world.top)
        lap(watch, STEP_COALITION)
        set_party_line(state, month, world.top, month > 0)
        shuffle(order)
        lap(watch, STEP_LINE)
        monthly_conduct(world, params, state, month, order)
        lap(watch, STEP_CONDUCT)
        for role in (CONGRESS, COMMITTEE, TOP, OTHER):
            for body in range(world.body_role.shape[0]):
                if world.body_role[body] == role and world.body_meets[body, month]:
                    session(world, params, state, month, body, order)
        lap(watch, STEP_SESSIONS)
        update_power(world, params, state)
        for actor in range(n_actors):
            check_elimination(world, state, month, actor, M_LOST_OFFICE)
        check_dominance(params, state, month, world.top)
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
    """Histories ``first`` to ``last - 1`` on one State, keeping only their summaries."""
    for run in range(first, last):
        simulate(world, params, state, seeds[run], verdicts[run])
        leader[run] = state.leader[0]
        leader_month[run] = state.leader[1]
        for actor in range(world.status0.shape[0]):
            eliminated[run, actor] = state.eliminated[actor]
            manner[run, actor] = state.manner[actor]
            rank[run, actor] = state.elimination_rank[actor]
            perceived_start[run, actor] = state.perceived0[actor]


@entry_point
def simulate_batch(
    world, params, seeds, leader, leader_month, eliminated, manner, rank, verdicts, perceived_start
):
    """Many histories, one after another."""
    state = allocate_state(world)
    play_runs(
        world,
        params,
        state,
        seeds,
        0,
        seeds.shape[0],
        leader,
        leader_month,
        eliminated,
        manner,
        rank,
        verdicts,
        perceived_start,
    )


@parallel_entry_point
def simulate_batch_parallel(
    world,
    params,
    seeds,
    leader,
    leader_month,
    eliminated,
    manner,
    rank,
    verdicts,
    perceived_start,
    lanes,
):
    """Many histories cut into ``lanes`` runs of consecutive ones, each lane
    played on its own State by whichever thread takes it.  Every history seeds
    its own generator, so neither the lanes nor the threads change a number."""
    runs = seeds.shape[0]
    per_lane = (runs + lanes - 1) // lanes
    for lane in prange(lanes):
        first = min(runs, lane * per_lane)
        last = min(runs, first + per_lane)
        state = allocate_state(world)
        play_runs(
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
        )


allocate_state = entry_point(new_state)
