"""Policy: what the rank and file want, what the leadership says, and what matters.

The rank and file's mood on each axis is the delegate-weighted leaning of the
regional organisations, pushed for a while by crises (a grain crisis makes
the cadres demand extraordinary measures).  Salience is how much each axis
weighs in politics; a crisis raises it and it fades back.  The party line is
what the ruling coalition stands for: its members' positions weighted by
their power.  The gap between line and mood is the opposition's opening.
"""

from .jit import mechanism
from .journal import record
from .parameters import P_MOOD_DECAY, P_SALIENCE_DECAY
from .power import sits_in_top
from .world import L_LINE

LINE_LOGGED = 0.25  # a turn of the line this large makes the chronicle


@mechanism
def ease_tensions(world, params, state):
    """Crises fade: salience and the rank and file's mood return toward normal."""
    for axis in range(state.salience.shape[0]):
        fading = params[P_SALIENCE_DECAY]
        state.salience[axis] += (world.salience0[axis] - state.salience[axis]) * fading
        state.mood_shock[axis] *= 1.0 - params[P_MOOD_DECAY]
    total = 0.0
    for cadre in range(state.delegates.shape[0]):
        total += state.delegates[cadre]
    for axis in range(state.mood.shape[0]):
        leaning = 0.0
        for cadre in range(state.delegates.shape[0]):
            leaning += state.delegates[cadre] * world.leaning[cadre, axis]
        base = leaning / total if total > 0.0 else 0.0
        state.mood[axis] = min(1.0, max(-1.0, base + state.mood_shock[axis]))


@mechanism
def set_party_line(state, month, top_body, announce):
    """The line follows the ruling coalition (the whole top body if none rules)."""
    ruling = state.coalition[0]
    for axis in range(state.line.shape[0]):
        weighted = 0.0
        weight = 0.0
        for actor in range(state.status.shape[0]):
            if not sits_in_top(state, actor):
                continue
            if ruling and not (ruling >> actor) & 1:
                continue
            weighted += state.power[actor] * state.position[actor, axis]
            weight += state.power[actor]
        if weight <= 0.0:
            continue
        line = weighted / weight
        state.line[axis] = line
        if not announce:
            state.line_logged[axis] = line
        elif abs(line - state.line_logged[axis]) >= LINE_LOGGED:
            record(
                state,
                month,
                L_LINE,
                -1,
                -1,
                top_body,
                -1,
                int(round(line * 100.0)),
                int(round(state.line_logged[axis] * 100.0)),
                axis,
            )
            state.line_logged[axis] = line


@mechanism
def discontent(state):
    """How far the line stands from the rank and file's mood (0..2)."""
    total = 0.0
    weight = 0.0
    for axis in range(state.line.shape[0]):
        total += state.salience[axis] * abs(state.line[axis] - state.mood[axis])
        weight += state.salience[axis]
    return total / weight if weight > 0.0 else 0.0
