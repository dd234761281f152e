"""The chronicle: every kind of log row told as a dated English sentence.

Real histories of both built-in scenarios are told for many seeds; a made-up
log holding one row of every kind (and every sanction) makes sure no teller is
left untried, whatever the engine happens to produce.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import textwrap
from collections.abc import Callable

import numpy as np
import pytest

import politburo
from politburo.model import world as w
from politburo.model.journal import LOG_KIND_BY_NAME, LOG_KIND_NAMES, decode, encode
from politburo.report import chronicle as chronicle_module
from politburo.report.chronicle import (
    TELLERS,
    Names,
    chronicle,
    entries,
    history_json,
    outcome,
    outcome_lines,
)
from politburo.scenario.compile import Compiled

DATED = re.compile(r"^\d{4}-(0[1-9]|1[0-2])  \S")
SCENARIOS = ("ussr-1924", "junta")
SEEDS = range(30)
MONTH = 3


@pytest.fixture(scope="module", params=SCENARIOS)
def compiled(request: pytest.FixtureRequest) -> Compiled:
    return politburo.load(request.param)


def test_every_declared_log_kind_has_a_teller() -> None:
    assert set(TELLERS) == set(LOG_KIND_NAMES)


def _fields_read(function: Callable) -> set[str]:
    """What a teller reads as ``entry.<field>``, and any helper it hands the
    entry to reads."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    read = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "entry":
            read.add(node.attr)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            helper = getattr(chronicle_module, node.func.id, None)
            hands_entry = any(getattr(arg, "id", None) == "entry" for arg in node.args)
            if hands_entry and helper is not None and helper is not function:
                read |= _fields_read(helper)
    return read


def test_tellers_read_only_declared_fields() -> None:
    for kind, teller in TELLERS.items():
        declared = {"kind", "month", *LOG_KIND_BY_NAME[kind].field_names}
        read = _fields_read(teller)
        assert read, f"the teller of {kind!r} reads no field"
        assert read <= declared, f"{kind!r}: {sorted(read - declared)} not declared"


def test_real_histories_are_told_line_by_line(compiled: Compiled) -> None:
    ids = set(compiled.actor_ids)
    kinds_seen: set[str] = set()
    for seed in SEEDS:
        history = politburo.run(compiled, seed=seed)
        told = entries(history)
        assert len(told) == len(history.log)
        for entry, line in zip(told, chronicle(history), strict=True):
            assert DATED.match(line), line
            assert entry.kind in LOG_KIND_NAMES
            assert "Log entry of kind" not in entry.text
            assert set(entry.actors) <= ids
            assert entry.body is None or entry.body in compiled.body_ids
            assert "nobody's" not in entry.text, line
            kinds_seen.add(entry.kind)
        dates = [entry.date for entry in told]
        assert dates == sorted(dates)
        summary = outcome_lines(history)
        assert summary and ("became dominant" in summary[0])
    # The common kinds turn up in any thirty histories.
    assert {"coalition", "motion_passed", "appointed", "eliminated", "congress"} <= kinds_seen


def test_outcome_matches_the_history(compiled: Compiled) -> None:
    for seed in range(5):
        history = politburo.run(compiled, seed=seed)
        result = outcome(history)
        if history.leader >= 0:
            assert result.leader == compiled.actor_ids[history.leader]
            assert result.date == compiled.month_label(history.leader_month)
        else:
            assert result.leader is None and result.date is None
        fallen = [a for a in range(len(compiled.actor_ids)) if history.eliminated[a] != w.NO_MONTH]
        assert sorted(e.actor for e in result.eliminations) == sorted(
            compiled.actor_ids[a] for a in fallen
        )
        months = [e.date for e in result.eliminations]
        assert months == sorted(months)
        logged = [
            compiled.actor_ids[entry.actor]
            for entry in map(decode, history.log)
            if entry.kind == "eliminated"
        ]
        assert logged == [e.actor for e in result.eliminations]


def test_history_json_shape() -> None:
    history = politburo.run("junta", seed=3)
    data = history_json(history)
    assert list(data) == ["scenario", "seed", "events", "outcome"]
    assert data["scenario"] == "junta" and data["seed"] == 3
    for event in data["events"]:
        assert list(event) == ["date", "type", "actors", "body", "text"]
    assert list(data["outcome"]) == ["leader", "date", "eliminations"]
    for fall in data["outcome"]["eliminations"]:
        assert list(fall) == ["actor", "date", "manner"]
        assert fall["manner"] in w.MANNER_NAMES


