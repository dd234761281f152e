"""Seeds: one root seed, one independent stream per history.

History ``i`` of an ensemble seeded with ``root`` starts its generator from
``SeedSequence(root, spawn_key=(i,)).generate_state(4, np.uint64)``: 256 bits,
the whole state of the engine's xoshiro256** generator (``model.chance``).
That is what ``SeedSequence(root).spawn(n)[i]`` gives.  A history's numbers
therefore depend only on the root seed and its own index, never on how the
ensemble was cut into chunks or spread over workers; and with 256 bits no two
histories of any practical ensemble share a stream, where a 32-bit seed
repeats by the birthday bound (some 116 pairs in a million histories).

Building a million ``SeedSequence`` objects in Python takes seconds, longer
than the histories themselves.  The sequence's hash is simple 32-bit
arithmetic, so ``history_states`` computes it for a whole range of indices at
once with numpy.  The pool mixed from the root alone is the same for every
history; only the last mixing round, over the run index, differs.  A test
holds every value against numpy's own ``SeedSequence``.
"""

from __future__ import annotations

import numpy as np

# The constants of numpy's SeedSequence (O'Neill's seed_seq_fe hash).
_INIT_A = 0x43B0D7E5
_MULT_A = 0x931E8875
_INIT_B = 0x8B51F9DD
_MULT_B = 0x58F38DED
_MIX_MULT_L = 0xCA01F9DD
_MIX_MULT_R = 0x4973F715
_XSHIFT = 16
_POOL_SIZE = 4
_MASK = 0xFFFFFFFF


STATE_WORDS = 4  # 64-bit words of a history's generator state


def history_state(root: int, index: int) -> np.ndarray:
    """The generator state of history ``index``, straight from numpy (the reference)."""
    sequence = np.random.SeedSequence(root, spawn_key=(index,))
    return sequence.generate_state(STATE_WORDS, np.uint64)


def _words(value: int) -> list[int]:
    """An integer as numpy's SeedSequence reads it: 32-bit words, low first."""
    if value < 0:
        raise ValueError(f"seed must be a non-negative integer, not {value}")
    words = []
    while True:
        words.append(value & _MASK)
        value >>= 32
        if value == 0:
            return words


class _Hash:
    """The running multiplier of the pool's hash; it advances on every use."""

    def __init__(self) -> None:
        self.constant = np.uint32(_INIT_A)

    def mix_in(self, value: np.ndarray) -> np.ndarray:
        value = value ^ self.constant
        self.constant = np.uint32((int(self.constant) * _MULT_A) & _MASK)
        value = value * self.constant
        return value ^ (value >> np.uint32(_XSHIFT))


def _mix(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    result = np.uint32(_MIX_MULT_L) * x - np.uint32(_MIX_MULT_R) * y
    return result ^ (result >> np.uint32(_XSHIFT))


def history_states(root: int, start: int, stop: int) -> np.ndarray:
    """Generator states of histories ``start`` to ``stop - 1``, computed together:
    [stop - start, 4] uint64."""
    indices = np.arange(start, stop, dtype=np.uint64)
    if stop > _MASK:  # an index of two words: rare enough to ask numpy
        states = [history_state(root, int(i)) for i in indices]
        return np.array(states, np.uint64).reshape(len(indices), STATE_WORDS)
    entropy = _words(root)
    entropy += [0] * (_POOL_SIZE - len(entropy))  # a spawn key pads the root to the pool
    with np.errstate(over="ignore"):
        hash_ = _Hash()
        pool = [hash_.mix_in(np.uint32(word)) for word in entropy[:_POOL_SIZE]]
        for source in range(_POOL_SIZE):
            for target in range(_POOL_SIZE):
                if source != target:
                    pool[target] = _mix(pool[target], hash_.mix_in(pool[source]))
        for word in entropy[_POOL_SIZE:]:
            for target in range(_POOL_SIZE):
                pool[target] = _mix(pool[target], hash_.mix_in(np.uint32(word)))
        # The run index is the last entropy word: here the histories part ways.
        spawned = indices.astype(np.uint32)
        pool = [np.full(spawned.shape, word, np.uint32) for word in pool]
        for target in range(_POOL_SIZE):
            pool[target] = _mix(pool[target], hash_.mix_in(spawned))
        # generate_state: 32-bit words drawn from the pool in turn, each with
        # the next multiplier; two of them, low first, make a 64-bit word.
        words = np.empty((len(indices), 2 * STATE_WORDS), np.uint32)
        constant = _INIT_B
        for word in range(2 * STATE_WORDS):
            value = pool[word % _POOL_SIZE] ^ np.uint32(constant)
            constant = (constant * _MULT_B) & _MASK
            value = value * np.uint32(constant)
            words[:, word] = value ^ (value >> np.uint32(_XSHIFT))
    low = words[:, 0::2].astype(np.uint64)
    high = words[:, 1::2].astype(np.uint64)
    return low | (high << np.uint64(32))
