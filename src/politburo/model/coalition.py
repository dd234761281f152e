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
from .journal import record
from .parameters import (
    P_COALITION_AFFINITY_FLOOR,
    P_COALITION_ALPHA,
    P_COALITION_DISTANCE,
    P_COALITION_RESOLVE,
    P_COALITION_TRUST,
)
from .power import bloc_leader, distance, perceived, sits_in_top
from .world import L_COALITION, MAX_PLAYERS

ACCEPTABLE, ENFORCING = 0, 1


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
    ``total`` and ``flags`` are scratch space of 2**n rows.  Returns 0 when no
    acceptable coalition can win."""
    everyone = (1 << n) - 1
    total[0] = 0.0
    flags[0, ACCEPTABLE] = 1
    flags[0, ENFORCING] = 0
    for mask in range(1, everyone + 1):
        lowest = mask & -mask
        player = popcount(lowest - 1)
        rest = mask ^ lowest
        total[mask] = total[rest] + power[player]
        flags[mask, ACCEPTABLE] = flags[rest, ACCEPTABLE] and (rest & ~accepts[player]) == 0
        flags[mask, ENFORCING] = 0
    for mask in range(1, everyone + 1):
        if not flags[mask, ACCEPTABLE]:
            continue
        if mask & (mask - 1) == 0:
            flags[mask, ENFORCING] = 1
            continue
        stable = 1
        sub = (mask - 1) & mask
        while sub > 0:
            if flags[sub, ENFORCING] and total[sub] > alpha * total[mask]:
                stable = 0
                break
            sub = (sub - 1) & mask
        flags[mask, ENFORCING] = stable
    threshold = alpha * total[everyone]
    best = 0
    best_total = np.inf
    fallback = 0
    fallback_total = np.inf
    for mask in range(1, everyone + 1):
        if not flags[mask, ACCEPTABLE] or total[mask] <= threshold:
            continue
        if flags[mask, ENFORCING] and total[mask] < best_total:
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
    return params[P_COALITION_TRUST] * state.trust[a, b] - params[P_COALITION_DISTANCE] * distance(
        state, a, b
    )


@mechanism
def top_members(state):
    mask = 0
    for actor in range(state.status.shape[0]):
        if sits_in_top(state, actor):
            mask |= 1 << actor
    return mask


@mechanism
def body_view(params, state, members):
    """The top body's shared picture of each member's power: the mean of what
    the other members perceive, as a share of the whole; left in ``state.power_view``."""
    n_actors = state.status.shape[0]
    shares = state.power_view
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
        shares[actor] = seen / observers if observers else state.power[actor]
        grand += shares[actor]
    if grand > 0.0:
        for actor in range(n_actors):
            shares[actor] /= grand


@mechanism
def needs_solving(params, state, members, shares):
    # A change of membership, above all the fall of the common enemy, breaks
    # the old alliance and sends everyone back to the table.
    if members != state.members_at_solve[0]:
        return True
    drift = 0.0
    for actor in range(shares.shape[0]):
        drift = max(drift, abs(shares[actor] - state.coalition_shares[actor]))
    return drift > params[P_COALITION_RESOLVE]


@inline_mechanism
def form_coalition(params, state, month, top_body):
    """Re-form the ruling coalition of the top body if the situation calls for it."""
    members = top_members(state)
    body_view(params, state, members)
    shares = state.power_view
    if not needs_solving(params, state, members, shares):
        return
    n_actors = state.status.shape[0]
    # The players are camps, not men: a client in the top body is his patron's
    # vote, not a partner to be bargained with.  At most MAX_PLAYERS camps,
    # the strongest members' camps first.
    players = state.players
    power = state.player_power
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
    accepts = state.accepts
    floor = params[P_COALITION_AFFINITY_FLOOR]
    for i in range(count):
        accepts[i] = 0
        for j in range(count):
            if i == j or affinity(params, state, players[i], players[j]) >= floor:
                accepts[i] |= 1 << j
    local = 0
    if count:
        local = ruling_coalition(
            count, power, accepts, params[P_COALITION_ALPHA], state.subset_total, state.subset_flags
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
        state.coalition_shares[actor] = shares[actor]
    state.members_at_solve[0] = members
    if coalition == state.coalition[0]:
        return
    state.coalition[0] = coalition
    strongest = -1
    for actor in range(n_actors):
        if (coalition >> actor) & 1 and (
            strongest < 0 or state.power[actor] > state.power[strongest]
        ):
            strongest = actor
    record(
        state,
        month,
        L_COALITION,
        strongest,
        (coalition >> 31) & 0x7FFFFFFF,
        top_body,
        -1,
        popcount(coalition),
        popcount(members) - popcount(coalition),
        coalition & 0x7FFFFFFF,
    )
    outsiders = members & ~coalition
    for a in range(n_actors):
        if not (coalition >> a) & 1:
            continue
        for b in range(n_actors):
            if b != a and (coalition >> b) & 1:
                state.allied[a, b] |= outsiders