def _synthetic_log(compiled: Compiled) -> np.ndarray:
    """One row of every kind, every sanction for motions, and the edge cases,
    each written by the field names its kind declares."""
    scenario = compiled.scenario
    events = sorted(scenario.events, key=lambda e: e.date)
    first = {
        kind: next((i for i, e in enumerate(events) if e.kind == kind), 0)
        for kind in ("document", "crisis", "designate_heir")
    }
    top = compiled.top
    wave = len(scenario.cadres)
    document = dict(target=1, author=0, body=top, event=first["document"])
    strongest = dict(strongest=1, body=top, seen=0)
    rows = [
        encode("death", MONTH, actor=1),
        encode("stroke", MONTH, actor=1, incapacitated=1),
        encode("stroke", MONTH, actor=2, incapacitated=0),
        encode("document_published", MONTH, office=0, publish=4, bury=2, **document),
        encode("document_suppressed", MONTH, office=-1, publish=2, bury=4, **document),
        encode("recruitment", MONTH, patron=2, delegates=240, cadre=wave),
        encode("recruitment", MONTH, patron=-1, delegates=30, cadre=wave),
        encode("crisis", MONTH, event=first["crisis"]),
        encode("heir", MONTH, heir=1, event=first["designate_heir"]),
        encode("congress", MONTH, leader=2, body=top, bloc_percent=48, unaligned_percent=20),
        encode("congress", MONTH, leader=-1, body=top, bloc_percent=0, unaligned_percent=100),
        encode("coalition", MONTH, strongest=2, body=top, size=3, outside=2, members=0b1110),
        encode("coalition", MONTH, strongest=-1, body=top, size=0, outside=5, members=0),
        encode("coalition", MONTH, strongest=3, body=top, size=1, outside=4, members=0b1000),
        encode("appointed", MONTH, holder=2, nominator=3, body=top, office=1),
        encode("appointed", MONTH, holder=2, nominator=2, body=top, office=1),
        encode("vacated", MONTH, former_holder=2, office=1),
        encode("abolished", MONTH, former_holder=2, office=1),
        encode("abolished", MONTH, former_holder=-1, office=1),
        encode("foreign_pressure", MONTH, protege=1, event=0),
        encode("restored", MONTH, protege=1, sponsor=2, body=top, ayes=5, noes=2, status=w.MEMBER),
        encode("restored", MONTH, protege=1, sponsor=2, body=top, ayes=5, noes=2, status=w.CC),
        encode("force_arrest", MONTH, plotter=2, victim=1, body=top, support=450, resistance=100),
        encode("force_failed", MONTH, plotter=2, victim=1, body=top, support=200, resistance=500),
        encode("promoted", MONTH, member=2, nominator=3, body=top, status=w.FULL),
        encode("promoted", MONTH, member=2, nominator=3, body=top, status=w.CANDIDATE),
        encode("faction", MONTH, organiser=1, partner=2),
        encode("faction", MONTH, organiser=1, partner=-1),
        encode("appeal", MONTH, actor=1),
        encode("recant", MONTH, actor=1),
        encode("shift", MONTH, actor=1, position=50, previous=20, axis=0),
        encode("shift", MONTH, actor=1, position=-40, previous=10, axis=0),
        encode("cadre_won", MONTH, patron=2, former_patron=3, office=0, cadre=0),
        encode("cadre_won", MONTH, patron=2, former_patron=-1, office=0, cadre=wave),
        encode("dominant", MONTH, leader=2, body=top, members=5, supporters=4, since=0),
        encode(
            "readmitted",
            MONTH,
            outcast=1,
            sponsor=2,
            body=top,
            ayes=30,
            noes=10,
            sanction=w.S_READMIT,
        ),
        encode("line", MONTH, body=top, line=40, previous=10, axis=0),
        encode("strongest", MONTH, **strongest, previous=-1, counterpart=2, lead_percent=-1),
        encode("strongest", MONTH, **strongest, previous=3, counterpart=3, lead_percent=15),
        encode("strongest", MONTH, **strongest, previous=3, counterpart=1, lead_percent=-1),
        encode("strongest", MONTH, strongest=1, previous=2, counterpart=1, seen=1, body=top),
        encode("strongest", MONTH, strongest=2, previous=-1, counterpart=1, seen=1, body=top),
    ]
    for manner in range(len(w.MANNER_NAMES)):
        rows.append(encode("eliminated", MONTH, actor=1, manner=manner))
    motion = dict(body=top, office=0, sanction=0)
    for sanction in range(w.N_SANCTIONS):
        motion["sanction"] = sanction
        for kind in ("motion_passed", "motion_failed"):
            rows.append(encode(kind, MONTH, sponsor=2, target=1, ayes=41, noes=9, **motion))
        rows.append(encode("overturned", MONTH, target=1, sponsor=2, ayes=12, noes=28, **motion))
    return np.array(rows, np.int32)


def test_every_kind_and_sanction_is_told(compiled: Compiled) -> None:
    history = politburo.run(compiled, seed=0)
    fake = dataclasses.replace(history, log=_synthetic_log(compiled))
    names = Names(compiled)
    told = entries(fake)
    assert {entry.kind for entry in told} == set(LOG_KIND_NAMES)
    for entry in told:
        assert DATED.match(entry.line), entry.line
        assert entry.text.endswith((".", ")")), entry.line
        assert "Log entry of kind" not in entry.text
    by_kind = {entry.kind: entry for entry in reversed(told)}
    assert "41 votes to 9" in by_kind["motion_passed"].text
    ordered = sorted(compiled.scenario.events, key=lambda e: e.date)
    crises = [e for e in ordered if e.kind == "crisis"]
    if crises and crises[0].text:
        assert by_kind["crisis"].text == crises[0].text
    coalition = next(e for e in told if e.kind == "coalition")
    assert coalition.actors[0] == compiled.actor_ids[2]
    assert set(coalition.actors) == {compiled.actor_ids[i] for i in (1, 2, 3)}
    assert names.actor(2) in coalition.text
    removal = next(e for e in told if e.kind == "motion_passed")
    assert names.office(0) in removal.text
    data = history_json(fake)
    assert len(data["events"]) == len(fake.log)


def test_surname_clash_falls_back_to_full_names() -> None:
    compiled = politburo.load("junta")
    actors = list(compiled.scenario.actors)
    twin = actors[1].model_copy(
        update={"id": "twin", "name": "Jorge " + actors[1].name.split()[-1]}
    )
    scenario = compiled.scenario.model_copy(update={"actors": [*actors, twin]})
    names = Names(dataclasses.replace(compiled, scenario=scenario))
    assert names.actor(1) == actors[1].name
    assert names.actor(2) == actors[2].name.split()[-1]
