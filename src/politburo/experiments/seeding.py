"""Seeds: one root seed, one independent stream per history.

History ``i`` of an ensemble seeded with ``root`` draws from
``SeedSequence(root, spawn_key=(i,))``, which is what
``SeedSequence(root).spawn(n)[i]`` gives.  A history's numbers therefore
depend only on the root seed and its own index, never on how the ensemble was
cut into chunks or spread over workers.
"""

import numpy as np


def history_seed(root: int, index: int) -> int:
    sequence = np.random.SeedSequence(root, spawn_key=(index,))
    return int(sequence.generate_state(1, np.uint32)[0])


def history_seeds(root: int, start: int, stop: int) -> np.ndarray:
    return np.array([history_seed(root, index) for index in range(start, stop)], np.int64)
