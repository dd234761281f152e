"""Random draws, from a generator each history carries in its State.

The generator is xoshiro256** (Blackman and Vigna, 2018): 256 bits of state,
four 64-bit words, advanced by shifts, rotations and one multiplication.  A
history starts it from its own 256-bit seed (see
``experiments.seeding``), so histories never share a stream, and the stream's
position is part of the State, the way a game's dice are part of the game.
The arithmetic is on unsigned 64-bit integers, which wrap the same way
compiled or interpreted, so a history gives the same numbers either way.
"""

import math

import numpy as np

from .jit import mechanism

_ROTATE_RESULT = np.uint64(7)
_ROTATE_STATE = np.uint64(45)
_SHIFT = np.uint64(17)
_FIVE = np.uint64(5)
_NINE = np.uint64(9)
_BITS = np.uint64(64)
_MANTISSA_SHIFT = np.uint64(11)  # the top 53 bits make a double in [0, 1)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2 ** -53


@mechanism
def rotate(value, bits):
    return (value << bits) | (value >> (_BITS - bits))


@mechanism
def seed_history(dice, seed):
    """Start the generator from a history's 256-bit seed."""
    for word in range(4):
        dice[word] = seed[word]


@mechanism
def next_word(dice):
    """The next 64 random bits, and the generator moved on one step."""
    result = rotate(dice[1] * _FIVE, _ROTATE_RESULT) * _NINE
    carried = dice[1] << _SHIFT
    dice[2] ^= dice[0]
    dice[3] ^= dice[1]
    dice[1] ^= dice[2]
    dice[0] ^= dice[3]
    dice[2] ^= carried
    dice[3] = rotate(dice[3], _ROTATE_STATE)
    return result


@mechanism
def uniform(dice):
    """A draw from [0, 1), with 53 random bits."""
    return float(next_word(dice) >> _MANTISSA_SHIFT) * _TO_UNIT


@mechanism
def normal(dice):
    # Box-Muller on two uniforms; 1 - u keeps the logarithm finite.
    u = 1.0 - uniform(dice)
    v = uniform(dice)
    return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * v)


@mechanism
def sigmoid(x):
    if x > 30.0:
        return 1.0
    if x < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))
