"""Coalitions in the top body: self-enforcing coalition logic.

Following Acemoglu, Egorov and Sonin (2008), a coalition rules when it holds
more than a share alpha of the body's power and is self-enforcing: no smaller
coalition inside it is both winning within it and itself self-enforcing, so
none of its members can profitably purge the others.  Among such coalitions
the one with the least total power forms, because each member's share of the
spoils is largest there; this is why a man who looks weak is a welcome partner.

Two tempers make it a model of people rather than numbers.  Powers are
perceived, not true.  And partners must be able to stand one another: a pair
whose affinity (trust, less policy distance) is below a floor never sits in
the same coalition, and neither does any group containing them.

The search is a bitmask recursion over subsets (3^n steps), so it is solved
only when the body's membership or the perceived balance has moved enough.
"""

import numpy as np

from .jit import inline_mechanism, mechanism
from .journal import log_kind, record, split_mask
from .layout import columns
from .parameters import parameter
from .policy import distance
from .power import POWER, bloc_leader, perceived, sits_in_top
from .world import COALITION, MAX_PLAYERS, TRUST

P_COALITION_ALPHA = parameter("coalition_alpha")
P_COALITION_DISTANCE = parameter("coalition_distance")
P_COALITION_TRUST = parameter("coalition_trust")
P_COALITION_AFFINITY_FLOOR = parameter("coalition_affinity_floor")
P_COALITION_RESOLVE = parameter("coalition_resolve")

COALITION_SHARE, POWER_VIEW = columns(
    "actors",
    ("coalition_share", "his share of the top body's power when the coalition was last solved"),
    ("power_view", "the top body's shared view of his share of power (scratch)"),
)
MEMBERS_AT_SOLVE = columns(
    "counters", ("members_at_solve", "top-body bitmask when the coalition was last solved", -1)
)
ALLIED = columns("pair_codes", ("allied", "bitmask of rivals the two stood together against", 0))
# Scratch for the search: the first MAX_PLAYERS rows hold the players, every
# row one subset of them.
PLAYER_POWER, SUBSET_TOTAL = columns(
    "search", ("player_power", "a player's share of power"), ("subset_total", "a subset's power")
)
PLAYERS, ACCEPTS, ACCEPTABLE, ENFORCING = columns(
    "search_codes",
    ("player", "the camp leader a player stands for"),
    ("accepts", "bitmask of the players he will sit with"),
    ("acceptable", "1 if every pair in the subset will sit together"),
    ("enforcing", "1 if the subset is self-enforcing"),
)

L_COALITION = log_kind(
    "coalition",
    "a new ruling coalition holds the top body, or none does any more",
    actor=("strongest", "its most powerful member, or -1 if no coalition holds"),
    body="the top body",
    votes_for=("size", "how many members of the top body it counts"),
    votes_against=("outside", "members of the top body outside it"),
    mask=("members", "bitmask of its members by actor index"),
)


@mechanism
def popcount(mask):
    count = 0
    while mask:
        mask &= mask - 1
        count += 1
    return count


@mechanism
def ruling_coalition(n, power, accepts, alpha, total, flags):
    """Index mask of the ruling coalition among the first ``n`` players.

    ``accepts[i]`` is the mask of players i will sit with (itself included);
    ``total`` and ``flags`` (the search codes' ACCEPTABLE and ENFORCING
    columns) are scratch space of 2**n rows.  Returns 0 when no
    acceptable coalition can win."""
    everyone = (1 << n) - 1
    total[0] = 0.0
    flags[ACCEPTABLE, 0] = 1
    flags[ENFORCING, 0] = 0
    for mask in range(1, everyone + 1):
        lowest = mask & -mask
        player = popcount(lowest - 1)
        rest = mask ^ lowest
        total[mask] = total[rest] + power[player]
        flags[ACCEPTABLE, mask] = flags[ACCEPTABLE, rest] and (rest & ~accepts[player]) == 0
        flags[ENFORCING, mask] = 0
    for mask in range(1, everyone + 1):
        if not flags[ACCEPTABLE, mask]:
            continue
        if mask & (mask - 1) == 0:
            flags[ENFORCING, mask] = 1
            continue
        stable = 1
        sub = (mask - 1) & mask
        while sub > 0:
            if flags[ENFORCING, sub] and total[sub] > alpha * total[mask]:
                stable = 0
                break
            sub = (sub - 1) & mask
        flags[ENFORCING, mask] = stable
    threshold = alpha * total[everyone]
    best = 0
    best_total = np.inf
    fallback = 0
    fallback_total = np.inf
    for mask in range(1, everyone + 1):
        if not flags[ACCEPTABLE, mask] or total[mask] <= threshold:
            continue
        if flags[ENFORCING, mask] and total[mask] < best_total:
            best = mask
            best_total = total[mask]
        if total[mask] < fallback_total:
            fallback = mask
            fallback_total = total[mask]
    # With no self-enforcing option, the cheapest winning alliance still forms,
    # but it will split as soon as its common enemy is gone.
    return best if best else fallback


