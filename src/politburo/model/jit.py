"""One switch for compiling the mechanisms.

Every mechanism is plain scalar Python over arrays.  Numba compiles it and
keeps the machine code in its on-disk cache; with ``NUMBA_DISABLE_JIT=1`` the
very same functions run as ordinary Python.  ``fastmath`` stays off so that a
history's numbers do not depend on how the compiler reorders arithmetic.
"""

from numba import njit

# Mechanisms neither allocate nor count references: the State carries scratch
# space for them.  Without reference counting, passing the World and State
# (named tuples of many arrays) from one mechanism to the next costs nothing,
# and the compiler inlines the small ones.
mechanism = njit(cache=True, nogil=True, _nrt=False)

# The entry points that allocate a history's State, serial and threaded.
entry_point = njit(cache=True, nogil=True)
parallel_entry_point = njit(cache=True, nogil=True, parallel=True)
