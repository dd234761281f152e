"""Policy: what the rank and file want, what the leadership says, and what matters.

The rank and file's mood on each axis is the delegate-weighted leaning of the
regional organisations, pushed for a while by crises (a grain crisis makes
the cadres demand extraordinary measures).  Salience is how much each axis
weighs in politics; a crisis raises it and it fades back.  The party line is
what the ruling coalition stands for: its members' positions weighted by
their power.  The gap between line and mood is the opposition's opening.
"""

from .jit import inline_mechanism, mechanism
from .journal import log_kind, record
from .layout import columns
from .parameters import parameter
from .power import POWER, sits_in_top
from .world import COALITION, DELEGATES, F_SALIENCE, POSITION

SALIENCE, MOOD, MOOD_SHOCK, LINE, LINE_LOGGED = columns(
    "axes",
    ("salience", "how much the axis weighs in politics now", "salience"),
    ("mood", "the rank and file's leaning on it (-1..1)"),
    ("mood_shock", "what crises have added to the mood", 0.0),
    ("line", "the party line: the ruling coalition's position"),
    ("line_logged", "the line as last reported in the chronicle"),
)

P_SALIENCE_DECAY = parameter("salience_decay")
P_MOOD_DECAY = parameter("mood_decay")
# A turn of the line this large makes the chronicle (what is told, not what happens).
P_LINE_TURN_LOGGED = parameter("line_turn_logged")

L_LINE = log_kind(
    "line",
    "the party line on an axis has turned far since it was last logged",
    body="the top body, whose ruling coalition sets the line",
    votes_for=("line", "the line now, in hundredths (-100..100)"),
    votes_against=("previous", "the line when last logged, in hundredths"),
    extra=("axis", "the axis it turned on"),
)


@mechanism
def ease_tensions(world, params, state):
    """Crises fade: salience and the rank and file's mood return toward normal."""
    for axis in range(state.axes.shape[1]):
        fading = params[P_SALIENCE_DECAY]
        state.axes[SALIENCE, axis] += (
            world.axes[F_SALIENCE, axis] - state.axes[SALIENCE, axis]
        ) * fading
        state.axes[MOOD_SHOCK, axis] *= 1.0 - params[P_MOOD_DECAY]
    total = 0.0
    for cadre in range(state.cadres.shape[1]):
        total += state.cadres[DELEGATES, cadre]
    for axis in range(state.axes.shape[1]):
        leaning = 0.0
        for cadre in range(state.cadres.shape[1]):
            leaning += state.cadres[DELEGATES, cadre] * world.leanings[cadre, axis]
        base = leaning / total if total > 0.0 else 0.0
        state.axes[MOOD, axis] = min(1.0, max(-1.0, base + state.axes[MOOD_SHOCK, axis]))


@mechanism
def set_party_line(params, state, month, top_body, announce):
    """The line follows the ruling coalition (the whole top body if none rules)."""
    ruling = state.counters[COALITION, 0]
    for axis in range(state.axes.shape[1]):
        weighted = 0.0
        weight = 0.0
        for actor in range(state.actor_codes.shape[1]):
            if not sits_in_top(state, actor):
                continue
            if ruling and not (ruling >> actor) & 1:
                continue
            weighted += state.actors[POWER, actor] * state.stances[POSITION, actor, axis]
            weight += state.actors[POWER, actor]
        if weight <= 0.0:
            continue
        line = weighted / weight
        state.axes[LINE, axis] = line
        if not announce:
            state.axes[LINE_LOGGED, axis] = line
        elif abs(line - state.axes[LINE_LOGGED, axis]) >= params[P_LINE_TURN_LOGGED]:
            record(
                state,
                month,
                L_LINE,
                -1,
                -1,
                top_body,
                -1,
                int(round(line * 100.0)),
                int(round(state.axes[LINE_LOGGED, axis] * 100.0)),
                axis,
            )
            state.axes[LINE_LOGGED, axis] = line


@inline_mechanism
def salient_gap(salience, here, there):
    """The gap between two sets of positions, axis by axis, weighted by how
    much each axis matters now: the weighted sum of the gaps and the sum of
    the weights.  Every policy distance in the model is this one sum."""
    total = 0.0
    weight = 0.0
    for axis in range(here.shape[0]):
        total += salience[axis] * abs(here[axis] - there[axis])
        weight += salience[axis]
    return total, weight


@inline_mechanism
def distance(state, a, b):
    """Policy distance between two actors (0..2)."""
    total, weight = salient_gap(
        state.axes[SALIENCE], state.stances[POSITION, a], state.stances[POSITION, b]
    )
    return total / weight if weight > 0.0 else 0.0


@inline_mechanism
def distance_to_mood(state, a):
    """How far an actor stands from the rank and file's mood (0..2)."""
    total, weight = salient_gap(state.axes[SALIENCE], state.stances[POSITION, a], state.axes[MOOD])
    return total / weight if weight > 0.0 else 0.0


@mechanism
def discontent(state):
    """How far the line stands from the rank and file's mood (0..2)."""
    total, weight = salient_gap(state.axes[SALIENCE], state.axes[LINE], state.axes[MOOD])
    return total / weight if weight > 0.0 else 0.0
