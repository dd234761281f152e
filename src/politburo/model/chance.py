"""Random draws.  Only uniform draws from the Mersenne Twister are used, so a
seeded history gives the same numbers compiled or interpreted."""

import math

import numpy as np

from .jit import mechanism


@mechanism
def seed_history(seed):
    np.random.seed(seed)


@mechanism
def uniform():
    return np.random.random()


@mechanism
def normal():
    # Box-Muller on two uniforms; 1 - u keeps the logarithm finite.
    u = 1.0 - np.random.random()
    v = np.random.random()
    return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * v)


@mechanism
def sigmoid(x):
    if x > 30.0:
        return 1.0
    if x < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))
