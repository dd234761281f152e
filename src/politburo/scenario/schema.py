"""The scenario format: a collective leadership described as data.

A scenario says who the actors are, which offices and bodies exist, how the
bodies elect one another, which regional organisations (cadres) send
delegates, which party rules hold, and which dated events happen regardless of
anyone's choices.  It may also carry the real ``history`` against which
simulated histories are validated.  Every fact names a key of ``sources``.

The engine never reads this module: ``politburo.scenario.compile`` turns a
validated ``Scenario`` into the arrays the model runs on.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

# ASCII digits only, and no trailing newline (which `$` would let through).
MONTH_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")


def month_index(text: str) -> int:
    """Months since year 0 for a 'YYYY-MM' string (already validated)."""
    year, month = MONTH_PATTERN.match(text).groups()  # type: ignore[union-attr]
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _check_month(value: str) -> str:
    match = MONTH_PATTERN.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{value!r} is not a month in the form YYYY-MM")
    return value


class Strict(BaseModel):
    # NaN and infinity slip past range checks and poison the engine's arithmetic.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Sourced(Strict):
    source: str = Field(description="Key of the `sources` entry this fact comes from.")


Month = str  # validated by the models that use it, so that errors name the field
# A month inside a list, validated one by one so that an error names its index.
ListedMonth = Annotated[str, AfterValidator(_check_month)]

Status = Literal["full", "candidate", "cc", "member", "expelled", "exiled", "arrested", "dead"]
STATUS_LADDER: tuple[Status, ...] = (
    "full",
    "candidate",
    "cc",
    "member",
    "expelled",
    "exiled",
    "arrested",
    "dead",
)

# Kinds of office, and the backgrounds that qualify a man for them.
OfficeKind = Literal[
    "party", "government", "military", "police", "press", "unions", "international"
]
OFFICE_KINDS: tuple[OfficeKind, ...] = (
    "party",
    "government",
    "military",
    "police",
    "press",
    "unions",
    "international",
)

Sanction = Literal[
    "remove_office", "demote", "drop", "remove_cc", "expel", "exile", "arrest", "execute", "readmit"
]
SANCTIONS: tuple[Sanction, ...] = (
    "remove_office",
    "demote",
    "drop",
    "remove_cc",
    "expel",
    "exile",
    "arrest",
    "execute",
    "readmit",
)


class Meta(Strict):
    id: str = Field(description="Short identifier, used on the command line.")
    name: str
    description: str = ""
    start: Month = Field(description="First simulated month, YYYY-MM.")
    end: Month = Field(description="Last simulated month, YYYY-MM.")
    step: Literal["month"] = "month"
    dominance_months: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="Months in a row an actor must hold dominance; default from parameters.",
    )
    vacancy_months: int = Field(
        default=3,
        ge=1,
        le=60,
        description="The longest an office may stay vacant: the audit flags a longer vacancy.",
    )

    _months = field_validator("start", "end")(_check_month)


class Axis(Sourced):
    id: str
    name: str
    low: str = Field(description="What -1 means on this axis.")
    high: str = Field(description="What +1 means on this axis.")
    salience: float = Field(default=1.0, ge=0.0, le=3.0, description="Initial weight in politics.")


class Traits(Strict):
    ambition: float = Field(ge=0.0, le=1.0, description="Drive to rise; makes attacks likelier.")
    caution: float = Field(ge=0.0, le=1.0, description="Reluctance to act without a sure majority.")
    organisation: float = Field(ge=0.0, le=1.0, description="Skill at running a machine.")
    oratory: float = Field(ge=0.0, le=1.0, description="Skill at swaying an assembly.")
    intrigue: float = Field(ge=0.0, le=1.0, description="Skill at backroom manoeuvre.")
    conviction: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Attachment to one's own positions (1 = never shifts).",
    )


class Actor(Sourced):
    id: str
    name: str
    status: Status = Field(description="Rung on the status ladder at the start.")
    traits: Traits
    positions: dict[str, float] = Field(description="Position on each axis, -1..1.")
    prestige: float = Field(ge=0.0, le=1.0, description="Standing in the party at the start.")
    health: float = Field(default=1.0, ge=0.0, le=1.0)
    incapacitated: bool = Field(default=False, description="Alive but unable to act.")
    patron: str | None = Field(default=None, description="Actor whose client this actor is.")
    background: list[OfficeKind] = Field(
        default_factory=lambda: ["party"],
        description="Kinds of office his career qualifies him for.",
    )
    note: str = ""

    @field_validator("positions")
    @classmethod
    def _positions_in_range(cls, value: dict[str, float]) -> dict[str, float]:
        for axis, position in value.items():
            if not -1.0 <= position <= 1.0:
                raise ValueError(f"position on {axis!r} is {position}, outside -1..1")
        return value


class Relation(Sourced):
    between: tuple[str, str] = Field(description="Two actor ids.")
    trust: float = Field(ge=-1.0, le=1.0, description="-1 open enmity, +1 firm friendship.")


class Resources(Strict):
    appointment: float = Field(default=0.0, ge=0.0, le=1.0, description="Power to staff cadres.")
    army: float = Field(default=0.0, ge=0.0, le=1.0)
    security: float = Field(default=0.0, ge=0.0, le=1.0)
    press: float = Field(default=0.0, ge=0.0, le=1.0)
    government: float = Field(default=0.0, ge=0.0, le=1.0)
    machine: float = Field(default=0.0, ge=0.0, le=1.0, description="A regional machine's weight.")


class Office(Sourced):
    id: str
    name: str
    holder: str | None = Field(description="Actor id holding the office at the start, or null.")
    filled_by: str | None = Field(description="Body that fills and removes the holder.")
    resources: Resources = Resources()
    kind: OfficeKind | None = Field(
        default=None,
        description="What kind of office: only men with this background are appointed "
        "(besides those named in `eligible`); null for any party member.",
    )
    eligible: list[str] = Field(
        default_factory=list, description="Actors who may hold it whatever their background."
    )
    min_status: Literal["full", "candidate", "cc", "member"] = Field(
        default="member", description="The lowest rung from which a man is appointed to it."
    )
    next_in_line: list[str] = Field(
        default_factory=list,
        description="Offices whose holders are first in line for this one when it falls vacant.",
    )
    created: Month | None = Field(
        default=None, description="First month the office exists, if after the start."
    )
    abolished: Month | None = Field(
        default=None, description="First month the office no longer exists; its holder loses it."
    )

    @field_validator("created", "abolished")
    @classmethod
    def _office_dates(cls, value: str | None) -> str | None:
        return None if value is None else _check_month(value)


class Body(Sourced):
    id: str
    name: str
    role: Literal["top", "committee", "congress", "other"] = Field(
        description="top: the ruling bureau (members are actors with status full); "
        "committee: elected by a congress, seats held by actors and by cadre clients; "
        "congress: seats are the cadres' delegates; other: named actors only."
    )
    size: int = Field(ge=1, le=5000, description="Voting seats at the start.")
    sizes: dict[ListedMonth, Annotated[int, Field(ge=1, le=5000)]] = Field(
        default_factory=dict,
        description="Voting seats from a month on, as the body grows or shrinks.",
    )
    elected_by: str | None = Field(
        description="Body id that elects this one, 'cadres' for a congress, null if none."
    )
    members: list[str] = Field(
        default_factory=list, description="Named members of an 'other' body."
    )
    meetings: list[ListedMonth] = Field(
        default_factory=list, description="Dated sessions, YYYY-MM."
    )
    meets_every: int | None = Field(
        default=None, ge=1, le=120, description="Regular period, months."
    )
    voting: Literal["majority", "two_thirds", "unanimous"] = Field(
        default="majority",
        description="What carries a motion: more ayes than noes, two thirds of the votes, "
        "or no vote against (a junta whose members each command a service).",
    )
    decides: list[Sanction] = Field(default_factory=list, description="Motions this body decides.")
    appeal_to: str | None = Field(
        default=None, description="Body that can overturn this body's decisions on appeal."
    )
    created: Month | None = Field(
        default=None, description="First month the body exists, if after the start."
    )
    abolished: Month | None = Field(
        default=None, description="First month the body no longer exists: it sits no more."
    )

    @field_validator("created", "abolished")
    @classmethod
    def _body_dates(cls, value: str | None) -> str | None:
        return None if value is None else _check_month(value)


class Cadre(Sourced):
    id: str
    name: str
    delegates: float = Field(gt=0.0, description="Congress delegates this organisation sends.")
    patron: str | None = Field(description="Actor the organisation's secretaries answer to.")
    loyalty: float = Field(ge=0.0, le=1.0, description="How firmly the cadre follows its patron.")
    machine: str | None = Field(
        default=None, description="Office whose holder runs this organisation as his machine."
    )
    leaning: dict[str, float] = Field(default_factory=dict, description="Position on each axis.")


class Rule(Sourced):
    id: str
    name: str
    kind: Literal["faction_ban", "founder_cult", "terror", "heir_protection", "force"]
    strength: float = Field(ge=0.0, le=2.0)
    start: Month | None = None
    end: Month | None = None
    founder: str | None = Field(default=None, description="For founder_cult: whose policies.")

    @field_validator("start", "end")
    @classmethod
    def _dates(cls, value: str | None) -> str | None:
        return None if value is None else _check_month(value)


EventKind = Literal[
    "death", "stroke", "document", "recruitment", "crisis", "designate_heir", "foreign_pressure"
]


class Event(Sourced):
    date: Month
    kind: EventKind
    actor: str | None = Field(
        default=None, description="Who dies, has a stroke, is designated heir."
    )
    author: str | None = Field(default=None, description="For a document: who wrote it.")
    target: str | None = Field(default=None, description="For a document: whom it damages.")
    custodian: str | None = Field(default=None, description="For a document: who holds it.")
    office: str | None = Field(
        default=None, description="For a document: the office it asks to strip."
    )
    axis: str | None = Field(default=None, description="For a crisis: the axis it makes salient.")
    magnitude: float = Field(default=0.5, ge=-2.0, le=2.0, description="Strength of the event.")
    delegates: float = Field(default=0.0, ge=0.0, description="For recruitment: delegates added.")
    leaning: dict[str, float] = Field(default_factory=dict, description="For recruitment/crisis.")
    months: int = Field(
        default=6, ge=1, le=120, description="For foreign_pressure: how long the pressure lasts."
    )
    text: str = Field(default="", description="How the chronicle describes the event.")

    _month = field_validator("date")(_check_month)


class ClaimSpec(Strict):
    id: str
    text: str
    kind: Literal["eliminated_before", "allied_against", "position_shift"]
    first: list[str] = Field(default_factory=list, description="eliminated_before: these go first.")
    then: list[str] = Field(default_factory=list, description="eliminated_before: these go after.")
    actor: str | None = None
    allies: list[str] = Field(default_factory=list, description="allied_against: any of these.")
    against: list[str] = Field(default_factory=list, description="allied_against: any of these.")
    axis: str | None = None
    direction: Literal["high", "low"] | None = None
    after_eliminated: list[str] = Field(
        default_factory=list, description="position_shift: measured from the last of these falling."
    )
    min_shift: float = Field(default=0.1, ge=0.0, le=2.0)
    source: str


class Elimination(Sourced):
    actor: str
    date: Month
    manner: str

    _month = field_validator("date")(_check_month)


class History(Sourced):
    leader: str | None
    date: Month | None
    eliminations: list[Elimination] = Field(default_factory=list)
    claims: list[ClaimSpec] = Field(default_factory=list)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return None if value is None else _check_month(value)


class Override(Strict):
    value: float
    reason: str = Field(
        min_length=10, description="Why this scenario departs from the shared value."
    )


class Scenario(Strict):
    meta: Meta
    parameters: dict[str, Override] = Field(
        default_factory=dict,
        description="Overrides of global behavioural parameters, each with a reason.",
    )
    axes: list[Axis]
    actors: list[Actor]
    relations: list[Relation] = Field(default_factory=list)
    offices: list[Office]
    bodies: list[Body]
    cadres: list[Cadre]
    rules: list[Rule] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    history: History | None = None
    sources: dict[str, str]
