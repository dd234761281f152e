"""Party rules in force: declared in data with a kind, a strength and dates."""

from .jit import mechanism
from .policy import SALIENCE, salient_gap
from .world import (
    DEAD,
    F_FOUNDER,
    F_POSITION,
    F_RULE_END,
    F_RULE_KIND,
    F_RULE_START,
    F_RULE_STRENGTH,
    POSITION,
    STATUS,
)


@mechanism
def rule_strength(world, month, kind):
    strength = 0.0
    for rule in range(world.rule_codes.shape[1]):
        if world.rule_codes[F_RULE_KIND, rule] != kind:
            continue
        if (
            month < world.rule_codes[F_RULE_START, rule]
            or month > world.rule_codes[F_RULE_END, rule]
        ):
            continue
        strength = max(strength, world.rules[F_RULE_STRENGTH, rule])
    return strength


@mechanism
def founder_deviation(world, state, month, actor, kind):
    """How far an actor stands from a revered founder's line, weighted by
    salience, times the cult's strength; 0 while the founder still lives."""
    penalty = 0.0
    for rule in range(world.rule_codes.shape[1]):
        if world.rule_codes[F_RULE_KIND, rule] != kind:
            continue
        if (
            month < world.rule_codes[F_RULE_START, rule]
            or month > world.rule_codes[F_RULE_END, rule]
        ):
            continue
        founder = world.rule_codes[F_FOUNDER, rule]
        if founder < 0 or founder == actor or state.actor_codes[STATUS, founder] != DEAD:
            continue
        total, weight = salient_gap(
            state.axes[SALIENCE],
            state.stances[POSITION, actor],
            world.stances[F_POSITION, founder],
        )
        if weight > 0.0:
            penalty = max(penalty, world.rules[F_RULE_STRENGTH, rule] * total / weight)
    return penalty
