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

# A call between compiled functions passes the World and the State by value:
# every array descriptor in them (some 770 machine words) is copied onto the
# stack, which costs more than most mechanisms' own work.  The compiler inlines
# the small mechanisms itself; the few larger ones that run many times a month
# are marked ``inline_mechanism`` so that Numba pastes them into their callers
# and no copy is made.  Inlining does not change the arithmetic.
inline_mechanism = njit(cache=True, nogil=True, _nrt=False, inline="always")

# The entry points that allocate a history's State, serial and threaded.
entry_point = njit(cache=True, nogil=True)
parallel_entry_point = njit(cache=True, nogil=True, parallel=True)
