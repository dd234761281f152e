"""The plausibility audit: each rule catches a constructed violation, lets a
sound chronicle pass, and finds nothing in the built-in scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

import politburo
from politburo import api
from politburo.cli import app
from politburo.experiments.audit import RULES, audit_history
from politburo.model.journal import encode
from politburo.scenario.schema import Scenario

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "minimal.yaml").read_text())
# minimal.yaml: actors lenin 0, stalin 1, trotsky 2, zinoviev 3, bukharin 4;
# offices general_secretary 0, leningrad_chair 1; bodies politburo 0, cc 1,
# congress 2; cadres leningrad 0 (run from leningrad_chair), provinces 1.
LENIN, STALIN, TROTSKY, ZINOVIEV, BUKHARIN = range(5)
POLITBURO, CC = 0, 1


def compiled_with(**changes):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    for office in data["offices"]:
        office.update(changes.get(office["id"], {}))
    for person in data["actors"]:
        person.update(changes.get(person["id"], {}))
    return politburo.load(Scenario.model_validate(data))


def broken(compiled, *rows) -> set[str]:
    log = np.array([encode(kind, month, **fields) for kind, month, fields in rows], np.int64)
    return {violation.rule for violation in audit_history(compiled, 0, log)}


@pytest.fixture(scope="module")
def minimal():
    return compiled_with()


def test_a_committee_vote_must_fill_its_seats(minimal):
    sound = ("motion_passed", 5, dict(sponsor=STALIN, target=TROTSKY, body=CC, ayes=30, noes=10))
    assert broken(minimal, sound) == set()
    too_many = ("motion_failed", 5, dict(sponsor=STALIN, target=TROTSKY, body=CC, ayes=45, noes=15))
    too_few = ("motion_failed", 5, dict(sponsor=STALIN, target=TROTSKY, body=CC, ayes=20, noes=5))
    assert broken(minimal, too_many) == {"votes"}
    assert broken(minimal, too_few) == {"votes"}


def test_a_top_body_vote_may_not_exceed_its_seats(minimal):
    absent = (
        "motion_passed",
        5,
        dict(sponsor=STALIN, target=TROTSKY, body=POLITBURO, ayes=3, noes=1),
    )
    crowded = (
        "motion_passed",
        5,
        dict(sponsor=STALIN, target=TROTSKY, body=POLITBURO, ayes=6, noes=2),
    )
    assert broken(minimal, absent) == set()
    assert broken(minimal, crowded) == {"votes"}


def test_an_office_goes_only_to_the_qualified():
    compiled = compiled_with(
        leningrad_chair={"kind": "military"}, zinoviev={"background": ["party", "military"]}
    )
    soldier = compiled_with(
        leningrad_chair={"kind": "military"},
        zinoviev={"background": ["party", "military"]},
        bukharin={"background": ["military"]},
    )
    appointment = (
        "appointed",
        3,
        dict(holder=BUKHARIN, nominator=STALIN, body=POLITBURO, office=1),
    )
    assert broken(compiled, appointment) == {"eligible"}
    assert broken(soldier, appointment) == set()


def test_an_office_is_not_given_to_nobody(minimal):
    nobody = ("appointed", 3, dict(holder=-1, nominator=STALIN, body=POLITBURO, office=1))
    assert broken(minimal, nobody) == {"eligible"}


def test_an_office_may_not_go_to_a_man_below_its_rung():
    compiled = compiled_with(leningrad_chair={"min_status": "full"})
    appointment = (
        "appointed",
        3,
        dict(holder=BUKHARIN, nominator=STALIN, body=POLITBURO, office=1),
    )
    assert broken(compiled, appointment) == {"eligible"}


def test_a_vacancy_may_last_only_as_long_as_the_scenario_allows(minimal):
    vacated = ("vacated", 10, dict(former_holder=ZINOVIEV, office=1))
    soon = ("appointed", 12, dict(holder=BUKHARIN, nominator=STALIN, body=POLITBURO, office=1))
    late = ("appointed", 20, dict(holder=BUKHARIN, nominator=STALIN, body=POLITBURO, office=1))
    assert broken(minimal, vacated, soon) == set()
    assert broken(minimal, vacated, late) == {"vacancy"}
    assert broken(minimal, vacated) == {"vacancy"}  # still vacant when the history ends


def test_a_recantation_needs_an_accusation(minimal):
    recant = ("recant", 8, dict(actor=TROTSKY))
    accusation = (
        "motion_failed",
        5,
        dict(sponsor=STALIN, target=TROTSKY, body=POLITBURO, ayes=2, noes=2),
    )
    assert broken(minimal, recant) == {"recantation"}
    assert broken(minimal, accusation, recant) == set()


def test_a_machine_holds_while_its_man_keeps_the_office(minimal):
    takeover = ("cadre_won", 6, dict(patron=STALIN, former_patron=ZINOVIEV, office=0, cadre=0))
    removal = ("appointed", 5, dict(holder=BUKHARIN, nominator=STALIN, body=POLITBURO, office=1))
    assert broken(minimal, takeover) == {"machine"}
    assert broken(minimal, removal, takeover) == set()


def test_the_fallen_do_not_act_but_may_recant_and_return(minimal):
    expel = (
        "motion_passed",
        5,
        dict(sponsor=STALIN, target=TROTSKY, body=CC, ayes=30, noes=10, sanction=4),
    )
    faction = ("faction", 7, dict(organiser=TROTSKY))
    recant = ("recant", 8, dict(actor=TROTSKY))
    readmit = (
        "readmitted",
        9,
        dict(outcast=TROTSKY, sponsor=STALIN, body=CC, ayes=30, noes=10, sanction=8),
    )
    again = ("faction", 10, dict(organiser=TROTSKY))
    assert broken(minimal, expel, faction) == {"after_the_fall"}
    assert broken(minimal, expel, recant, readmit, again) == set()
    death = ("death", 3, dict(actor=LENIN))
    assert broken(minimal, death, ("shift", 4, dict(actor=LENIN, axis=0))) == {"after_the_fall"}


def test_every_rule_is_reported():
    compiled = compiled_with()
    report = politburo.audit(compiled, runs=5, seed=1)
    assert set(report.to_dict()["rules"]) == set(RULES)


BUILT_IN = [ident for ident, _ in api.builtin_scenarios()]
# Rules the engine does not yet keep: a machine still falls to appointees
# while its man holds the office (the shield slows, not stops, them), and a
# man may still recant unaccused.  Issue 9 stays open on both; the strict
# marker turns green into a failure the day they are kept, so that it goes.
OPEN_RULES = ("machine", "recantation")


@pytest.fixture(scope="module", params=BUILT_IN)
def built_in_audit(request):
    return politburo.audit(request.param, runs=500, seed=0)


def test_the_built_in_scenarios_break_no_kept_rule(built_in_audit):
    assert built_in_audit.rows > 10_000
    kept = {rule: n for rule, n in built_in_audit.counts.items() if rule not in OPEN_RULES}
    assert not any(kept.values()), built_in_audit.to_dict()


@pytest.mark.xfail(strict=True, reason="issue 9: machines and recantations not yet kept")
def test_the_built_in_scenarios_break_no_rule_at_all(built_in_audit):
    assert built_in_audit.violations == 0


def test_the_command_reports_a_broken_rule_and_exits_1(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    # The Leningrad chair needs a soldier, and the only one dies in 1924: the
    # office stays vacant for years.
    data["offices"][1]["kind"] = "military"
    for person in data["actors"]:
        if person["id"] == "zinoviev":
            person["background"] = ["military"]
    data["events"].append(
        {"date": "1924-06", "kind": "death", "actor": "zinoviev", "source": "carr"}
    )
    path = tmp_path / "vacant.yaml"
    path.write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(app, ["audit", "-s", str(path), "-n", "20", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["rules"]["vacancy"]["violations"] > 0
    assert (
        "leningrad_chair"
        in report["rules"]["vacancy"]["example"]["why"]
        + report["rules"]["vacancy"]["example"]["entry"]
    )
    plain = CliRunner().invoke(app, ["audit", "-s", str(path), "-n", "20"])
    assert plain.exit_code == 1
    assert "no office stays vacant" in plain.stdout


def test_a_bad_request_is_a_message_not_a_traceback():
    result = CliRunner().invoke(app, ["audit", "-s", "ussr-1924", "-n", "0"])
    assert result.exit_code == 2
    assert "--runs" in result.output
    assert "Traceback" not in result.output
