"""Party rules in force: declared in data with a kind, a strength and dates."""

from .jit import mechanism
from .world import DEAD


@mechanism
def rule_strength(world, month, kind):
    strength = 0.0
    for rule in range(world.rule_kind.shape[0]):
        if world.rule_kind[rule] != kind:
            continue
        if month < world.rule_start[rule] or month > world.rule_end[rule]:
            continue
        strength = max(strength, world.rule_strength[rule])
    return strength


@mechanism
def founder_deviation(world, state, month, actor, kind):
    """How far an actor stands from a revered founder's line, weighted by
    salience, times the cult's strength; 0 while the founder still lives."""
    penalty = 0.0
    for rule in range(world.rule_kind.shape[0]):
        if world.rule_kind[rule] != kind:
            continue
        if month < world.rule_start[rule] or month > world.rule_end[rule]:
            continue
        founder = world.rule_founder[rule]
        if founder < 0 or founder == actor or state.status[founder] != DEAD:
            continue
        total = 0.0
        weight = 0.0
        for axis in range(state.position.shape[1]):
            gap = abs(state.position[actor, axis] - world.position0[founder, axis])
            total += state.salience[axis] * gap
            weight += state.salience[axis]
        if weight > 0.0:
            penalty = max(penalty, world.rule_strength[rule] * total / weight)
    return penalty
