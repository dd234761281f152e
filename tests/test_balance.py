"""The balance of power (``model/balance.py``): the months when the strongest
member of the top body changes, in truth and as the body sees it.

A constructed situation walks the rule through each of its cases.  Real
histories, played on the interpreted engine with the mechanism watched,
show that every noted month is a month when the strongest changed by the
margin and that no such month goes unnoted; that the mechanism draws no
random number and writes nothing but its own columns and the log; and that
the same histories played without it have the same outcomes and the same
chronicle less its lines.  The compiled engine plays them to the same rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import politburo
from politburo.experiments.runner import play_batch
from politburo.experiments.seeding import history_state
from politburo.model.balance import (
    AS_SEEN,
    IN_TRUTH,
    NO_LEAD,
    P_BALANCE_MARGIN,
    STRONGEST,
    STRONGEST_SEEN,
    note_balance,
)
from politburo.model.chance import seed_history
from politburo.model.coalition import POWER_VIEW
from politburo.model.history import reset
from politburo.model.journal import LOG_COUNT, LOG_KIND_BY_NAME, decode, encode, log_columns
from politburo.model.power import POWER
from politburo.model.world import CANDIDATE, FULL, INCAPACITATED, LOG_CAPACITY, STATUS, new_state
from politburo.report.chronicle import Names, main_entries, tell

SCENARIOS = ("ussr-1924", "junta")
SUMMARIES = ("leader", "leader_month", "eliminated", "manner", "rank", "verdicts")


@pytest.fixture(scope="module")
def ussr():
    return politburo.load("ussr-1924")


# --- a constructed situation --------------------------------------------------------


def started(compiled):
    """A State started by ``reset``, with every counter scribbled over first so
    that the declared starting values are seen to be set."""
    state = new_state(compiled.world)
    state.counters[:] = 99
    seed_history(state.dice, history_state(0, 0))
    reset(compiled.world, compiled.params, state)
    return state


def strongest_rows(state):
    return [
        decode(row)
        for row in state.log[: state.counters[LOG_COUNT, 0]]
        if decode(row).kind == "strongest"
    ]


def test_reset_starts_with_nobody_on_record(ussr):
    state = started(ussr)
    assert state.counters[STRONGEST, 0] == -1
    assert state.counters[STRONGEST_SEEN, 0] == -1


def test_a_constructed_balance_is_noted_month_by_month(ussr):
    params = ussr.params.copy()
    params[P_BALANCE_MARGIN] = 0.1
    top = ussr.top
    state = started(ussr)
    state.actor_codes[STATUS] = CANDIDATE
    state.actor_codes[INCAPACITATED] = 0
    state.actor_codes[STATUS, :4] = FULL  # the body: actors 0, 1, 2 and 3
    power, view = state.actors[POWER], state.actors[POWER_VIEW]
    power[:4] = [1.0, 2.0, 1.5, 0.5]
    view[:4] = [0.3, 0.2, 0.4, 0.1]
    power[4:] = 9.0  # outside the body: never the strongest of it
    view[4:] = 0.0

    def month(number):
        done = len(strongest_rows(state))
        note_balance(params, state, number, top)
        return [
            (row.seen, row.strongest, row.previous, row.counterpart, row.lead_percent)
            for row in strongest_rows(state)[done:]
        ]

    # The start: 1 is the strongest, the body takes 2 for it.  Each row names
    # the strongest by the other measure.
    assert month(0) == [(IN_TRUTH, 1, -1, 2, NO_LEAD), (AS_SEEN, 2, -1, 1, NO_LEAD)]
    # 0 leads 1 by 5%, inside the margin: nothing is noted.
    power[0] = 2.1
    assert month(1) == []
    # By 15%: he is.
    power[0] = 2.3
    assert month(2) == [(IN_TRUTH, 0, 1, 2, 15)]
    # The body comes to see it: 0.46 is 15% over 0.4.
    view[0] = 0.46
    assert month(3) == [(AS_SEEN, 0, 2, 0, 15)]
    # 0 loses his seat: the strongest of the rest takes his place at once,
    # in truth and as seen, with no lead to give.
    state.actor_codes[STATUS, 0] = CANDIDATE
    assert month(4) == [(IN_TRUTH, 1, 0, 2, NO_LEAD), (AS_SEEN, 2, 0, 1, NO_LEAD)]
    # A man who cannot act does not count either, and an empty body has no
    # strongest member: nothing is noted and the record stands.
    state.actor_codes[INCAPACITATED, :4] = 1
    assert month(5) == []
    assert (state.counters[STRONGEST, 0], state.counters[STRONGEST_SEEN, 0]) == (1, 2)


def test_the_chronicle_tells_each_case(ussr):
    names = Names(ussr)
    first, second, third = names.actor(0), names.actor(1), names.actor(2)
    body = names.body(ussr.top)
    row = dict(body=ussr.top, lead_percent=NO_LEAD)

    def told(**fields):
        return tell(names, decode(encode("strongest", 0, **{**row, **fields})))[1]

    assert told(strongest=1, previous=-1, counterpart=2, seen=IN_TRUTH) == (
        f"{second} is the strongest man in the {body}, though the others take {third} for "
        "the strongest."
    )
    assert told(strongest=0, previous=1, counterpart=1, seen=IN_TRUTH, lead_percent=15) == (
        f"{first} is now the strongest man in the {body}, ahead of {second}, though the "
        f"others still take {second} for the stronger."
    )
    assert told(strongest=1, previous=0, counterpart=1, seen=IN_TRUTH) == (
        f"With {first} no longer in his seat, {second} is now the strongest man in the "
        f"{body}, and the others see it."
    )
    assert told(strongest=0, previous=2, counterpart=0, seen=AS_SEEN, lead_percent=15) == (
        f"The {body} now sees that {first} is its strongest member."
    )
    assert told(strongest=2, previous=-1, counterpart=1, seen=AS_SEEN) == (
        f"The {body} takes {third} for its strongest member, though {second} is stronger."
    )


# --- real histories, interpreted and watched ----------------------------------------

WATCH = textwrap.dedent(
    """
    import json, sys
    import numpy as np
    from politburo.api import load
    from politburo.experiments.runner import play_batch
    from politburo.model import history
    from politburo.model.balance import STRONGEST, STRONGEST_SEEN
    from politburo.model.coalition import POWER_VIEW, top_members
    from politburo.model.journal import LOG_COUNT
    from politburo.model.power import POWER, perceived

    OWN = {("counters", STRONGEST), ("counters", STRONGEST_SEEN), ("counters", LOG_COUNT)}
    noting = history.note_balance
    trace = []

    def watched(params, state, month, top_body):
        members = top_members(state)
        n_actors = state.actor_codes.shape[1]
        # The body's view worked out afresh from what each member perceives.
        fresh = []
        for actor in range(n_actors):
            others = [o for o in range(n_actors) if o != actor and (members >> o) & 1]
            seen = [perceived(params, state, o, actor) for o in others]
            fresh.append(sum(seen) / len(seen) if seen else float(state.actors[POWER, actor]))
        before = [np.copy(block) for block in state]
        rows = int(state.counters[LOG_COUNT, 0])
        noting(params, state, month, top_body)
        for name, old, new in zip(state._fields, before, state, strict=True):
            if name == "log":
                if not np.array_equal(old[:rows], new[:rows]):
                    sys.exit(f"month {month}: an earlier row of the log was changed")
                continue
            for column in range(old.shape[0] if old.ndim > 1 else 0):
                if (name, column) not in OWN and not np.array_equal(old[column], new[column]):
                    sys.exit(f"month {month}: column {column} of {name} was changed")
            if name in ("dice", "stopwatch") and not np.array_equal(old, new):
                sys.exit(f"month {month}: the {name} moved")
        trace.append(
            {
                "month": month,
                "members": [a for a in range(n_actors) if (members >> a) & 1],
                "power": state.actors[POWER].tolist(),
                "view": state.actors[POWER_VIEW].tolist(),
                "fresh": fresh,
            }
        )

    def summary(batch):
        out = {name: getattr(batch, name).tolist() for name in SUMMARIES}
        out["events"] = batch.events.tolist()
        return out

    result = {}
    for scenario in sys.argv[1:]:
        compiled = load(scenario)
        played = result[scenario] = {"with": [], "without": [], "traces": []}
        for run in range(RUNS):
            trace = []
            history.note_balance = watched
            played["with"].append(summary(play_batch(compiled, SEED, run, run + 1, events=True)))
            played["traces"].append(trace)
            history.note_balance = lambda params, state, month, top_body: None
            played["without"].append(summary(play_batch(compiled, SEED, run, run + 1, events=True)))
    print(json.dumps(result))
    """
)
RUNS = 4
SEED = 1924


@pytest.fixture(scope="module")
def watched():
    """Histories of each built-in scenario played interpreted: with the
    mechanism watched month by month, and without it."""
    script = (
        WATCH.replace("RUNS", str(RUNS))
        .replace("SEED", str(SEED))
        .replace("SUMMARIES", repr(SUMMARIES))
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *SCENARIOS],
        capture_output=True,
        text=True,
        env={**os.environ, "NUMBA_DISABLE_JIT": "1"},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def expected_rows(trace, margin):
    """The rows the rule calls for, worked out in plain Python from what the
    mechanism saw each month: (month, seen, strongest, previous, counterpart,
    lead)."""
    on_record = {IN_TRUTH: -1, AS_SEEN: -1}
    rows = []
    for month in trace:
        members = month["members"]
        moved = {}
        for measure, values in ((IN_TRUTH, month["power"]), (AS_SEEN, month["view"])):
            if not members:
                continue
            best = max(members, key=lambda actor: (values[actor], -actor))
            holder = on_record[measure]
            if best == holder:
                continue
            if holder < 0 or holder not in members:
                moved[measure] = (best, holder, NO_LEAD)
            elif values[best] > (1 + margin) * values[holder]:
                lead = int(round((values[best] / values[holder] - 1) * 100))
                moved[measure] = (best, holder, lead)
        for measure, (best, _, _) in moved.items():
            on_record[measure] = best
        for measure, (best, holder, lead) in sorted(moved.items()):
            other = on_record[AS_SEEN if measure == IN_TRUTH else IN_TRUTH]
            rows.append((month["month"], measure, best, holder, other, lead))
    return rows


def logged_rows(events):
    rows = []
    for row in np.array(events, np.int64).reshape(-1, 10)[:, 1:]:
        entry = decode(row)
        if entry.kind == "strongest":
            rows.append(
                (
                    entry.month,
                    entry.seen,
                    entry.strongest,
                    entry.previous,
                    entry.counterpart,
                    entry.lead_percent,
                )
            )
    return rows


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_noted_months_are_exactly_the_changes_by_the_margin(watched, scenario):
    margin = politburo.load(scenario).params[P_BALANCE_MARGIN]
    for run in range(RUNS):
        trace = watched[scenario]["traces"][run]
        assert [month["month"] for month in trace] == list(range(len(trace)))
        for month in trace:
            # The body's shared view is this month's: what the members perceive now.
            members = month["members"]
            view = np.array(month["view"])[members]
            fresh = np.array(month["fresh"])[members]
            assert np.allclose(view / view.sum(), fresh / fresh.sum())
        expected = expected_rows(trace, margin)
        assert logged_rows(watched[scenario]["with"][run]["events"]) == expected
        # Every history opens with the strongest in truth and as seen.
        assert [row[:2] for row in expected[:2]] == [(0, IN_TRUTH), (0, AS_SEEN)]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_without_the_mechanism_the_histories_are_the_same(watched, scenario):
    for run in range(RUNS):
        with_it, without = watched[scenario]["with"][run], watched[scenario]["without"][run]
        for name in SUMMARIES:
            assert with_it[name] == without[name], (scenario, run, name)
        events = np.array(with_it["events"], np.int64).reshape(-1, 10)
        kinds = [decode(row).kind for row in events[:, 1:]]
        others = [
            row for row, kind in zip(with_it["events"], kinds, strict=True) if kind != "strongest"
        ]
        assert others == without["events"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_compiled_engine_notes_the_same_rows(watched, scenario):
    compiled = politburo.load(scenario)
    for run in range(RUNS):
        batch = play_batch(compiled, SEED, run, run + 1, events=True)
        assert batch.events.tolist() == watched[scenario]["with"][run]["events"]


# --- many compiled histories --------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_row_follows_the_one_before_it(scenario):
    """In 2,000 histories: each measure opens at the start, each row takes
    over from the man the last row of its measure named, and a lead that is
    given clears the margin."""
    compiled = politburo.load(scenario)
    margin = compiled.params[P_BALANCE_MARGIN]
    batch = play_batch(compiled, SEED, 0, 2000, events=True)
    runs = batch.events[:, 0]
    assert np.bincount(runs, minlength=2000).max() < LOG_CAPACITY
    named = log_columns(batch.events[:, 1:])
    rows = named["kind"] == LOG_KIND_BY_NAME["strongest"].number
    last = {}
    for run, month, seen, new, previous, lead in zip(
        runs[rows],
        named["month"][rows],
        named["extra"][rows],
        named["actor"][rows],
        named["other"][rows],
        named["votes_against"][rows],
        strict=True,
    ):
        key = (int(run), int(seen))
        assert previous == last.get(key, -1) and new != previous
        assert (month == 0) == (previous < 0)
        assert lead == NO_LEAD or lead >= round(margin * 100)
        last[key] = new
    assert {run for run, _ in last} == set(range(2000))


def test_the_default_chronicle_gains_a_handful_of_lines(ussr):
    for seed in range(6):
        history = politburo.run(ussr, seed=seed)
        told = [entry for entry in main_entries(history) if entry.kind == "strongest"]
        assert 2 <= len(told) <= 4, [entry.line for entry in told]
        # The view noted with the truth in the same month is told once.
        months = [entry.month for entry in told]
        assert len(months) == len(set(months))
