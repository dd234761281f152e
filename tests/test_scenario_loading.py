"""Loading scenario files: a valid one loads, and every broken one is located.

Each error test edits the fixture ``data/minimal.yaml`` in one place, writes
it to a file and checks that the error names that file, the edited line and
the dotted path of the field.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from politburo.model.parameters import NAMES
from politburo.scenario import (
    Scenario,
    ScenarioError,
    builtin_scenarios,
    effective_parameters,
    json_schema,
    load_parameters,
    load_scenario,
    load_scenario_text,
)
from politburo.scenario.parameters import parameter_docs

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    """The fixture with the single occurrence of ``old`` replaced."""
    text = minimal_text()
    assert text.count(old) == 1, f"fixture edit is ambiguous: {old!r}"
    return text.replace(old, new)


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, f"line marker is ambiguous: {snippet!r}"
    return text[: text.index(snippet)].count("\n") + 1


def load_error(tmp_path: Path, text: str, name: str = "broken.yaml") -> ScenarioError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    assert error.file == str(path)
    return error


def assert_located(error: ScenarioError, text: str, marker: str, field: str, message: str) -> None:
    """The error points at the line of ``marker``, names ``field``, says ``message``."""
    line = line_of(text, marker)
    assert (error.line, error.field) == (line, field), str(error)
    assert message in error.message
    assert str(error).startswith(f"{error.file}:{line}: {field}: ")


# --- the valid fixture and the public helpers --------------------------------------


def test_minimal_scenario_loads() -> None:
    scenario = load_scenario(MINIMAL)
    assert isinstance(scenario, Scenario)
    assert scenario.meta.id == "minimal"
    assert [actor.id for actor in scenario.actors] == [
        "lenin",
        "stalin",
        "trotsky",
        "zinoviev",
        "bukharin",
    ]
    assert [body.role for body in scenario.bodies] == ["top", "committee", "congress"]
    assert {claim.kind for claim in scenario.history.claims} == {
        "eliminated_before",
        "allied_against",
        "position_shift",
    }


def test_path_given_as_string_loads() -> None:
    assert load_scenario(str(MINIMAL)).meta.id == "minimal"


def test_error_reads_as_one_located_line() -> None:
    error = ScenarioError("ussr-1924.yaml", 123, "actors[3].patron", "unknown actor 'stlin'")
    assert str(error) == "ussr-1924.yaml:123: actors[3].patron: unknown actor 'stlin'"
    assert str(ScenarioError("a.yaml", None, "", "file not found")) == "a.yaml: file not found"
    assert str(ScenarioError("a.yaml", 4, "", "invalid YAML: x")) == "a.yaml:4: invalid YAML: x"


def test_error_survives_pickling() -> None:
    error = ScenarioError("a.yaml", 3, "meta.id", "field required")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.line, copy.field, copy.message) == (
        "a.yaml",
        3,
        "meta.id",
        "field required",
    )


def test_parameters_yaml_names_match_the_engine() -> None:
    # tests/test_parameters.py holds the file and the declarations to each other.
    assert set(load_parameters()) == set(NAMES)
    assert set(parameter_docs()) == set(NAMES)


def test_effective_parameters_apply_overrides() -> None:
    shared = load_parameters()
    scenario = load_scenario(MINIMAL)
    values = effective_parameters(scenario)
    assert values["vote_fear"] == 1.0 != shared["vote_fear"]
    assert values["vote_noise"] == shared["vote_noise"]
    assert all(isinstance(value, float) for value in values.values())


def test_meta_dominance_months_counts_as_an_override() -> None:
    text = edited("  step: month\n", "  step: month\n  dominance_months: 9\n")
    assert effective_parameters(load_scenario_text(text))["dominance_months"] == 9.0


def test_json_schema_describes_the_format() -> None:
    schema = json_schema()
    assert {"meta", "actors", "bodies", "sources"} <= set(schema["properties"])


def test_builtin_scenarios_are_listed_by_meta() -> None:
    for ident, name in builtin_scenarios():
        assert ident and isinstance(name, str)


@pytest.mark.parametrize("ident", [ident for ident, _ in builtin_scenarios()])
def test_every_builtin_scenario_loads(ident: str) -> None:
    assert load_scenario(ident).meta.id == ident


def test_unknown_builtin_name_is_an_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("no-such-scenario")
    assert caught.value.file == "no-such-scenario"
    assert caught.value.line is None
    assert "no built-in scenario 'no-such-scenario'" in caught.value.message


def test_merge_keys_and_anchors_are_allowed() -> None:
    trotsky = "{ambition: 0.6, caution: 0.35, organisation: 0.7, oratory: 0.95, intrigue: 0.2}"
    text = edited(f"    traits: {trotsky}", f"    traits: &trotsky_traits {trotsky}").replace(
        "    traits: {ambition: 0.8, caution: 0.4, organisation: 0.6, oratory: 0.8, intrigue: 0.6}",
        "    traits:\n      <<: *trotsky_traits\n      ambition: 0.8",
    )
    scenario = load_scenario_text(text)
    zinoviev = scenario.actors[3]
    assert (zinoviev.traits.ambition, zinoviev.traits.oratory) == (0.8, 0.95)


# --- whole-file problems ------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert (caught.value.file, caught.value.line) == (str(path), None)
    assert caught.value.message == "file not found"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    error = load_error(tmp_path, text)
    assert error.line is None
    assert "empty" in error.message


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    error = load_error(tmp_path, "# a list\n- meta\n- actors\n")
    assert error.line == 2
    assert "must be a mapping" in error.message


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(minimal_text().replace("Grigory", "Gr\u00e9gory").encode("latin-1"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.line == line_of(minimal_text(), "Grigory")
    assert "UTF-8" in caught.value.message


# --- YAML syntax --------------------------------------------------------------------


def test_bad_yaml(tmp_path: Path) -> None:
    text = edited('    name: "Party Congress"', "    name: Party Congress: 14th")
    error = load_error(tmp_path, text)
    assert error.line == line_of(text, "Party Congress: 14th")
    assert error.field == ""
    assert error.message == "invalid YAML: mapping values are not allowed here"
    assert str(error).startswith(f"{error.file}:{error.line}: invalid YAML")


def test_unclosed_bracket_names_where_it_opened(tmp_path: Path) -> None:
    text = edited("    trust: -0.6", "    trust: [-0.6")
    error = load_error(tmp_path, text)
    assert error.line == line_of(text, "    source: carr\n\noffices")
    assert f"on line {line_of(text, 'trust: [-0.6')}" in error.message


def test_control_character_is_located(tmp_path: Path) -> None:
    text = edited("    trust: -0.6", "    trust: \x01")
    error = load_error(tmp_path, text)
    assert error.line == line_of(text, "trust: \x01")
    assert "U+0001" in error.message


def test_unreadable_tagged_value_is_located(tmp_path: Path) -> None:
    text = edited("    trust: -0.6", "    trust: !!int minus")
    error = load_error(tmp_path, text)
    assert error.line == line_of(text, "!!int minus")
    assert "cannot read this value" in error.message


def test_duplicate_key(tmp_path: Path) -> None:
    text = edited('    name: "Joseph Stalin"\n', '    name: "Joseph Stalin"\n    name: "Koba"\n')
    error = load_error(tmp_path, text)
    first = line_of(text, '"Joseph Stalin"')
    assert_located(
        error, text, '"Koba"', "actors[1].name", f"duplicate key 'name' (first on line {first})"
    )


def test_duplicate_top_level_section(tmp_path: Path) -> None:
    text = minimal_text() + "\nrelations: []\n"
    error = load_error(tmp_path, text)
    assert_located(error, text, "relations: []", "relations", "duplicate key 'relations'")


# --- schema: missing fields, wrong types, extra fields --------------------------------


def test_missing_field(tmp_path: Path) -> None:
    text = edited("    prestige: 0.85\n", "")
    error = load_error(tmp_path, text)
    # A missing field has no line of its own: the error points at its record.
    assert_located(error, text, "  - id: trotsky", "actors[2].prestige", "field required")


def test_missing_section(tmp_path: Path) -> None:
    text = minimal_text().split("\nrules:")[0].replace("cadres:", "unused_cadres:")
    error = load_error(tmp_path, text)
    # A missing section has no line of its own: the error points at the top mapping.
    assert (error.line, error.field) == (line_of(text, "meta:"), "cadres")


def test_wrong_type(tmp_path: Path) -> None:
    text = edited("    size: 40", "    size: forty")
    error = load_error(tmp_path, text)
    assert_located(error, text, "size: forty", "bodies[1].size", "valid integer")
    assert "'forty'" in error.message


def test_wrong_type_inside_a_flow_mapping(tmp_path: Path) -> None:
    text = edited(
        "    positions: {econ_pace: 0.5, democracy: 0.6}",
        "    positions: {econ_pace: fast, democracy: 0.6}",
    )
    error = load_error(tmp_path, text)
    assert_located(error, text, "econ_pace: fast", "actors[2].positions.econ_pace", "valid number")


def test_wrong_type_for_a_section(tmp_path: Path) -> None:
    text = edited(
        "relations:\n  - between: [stalin, trotsky]",
        "relations: everyone\nunused:\n  - between: [stalin, trotsky]",
    )
    error = load_error(tmp_path, text)
    assert_located(error, text, "relations: everyone", "relations", "valid list")


def test_extra_field(tmp_path: Path) -> None:
    text = edited('    name: "Joseph Stalin"\n', '    name: "Joseph Stalin"\n    nickname: Koba\n')
    error = load_error(tmp_path, text)
    assert_located(error, text, "nickname: Koba", "actors[1].nickname", "extra field not allowed")


def test_value_out_of_range(tmp_path: Path) -> None:
    text = edited(
        "    positions: {econ_pace: 0.1, democracy: -0.5}",
        "    positions: {econ_pace: 1.5, democracy: -0.5}",
    )
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "econ_pace: 1.5",
        "actors[3].positions",
        "position on 'econ_pace' is 1.5, outside -1..1",
    )


def test_not_a_number_is_rejected(tmp_path: Path) -> None:
    text = edited("    trust: -0.6", "    trust: .nan")
    error = load_error(tmp_path, text)
    assert_located(error, text, "trust: .nan", "relations[0].trust", "finite number")


def test_full_date_instead_of_month(tmp_path: Path) -> None:
    text = edited('  - date: "1927-10"', "  - date: 1927-10-05")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "1927-10-05",
        "events[2].date",
        "'1927-10-05' is not a month in the form YYYY-MM",
    )


def test_bad_month_in_a_list_names_its_index(tmp_path: Path) -> None:
    text = edited('"1925-12", "1927-12"]', '"1925-13", "1927-12"]')
    error = load_error(tmp_path, text)
    assert_located(error, text, '"1925-13"', "bodies[2].meetings[2]", "'1925-13' is not a month")


def test_non_string_mapping_key(tmp_path: Path) -> None:
    text = edited('  cohen: "S. F. Cohen', '  1973: "S. F. Cohen')
    error = load_error(tmp_path, text)
    assert_located(error, text, '1973: "S. F.', "sources.1973", "valid string")


# --- references ---------------------------------------------------------------------


def test_unknown_actor_id(tmp_path: Path) -> None:
    text = edited("    patron: stalin\n    source: cohen", "    patron: stlin\n    source: cohen")
    error = load_error(tmp_path, text)
    assert_located(error, text, "patron: stlin", "actors[4].patron", "unknown actor 'stlin'")
    assert "did you mean 'stalin'" in error.message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "  - between: [stalin, trotsky]",
            "  - between: [stalin, trotski]",
            "relations[0].between[1]",
        ),
        ("    holder: zinoviev", "    holder: kamenev", "offices[1].holder"),
        ("    patron: zinoviev", "    patron: kamenev", "cadres[0].patron"),
        ("    author: lenin", "    author: krupskaya", "events[1].author"),
        ("    target: stalin", "    target: stalin2", "events[1].target"),
        ("  leader: stalin", "  leader: khrushchev", "history.leader"),
        ("    - actor: zinoviev", "    - actor: kamenev", "history.eliminations[1].actor"),
        ("      then: [bukharin]", "      then: [bukharin, rykov]", "history.claims[0].then[1]"),
        ("      against: [zinoviev]", "      against: [kamenev]", "history.claims[1].against[0]"),
        (
            "      actor: stalin\n      allies:",
            "      actor: koba\n      allies:",
            "history.claims[1].actor",
        ),
        (
            "      after_eliminated: [trotsky, zinoviev]",
            "      after_eliminated: [trotsky, x]",
            "history.claims[2].after_eliminated[1]",
        ),
    ],
)
def test_unknown_actor_anywhere(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = edited(old, new)
    error = load_error(tmp_path, text)
    assert_located(error, text, new.strip().split("\n")[0], field, "unknown actor")


def test_unknown_actor_in_a_body(tmp_path: Path) -> None:
    text = edited("    size: 700\n", "    size: 700\n    members: [stalin, rykov]\n")
    error = load_error(tmp_path, text)
    assert_located(
        error, text, "members: [stalin, rykov]", "bodies[2].members[1]", "unknown actor 'rykov'"
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "    filled_by: cc",
            "    filled_by: orgburo",
            "offices[0].filled_by",
            "unknown body 'orgburo'",
        ),
        (
            "    appeal_to: congress",
            "    appeal_to: comintern",
            "bodies[1].appeal_to",
            "unknown body 'comintern'",
        ),
        (
            "    elected_by: cadres",
            "    elected_by: soviets",
            "bodies[2].elected_by",
            "unknown body 'soviets'",
        ),
        (
            "    machine: leningrad_chair",
            "    machine: moscow_chair",
            "cadres[0].machine",
            "unknown office 'moscow_chair'",
        ),
        (
            "    office: general_secretary",
            "    office: gensec",
            "events[1].office",
            "unknown office 'gensec'",
        ),
        (
            "    axis: econ_pace\n    magnitude",
            "    axis: nep\n    magnitude",
            "events[2].axis",
            "unknown axis 'nep'",
        ),
        (
            "      axis: econ_pace",
            "      axis: pace",
            "history.claims[2].axis",
            "unknown axis 'pace'",
        ),
        (
            "    leaning: {econ_pace: 0.1}",
            "    leaning: {econ: 0.1}",
            "cadres[0].leaning.econ",
            "unknown axis 'econ'",
        ),
        (
            "    leaning: {democracy: -0.3}",
            "    leaning: {demo: -0.3}",
            "events[3].leaning.demo",
            "unknown axis 'demo'",
        ),
        (
            "    positions: {econ_pace: 0.5, democracy: 0.6}",
            "    positions: {econ_pace: 0.5, democracy: 0.6, army: 1}",
            "actors[2].positions.army",
            "unknown axis 'army'",
        ),
        (
            "    positions: {econ_pace: 0.5, democracy: 0.6}",
            "    positions: {econ_pace: 0.5}",
            "actors[2].positions",
            "no position on axis 'democracy'",
        ),
    ],
)
def test_unknown_reference(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    text = edited(old, new)
    error = load_error(tmp_path, text)
    assert_located(error, text, new.split("\n")[0], field, message)


@pytest.mark.parametrize(
    ("old", "new", "field", "first"),
    [
        ("  - id: democracy", "  - id: econ_pace", "axes[1].id", "axes[0]"),
        ("  - id: trotsky", "  - id: stalin", "actors[2].id", "actors[1]"),
        ("  - id: leningrad_chair", "  - id: general_secretary", "offices[1].id", "offices[0]"),
        ("  - id: congress", "  - id: cc", "bodies[2].id", "bodies[1]"),
        ("  - id: provinces", "  - id: leningrad", "cadres[1].id", "cadres[0]"),
        (
            "    - id: duumvirate",
            "    - id: left_first",
            "history.claims[1].id",
            "history.claims[0]",
        ),
    ],
)
def test_duplicate_id(tmp_path: Path, old: str, new: str, field: str, first: str) -> None:
    # The duplicate is reported, not the references it leaves dangling.
    error = load_error(tmp_path, edited(old, new))
    assert (error.line, error.field) == (line_of(minimal_text(), old), field)
    assert error.message == f"duplicate id '{new.split()[-1]}' (already used by {first})"


def test_duplicate_rule_id(tmp_path: Path) -> None:
    rule = minimal_text().split("rules:\n")[1].split("\nevents:")[0]
    text = edited(
        "\nevents:", "\n" + rule.replace("kind: faction_ban", "kind: terror") + "\nevents:"
    )
    error = load_error(tmp_path, text)
    assert (error.field, error.line) == ("rules[1].id", line_of(text, "kind: terror") - 2)


def test_unknown_source_key(tmp_path: Path) -> None:
    text = edited("    patron: stalin\n    source: cohen", "    patron: stalin\n    source: cohn")
    error = load_error(tmp_path, text)
    assert_located(error, text, "source: cohn", "actors[4].source", "unknown source 'cohn'")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            '      manner: "dropped from the Politburo"\n      source: cohen',
            '      manner: "dropped from the Politburo"\n      source: conquest',
            "history.eliminations[2].source",
        ),
        (
            "      min_shift: 0.2\n      source: cohen",
            "      min_shift: 0.2\n      source: conquest",
            "history.claims[2].source",
        ),
        (
            '  date: "1929-12"\n  source: carr',
            '  date: "1929-12"\n  source: conquest',
            "history.source",
        ),
    ],
)
def test_unknown_source_in_history(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = edited(old, new)
    error = load_error(tmp_path, text)
    assert_located(error, text, "source: conquest", field, "unknown source 'conquest'")


def test_unknown_parameter_override(tmp_path: Path) -> None:
    text = edited("  vote_fear:", "  vote_fears:")
    error = load_error(tmp_path, text)
    assert_located(
        error, text, "vote_fears:", "parameters.vote_fears", "unknown parameter 'vote_fears'"
    )


def test_dominance_months_set_twice(tmp_path: Path) -> None:
    override = "  dominance_months: {value: 8, reason: 'longer than usual'}\n"
    text = edited("  step: month\n", "  step: month\n  dominance_months: 9\n").replace(
        "parameters:\n", "parameters:\n" + override
    )
    error = load_error(tmp_path, text)
    assert_located(
        error, text, "  dominance_months: {", "parameters.dominance_months", "both here and in meta"
    )


# --- offices and bodies -------------------------------------------------------------


def test_office_with_no_holder_rule(tmp_path: Path) -> None:
    text = edited("    filled_by: politburo", "    filled_by: null")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "filled_by: null",
        "offices[1].filled_by",
        "office has no holder rule: set filled_by to the body that fills it",
    )


def test_cycle_in_election_rules(tmp_path: Path) -> None:
    text = edited("    elected_by: congress", "    elected_by: politburo")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "    elected_by: cc",
        "bodies[0].elected_by",
        "election cycle: politburo -> cc -> politburo",
    )


def test_body_that_elects_itself(tmp_path: Path) -> None:
    text = edited("    elected_by: cadres", "    elected_by: congress")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "    elected_by: congress\n    meetings",
        "bodies[2].elected_by",
        "election cycle: congress -> congress",
    )


def test_two_top_bodies(tmp_path: Path) -> None:
    text = edited("    role: committee", "    role: top")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "role: committee".replace("committee", "top\n    size: 40"),
        "bodies[1].role",
        "a second body with role 'top' (bodies[0] is the first)",
    )


def test_no_top_body(tmp_path: Path) -> None:
    text = edited("    role: top", "    role: other")
    error = load_error(tmp_path, text)
    assert_located(error, text, "bodies:", "bodies", "no body has role 'top'")


def test_top_body_members_must_be_full(tmp_path: Path) -> None:
    text = edited("    size: 7\n", "    size: 7\n    members: [stalin, bukharin]\n")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "members: [stalin, bukharin]",
        "bodies[0].members[1]",
        "'bukharin' sits in the top body but has status 'candidate'",
    )


# --- dates --------------------------------------------------------------------------


def test_date_outside_the_period(tmp_path: Path) -> None:
    text = edited('  - date: "1927-10"', '  - date: "1950-10"')
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        '"1950-10"',
        "events[2].date",
        "date 1950-10 is outside the scenario's period 1923-01..1930-12",
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('["1923-04", "1924-05"', '["1922-04", "1924-05"', "bodies[2].meetings[0]"),
        ('    start: "1923-01"\n    source', '    start: "1922-01"\n    source', "rules[0].start"),
    ],
)
def test_other_dates_outside_the_period(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = edited(old, new)
    error = load_error(tmp_path, text)
    assert_located(error, text, new.split("\n")[0].strip(), field, "outside the scenario's period")


def test_rule_ending_after_the_period(tmp_path: Path) -> None:
    text = edited(
        '    start: "1923-01"\n    source', '    start: "1923-01"\n    end: "1931-01"\n    source'
    )
    error = load_error(tmp_path, text)
    assert_located(error, text, 'end: "1931-01"', "rules[0].end", "date 1931-01 is outside")


def test_scenario_ending_before_it_starts(tmp_path: Path) -> None:
    text = edited('  end: "1930-12"', '  end: "1922-12"')
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        'end: "1922-12"',
        "meta.end",
        "the scenario ends (1922-12) before it starts (1923-01)",
    )


def test_history_may_begin_three_years_early() -> None:
    text = edited(
        '      date: "1927-11"\n      manner: "expelled from the party"\n'
        "      source: carr\n    - actor: zinoviev",
        '      date: "1920-01"\n      manner: "expelled from the party"\n'
        "      source: carr\n    - actor: zinoviev",
    )
    assert load_scenario_text(text).history.eliminations[0].date == "1920-01"


def test_history_date_too_early(tmp_path: Path) -> None:
    text = edited('  date: "1929-12"', '  date: "1919-12"')
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        '"1919-12"',
        "history.date",
        "date 1919-12 is outside the history's range 1920-01..1930-12",
    )


# --- events, claims and size --------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "    kind: death\n    actor: lenin\n",
            "    kind: death\n",
            "events[0].actor",
            "a death event needs an actor",
        ),
        (
            "    author: lenin\n    target: stalin\n",
            "    author: lenin\n",
            "events[1].target",
            "a document event needs a target",
        ),
        (
            "    kind: crisis\n    axis: econ_pace\n",
            "    kind: crisis\n",
            "events[2].axis",
            "a crisis event needs an axis",
        ),
        (
            "    delegates: 100\n",
            "",
            "events[3].delegates",
            "a recruitment event needs delegates > 0",
        ),
    ],
)
def test_event_kind_requirements(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    text = edited(old, new)
    error = load_error(tmp_path, text)
    event = int(field[len("events[")])
    marker = ['- date: "1924-01"', '- date: "1924-05"', '- date: "1927-10"', '- date: "1924-02"'][
        event
    ]
    assert_located(error, text, marker, field, message)


def test_claim_kind_requirements(tmp_path: Path) -> None:
    text = edited("      direction: high\n", "")
    error = load_error(tmp_path, text)
    assert_located(
        error,
        text,
        "    - id: left_turn",
        "history.claims[2].direction",
        "a position_shift claim needs direction",
    )


def test_at_most_sixty_actors(tmp_path: Path) -> None:
    data = yaml.safe_load(minimal_text())
    template = data["actors"][2]
    data["actors"] += [{**template, "id": f"extra{index}"} for index in range(56)]
    text = yaml.safe_dump(data, sort_keys=False)
    error = load_error(tmp_path, text)
    assert error.field == "actors[60]"
    assert error.line == line_of(text, "- id: extra55")
    assert "too many actors: 61" in error.message