@mechanism
def affinity(params, state, a, b):
    return params[P_COALITION_TRUST] * state.pairs[TRUST, a, b] - params[
        P_COALITION_DISTANCE
    ] * distance(state, a, b)


@mechanism
def top_members(state):
    mask = 0
    for actor in range(state.actor_codes.shape[1]):
        if sits_in_top(state, actor):
            mask |= 1 << actor
    return mask


@mechanism
def body_view(params, state, members):
    """The top body's shared picture of each member's power: the mean of what
    the other members perceive, as a share of the whole; left in the POWER_VIEW column."""
    n_actors = state.actor_codes.shape[1]
    shares = state.actors[POWER_VIEW]
    grand = 0.0
    for actor in range(n_actors):
        shares[actor] = 0.0
        if not (members >> actor) & 1:
            continue
        seen = 0.0
        observers = 0
        for observer in range(n_actors):
            if observer != actor and (members >> observer) & 1:
                seen += perceived(params, state, observer, actor)
                observers += 1
        shares[actor] = seen / observers if observers else state.actors[POWER, actor]
        grand += shares[actor]
    if grand > 0.0:
        for actor in range(n_actors):
            shares[actor] /= grand


@mechanism
def needs_solving(params, state, members, shares):
    # A change of membership, above all the fall of the common enemy, breaks
    # the old alliance and sends everyone back to the table.
    if members != state.counters[MEMBERS_AT_SOLVE, 0]:
        return True
    drift = 0.0
    for actor in range(shares.shape[0]):
        drift = max(drift, abs(shares[actor] - state.actors[COALITION_SHARE, actor]))
    return drift > params[P_COALITION_RESOLVE]


@inline_mechanism
def form_coalition(params, state, month, top_body):
    """Re-form the ruling coalition of the top body if the situation calls for it."""
    members = top_members(state)
    body_view(params, state, members)
    shares = state.actors[POWER_VIEW]
    if not needs_solving(params, state, members, shares):
        return
    n_actors = state.actor_codes.shape[1]
    # The players are camps, not men: a client in the top body is his patron's
    # vote, not a partner to be bargained with.  At most MAX_PLAYERS camps,
    # the strongest members' camps first.
    players = state.search_codes[PLAYERS]
    power = state.search[PLAYER_POWER]
    count = 0
    taken = 0
    while True:
        best = -1
        for actor in range(n_actors):
            if (members >> actor) & 1 and not (taken >> actor) & 1:
                if best < 0 or shares[actor] > shares[best]:
                    best = actor
        if best < 0:
            break
        taken |= 1 << best
        camp = bloc_leader(state, best)
        slot = 0
        while slot < count and players[slot] != camp:
            slot += 1
        if slot == count:
            if count == MAX_PLAYERS:
                continue
            players[count] = camp
            power[count] = 0.0
            count += 1
        power[slot] += shares[best]
    accepts = state.search_codes[ACCEPTS]
    floor = params[P_COALITION_AFFINITY_FLOOR]
    for i in range(count):
        accepts[i] = 0
        for j in range(count):
            if i == j or affinity(params, state, players[i], players[j]) >= floor:
                accepts[i] |= 1 << j
    local = 0
    if count:
        local = ruling_coalition(
            count,
            power,
            accepts,
            params[P_COALITION_ALPHA],
            state.search[SUBSET_TOTAL],
            state.search_codes,
        )
    coalition = 0
    for actor in range(n_actors):
        if not (members >> actor) & 1:
            continue
        camp = bloc_leader(state, actor)
        for i in range(count):
            if players[i] == camp and (local >> i) & 1:
                coalition |= 1 << actor
    for actor in range(n_actors):
        state.actors[COALITION_SHARE, actor] = shares[actor]
    state.counters[MEMBERS_AT_SOLVE, 0] = members
    if coalition == state.counters[COALITION, 0]:
        return
    state.counters[COALITION, 0] = coalition
    strongest = -1
    for actor in range(n_actors):
        if (coalition >> actor) & 1 and (
            strongest < 0 or state.actors[POWER, actor] > state.actors[POWER, strongest]
        ):
            strongest = actor
    high, low = split_mask(coalition)
    record(
        state,
        month,
        L_COALITION,
        strongest,
        high,
        top_body,
        -1,
        popcount(coalition),
        popcount(members) - popcount(coalition),
        low,
    )
    outsiders = members & ~coalition
    for a in range(n_actors):
        if not (coalition >> a) & 1:
            continue
        for b in range(n_actors):
            if b != a and (coalition >> b) & 1:
                state.pair_codes[ALLIED, a, b] |= outsiders
