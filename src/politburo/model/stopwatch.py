"""Where a history's time goes.

A State may carry a stopwatch: one slot per step of the month, plus the
reading at the last lap.  ``simulate`` laps it after each step, and the
profiler (``politburo bench --profile``) plays ordinary histories on such a
State, so the figures it gives are those of the engine itself, not of a copy
of its loop.  An ordinary State's stopwatch has no slots, and a lap is then one
test.  The stopwatch reads the processor's cycle counter and draws no random
number, so a timed history is the same history.
"""

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from .jit import mechanism

# The steps of a history, in the order ``simulate`` takes them.
(
    STEP_START,
    STEP_EVENTS,
    STEP_CADRES,
    STEP_POWER,
    STEP_COALITION,
    STEP_LINE,
    STEP_CONDUCT,
    STEP_SESSIONS,
    STEP_RECKONING,
    STEP_VERDICTS,
) = range(10)
N_STEPS = 10
STEP_NAMES = (
    "start: reset, first power and impressions",
    "dated events, ill health, tensions",
    "cadres: appointments, loyalties, memories",
    "power and contenders",
    "ruling coalition",
    "party line and order of play",
    "each leader's monthly conduct",
    "sessions of the bodies",
    "reckoning: power, eliminations, dominance",
    "claims judged at the end",
)
LAST_READING = N_STEPS  # the slot after the steps holds the counter at the last lap
STOPWATCH_SLOTS = N_STEPS + 1


@intrinsic
def read_cycles(typingctx):
    """The processor's cycle counter (LLVM's readcyclecounter; 0 where the
    processor has none)."""

    def codegen(context, builder, signature, args):
        counter = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.IntType(64), []), "llvm.readcyclecounter"
        )
        return builder.call(counter, [])

    return types.uint64(), codegen


@mechanism
def start_watch(stopwatch):
    if stopwatch.shape[0] > 0:
        stopwatch[LAST_READING] = read_cycles()


@mechanism
def lap(stopwatch, step):
    """Charge the cycles since the last lap to ``step``."""
    if stopwatch.shape[0] > 0:
        now = read_cycles()
        stopwatch[step] += now - stopwatch[LAST_READING]
        stopwatch[LAST_READING] = now
