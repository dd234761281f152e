"""Offices and seats as a historian expects them: the qualified appointed, the
deputy first in line, vacancies filled at once, votes that add up to the
body's size on the day, machines closed to outsiders while their man holds
the office, and recantation only after an accusation.

Each test builds a small scenario from tests/data/minimal.yaml, plays a few
hundred histories and reads their chronicles.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

import politburo
from politburo.experiments.audit import audit_history
from politburo.experiments.runner import play_batch
from politburo.model.journal import decode
from politburo.scenario import ScenarioError
from politburo.scenario.loader import load_scenario_text
from politburo.scenario.schema import Scenario

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "minimal.yaml").read_text())


def compile_(data: dict):
    return politburo.load(Scenario.model_validate(data))


def actor(data: dict, actor_id: str) -> dict:
    return next(a for a in data["actors"] if a["id"] == actor_id)


def office(data: dict, office_id: str) -> dict:
    return next(o for o in data["offices"] if o["id"] == office_id)


def logs(compiled, runs: int = 200, seed: int = 0):
    """(history index, log rows) for ``runs`` histories."""
    rows = play_batch(compiled, seed, 0, runs, events=True).events
    for run in range(runs):
        yield run, rows[rows[:, 0] == run][:, 1:]


def chronicles(compiled, runs: int = 200, seed: int = 0):
    """(history index, decoded rows) for ``runs`` histories."""
    for run, log in logs(compiled, runs, seed):
        yield run, [decode(row) for row in log]


def with_actor(data: dict, actor_id: str, **fields) -> dict:
    entry = {
        "id": actor_id,
        "name": actor_id.title(),
        "status": "cc",
        "traits": {
            "ambition": 0.3,
            "caution": 0.6,
            "organisation": 0.6,
            "oratory": 0.4,
            "intrigue": 0.3,
        },
        "positions": {"econ_pace": 0.0, "democracy": -0.5},
        "prestige": 0.3,
        "source": "carr",
    }
    entry.update(fields)
    data["actors"].append(entry)
    return data


def war_commissariat() -> dict:
    """Trotsky holds a military office and dies in 1924; one soldier (Frunze)
    and two far more prominent civilians are free to succeed him."""
    data = copy.deepcopy(BASE)
    actor(data, "trotsky")["background"] = ["party", "military"]
    data["offices"].append(
        {
            "id": "war_commissar",
            "name": "War Commissar",
            "holder": "trotsky",
            "filled_by": "cc",
            "kind": "military",
            "resources": {"army": 0.9},
            "source": "carr",
        }
    )
    with_actor(data, "frunze", background=["military"], prestige=0.1)
    with_actor(data, "kamenev", prestige=0.9)
    with_actor(data, "rykov", prestige=0.9)
    data["events"].append(
        {"date": "1924-03", "kind": "death", "actor": "trotsky", "source": "carr"}
    )
    return data


def appointments(compiled, office_id: str, runs: int = 200, died: str | None = None):
    """(months after the vacancy, appointee) of the first appointment to the
    office after it falls vacant (at ``died``'s death, if given), per history."""
    number = compiled.office_ids.index(office_id)
    holder = None if died is None else compiled.actor_index(died)
    for _, rows in chronicles(compiled, runs):
        vacated = None
        for entry in rows:
            if (
                entry.kind == "vacated"
                and entry.office == number
                and vacated is None
                and holder in (None, entry.former_holder)
            ):
                vacated = entry.month
            if entry.kind == "appointed" and entry.office == number and vacated is not None:
                yield entry.month - vacated, compiled.actor_ids[entry.holder]
                break


def all_appointments(compiled, office_id: str, runs: int = 200) -> list[str]:
    number = compiled.office_ids.index(office_id)
    return [
        compiled.actor_ids[entry.holder]
        for _, rows in chronicles(compiled, runs)
        for entry in rows
        if entry.kind == "appointed" and entry.office == number
    ]


def test_only_the_qualified_are_appointed_and_at_once():
    compiled = compile_(war_commissariat())
    assert set(all_appointments(compiled, "war_commissar")) == {"frunze"}
    found = list(appointments(compiled, "war_commissar", died="trotsky"))
    assert len(found) > 50  # the histories in which Trotsky dies in office
    # The Politburo sits every month; it waits only while the one soldier
    # leads a faction against it.
    assert sum(delay <= 1 for delay, _ in found) >= 0.95 * len(found)


def test_without_a_kind_the_prominent_civilians_take_the_office():
    data = war_commissariat()
    office(data, "war_commissar")["kind"] = None
    holders = [holder for _, holder in appointments(compile_(data), "war_commissar")]
    assert holders.count("frunze") < len(holders) / 4


def test_a_named_man_is_eligible_whatever_his_background():
    data = war_commissariat()
    office(data, "war_commissar")["eligible"] = ["rykov"]
    holders = {holder for _, holder in appointments(compile_(data), "war_commissar")}
    assert holders <= {"frunze", "rykov"}
    assert "rykov" in holders


def succession(next_in_line: bool) -> dict:
    """Lenin's premiership falls vacant at his death; Zinoviev, who already
    holds the Leningrad machine, is his deputy."""
    data = copy.deepcopy(BASE)
    data["offices"] += [
        {
            "id": "premier",
            "name": "Chairman of Sovnarkom",
            "holder": "lenin",
            "filled_by": "cc",
            "next_in_line": ["deputy_premier"] if next_in_line else [],
            "resources": {"government": 1.0},
            "source": "carr",
        },
        {
            "id": "deputy_premier",
            "name": "Deputy Chairman of Sovnarkom",
            "holder": "zinoviev",
            "filled_by": "cc",
            "resources": {"government": 0.3},
            "source": "carr",
        },
    ]
    return data


def test_the_deputy_succeeds_and_his_post_is_filled_in_turn():
    compiled = compile_(succession(next_in_line=True))
    found = [holder for _, holder in appointments(compiled, "premier")]
    assert found.count("zinoviev") > 0.5 * len(found)  # without the line: never (below)
    deputy = compiled.office_ids.index("deputy_premier")
    zinoviev = compiled.actor_index("zinoviev")
    refilled = 0
    for _, rows in chronicles(compiled):
        premier = compiled.office_ids.index("premier")
        promoted = any(
            e.kind == "appointed" and e.holder == zinoviev and e.office == premier for e in rows
        )
        if promoted:
            assert any(e.kind == "vacated" and e.office == deputy for e in rows)
            refilled += any(e.kind == "appointed" and e.office == deputy for e in rows)
    assert refilled > 100


def test_a_chief_is_not_made_his_own_deputy():
    compiled = compile_(succession(next_in_line=True))
    premier = compiled.office_ids.index("premier")
    deputy = compiled.office_ids.index("deputy_premier")
    for _, rows in chronicles(compiled):
        holders = {premier: compiled.actor_index("lenin"), deputy: compiled.actor_index("zinoviev")}
        for entry in rows:
            if entry.kind == "appointed" and entry.office in holders:
                holders[entry.office] = entry.holder
                assert holders[premier] != holders[deputy]
            elif entry.kind == "vacated" and entry.office in holders:
                holders[entry.office] = -1


def test_without_a_line_of_succession_the_deputy_is_seldom_chosen():
    with_line = [h for _, h in appointments(compile_(succession(True)), "premier")]
    without = [h for _, h in appointments(compile_(succession(False)), "premier")]
    assert (
        without.count("zinoviev") / len(without)
        < with_line.count("zinoviev") / len(with_line) - 0.4
    )


def test_votes_add_up_to_the_seats_on_the_day():
    data = copy.deepcopy(BASE)
    data["bodies"][1]["sizes"] = {"1925-01": 60, "1928-01": 45}
    compiled = compile_(data)
    cc = compiled.body_ids.index("cc")
    seen = set()
    for _, rows in chronicles(compiled, 100):
        for entry in rows:
            if entry.kind in ("motion_passed", "motion_failed") and entry.body == cc:
                seats = 40 if entry.month < 24 else 60 if entry.month < 60 else 45
                assert entry.ayes + entry.noes == seats
                seen.add(seats)
    assert seen == {40, 60, 45}


def machine_takeovers(machine: bool, runs: int = 200) -> list[int]:
    """The month the Leningrad organisation falls to an appointer while
    Zinoviev still holds the office it is run from, per history (96 if never)."""
    data = copy.deepcopy(BASE)
    data["offices"][0]["resources"]["appointment"] = 1.0
    if not machine:
        del data["cadres"][0]["machine"]
    compiled = compile_(data)
    chair = compiled.office_ids.index("leningrad_chair")
    zinoviev = compiled.actor_index("zinoviev")
    months = []
    for _, rows in chronicles(compiled, runs):
        holder, taken = zinoviev, compiled.n_months
        for entry in rows:
            if entry.kind == "appointed" and entry.office == chair:
                holder = entry.holder
            elif entry.kind == "vacated" and entry.office == chair:
                holder = -1
            elif entry.kind == "cadre_won" and entry.cadre == 0 and holder == zinoviev:
                taken = entry.month
                break
        months.append(taken)
    return months


def test_a_machine_resists_outsiders_while_its_man_holds_the_office():
    # Resists, but does not yet hold absolutely: the audit's machine rule is
    # still broken by the built-in scenarios (issue 9 is open on it).
    shielded = sorted(machine_takeovers(machine=True))
    open_ = sorted(machine_takeovers(machine=False))
    assert shielded[100] >= open_[100] + 6  # the median takeover comes half a year later or more


# --- the scenario format refuses what cannot be -----------------------------------


def located(data: dict) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(yaml.safe_dump(data, sort_keys=False), file="test.yaml")
    return caught.value


def test_a_starting_holder_must_be_qualified():
    data = war_commissariat()
    actor(data, "trotsky")["background"] = ["party"]
    error = located(data)
    assert "offices[2].holder" in str(error)
    assert "military" in str(error)


def test_eligible_and_next_in_line_must_name_what_exists():
    data = succession(True)
    office(data, "premier")["eligible"] = ["rykvo"]
    assert "offices[2].eligible[0]" in str(located(data))
    data = succession(True)
    office(data, "premier")["next_in_line"] = ["deputy"]
    assert "offices[2].next_in_line[0]" in str(located(data))


def test_a_size_change_outside_the_period_is_refused():
    data = copy.deepcopy(BASE)
    data["bodies"][1]["sizes"] = {"1935-01": 60}
    assert "bodies[1].sizes" in str(located(data))


def test_an_unknown_background_is_refused():
    data = copy.deepcopy(BASE)
    actor(data, "stalin")["background"] = ["party", "navy"]
    assert "actors[1].background" in str(located(data))


# --- offices and bodies that appear or are abolished -------------------------------


def reorganised() -> dict:
    """A planning commission created in 1925, the Leningrad chair abolished in
    1926, and the Central Committee abolished in 1928 (an invented
    reorganisation: the mechanism, not the history, is under test)."""
    data = copy.deepcopy(BASE)
    data["offices"].append(
        {
            "id": "gosplan",
            "name": "Chairman of the State Planning Commission",
            "holder": None,
            "filled_by": "politburo",
            "created": "1925-01",
            "resources": {"government": 0.5},
            "source": "carr",
        }
    )
    office(data, "leningrad_chair")["abolished"] = "1926-01"
    data["bodies"][1]["abolished"] = "1928-01"
    return data


def test_an_office_is_filled_only_while_it_exists():
    compiled = compile_(reorganised())
    gosplan = compiled.office_ids.index("gosplan")
    chair = compiled.office_ids.index("leningrad_chair")
    filled = 0
    for run, log in logs(compiled):
        entries = [decode(row) for row in log]
        firsts = [e.month for e in entries if e.kind == "appointed" and e.office == gosplan]
        if firsts:
            filled += 1
            assert 24 <= firsts[0] <= 25  # within a month of its creation
        assert not [
            e for e in entries if e.kind == "appointed" and e.office == chair and e.month >= 36
        ]
        assert [e for e in entries if e.kind == "abolished" and e.office == chair and e.month == 36]
        broken = {v.rule for v in audit_history(compiled, run, log)}
        assert broken <= {"machine", "recantation"}  # the rules issue 9 has not yet kept
    assert filled > 150


def test_an_abolished_body_sits_no_more():
    compiled = compile_(reorganised())
    cc = compiled.body_ids.index("cc")
    for _, rows in chronicles(compiled, 100):
        assert not [e for e in rows if getattr(e, "body", -1) == cc and e.month >= 60]


def test_reorganisations_must_make_sense():
    data = reorganised()
    office(data, "gosplan")["holder"] = "bukharin"
    assert "offices[2].holder" in str(located(data))
    data = reorganised()
    office(data, "gosplan")["abolished"] = "1924-06"
    assert "offices[2].abolished" in str(located(data))
    data = reorganised()
    data["bodies"][0]["abolished"] = "1927-01"
    assert "bodies[0].abolished" in str(located(data))
    data = reorganised()
    data["bodies"][1]["abolished"] = "1935-01"
    assert "bodies[1].abolished" in str(located(data))
