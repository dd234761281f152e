"""The facts a history runs on, the codes that give them meaning, and the
standing of the people that every mechanism reads.

``World`` holds the facts of a scenario, fixed for every history; ``State``
holds what changes month by month in one history (see ``layout``).  Nothing
here knows a person, a date or a country: indices and month numbers only.
"""

import numpy as np

from .layout import STATE_BLOCKS, State, columns, starting_values
from .stopwatch import STOPWATCH_SLOTS

# The status ladder, from the top down.  A larger number is a lower rung.
FULL, CANDIDATE, CC, MEMBER, EXPELLED, EXILED, ARRESTED, DEAD = range(8)
STATUS_NAMES = ("full", "candidate", "cc", "member", "expelled", "exiled", "arrested", "dead")

# What an office grants.
R_APPOINTMENT, R_ARMY, R_SECURITY, R_PRESS, R_GOVERNMENT, R_MACHINE = range(6)
N_RESOURCES = 6
RESOURCE_NAMES = ("appointment", "army", "security", "press", "government", "machine")

# Kinds of body.
TOP, COMMITTEE, CONGRESS, OTHER = range(4)
ROLE_NAMES = ("top", "committee", "congress", "other")
ELECTED_BY_NONE = -1
ELECTED_BY_CADRES = -2

# Motions: the sanction ladder, and the way back.
(
    S_REMOVE_OFFICE,
    S_DEMOTE,
    S_DROP,
    S_REMOVE_CC,
    S_EXPEL,
    S_EXILE,
    S_ARREST,
    S_EXECUTE,
    S_READMIT,
) = range(9)
N_SANCTIONS = 9
SANCTION_NAMES = (
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

# Exogenous, dated events.
EX_DEATH, EX_STROKE, EX_DOCUMENT, EX_RECRUITMENT, EX_CRISIS, EX_HEIR, EX_FOREIGN = range(7)
EVENT_KIND_NAMES = (
    "death",
    "stroke",
    "document",
    "recruitment",
    "crisis",
    "designate_heir",
    "foreign_pressure",
)

# Party rules.
RULE_FACTION_BAN, RULE_FOUNDER_CULT, RULE_TERROR, RULE_HEIR_PROTECTION, RULE_FORCE = range(5)
RULE_KIND_NAMES = ("faction_ban", "founder_cult", "terror", "heir_protection", "force")

# Claims about a history, checked at its end.
CLAIM_BEFORE, CLAIM_ALLIED, CLAIM_SHIFT = range(3)
CLAIM_KIND_NAMES = ("eliminated_before", "allied_against", "position_shift")

# How an actor left the contest.
(
    M_LOST_OFFICE,
    M_DEMOTED,
    M_DROPPED,
    M_REMOVED_CC,
    M_EXPELLED,
    M_EXILED,
    M_ARRESTED,
    M_EXECUTED,
    M_DIED,
    M_INCAPACITATED,
) = range(10)
MANNER_NAMES = (
    "lost his power base",
    "demoted to candidate",
    "dropped from the top body",
    "removed from the central committee",
    "expelled from the party",
    "exiled",
    "arrested",
    "executed",
    "died",
    "incapacitated",
)
NO_MONTH = -1
# Long enough ago that no waiting period still runs: "never" for a month of
# the last motion against a man.
LONG_AGO = -1000
# "No best yet" for a search: below any score a choice can have, and beyond
# any policy distance (0..2).
NO_SCORE = -1e9
FARTHEST = 1e9

# Where a damaging document stands.
NOT_PENDING, AWAITING_TOP_BODY, AWAITING_MOTION = range(3)

# The chronicle: one int32 row per thing that happened.  What its columns mean
# is declared kind by kind, by the module that writes it (see ``journal``).
LOG_WIDTH = 9
LOG_CAPACITY = 1024
MAX_PLAYERS = 12  # members beyond the twelve strongest never tip a coalition


# --- the facts of a scenario ------------------------------------------------------

# Traits come first, so that ``world.actors[:, actor]`` is also his row of traits.
(
    T_AMBITION,
    T_CAUTION,
    T_ORGANISATION,
    T_ORATORY,
    T_INTRIGUE,
    T_CONVICTION,
    F_PRESTIGE,
    F_HEALTH,
) = columns(
    "actors",
    ("ambition", "how much he wants the top"),
    ("caution", "how much he fears losing what he has"),
    ("organisation", "his skill at running an apparatus"),
    ("oratory", "his gift for the platform"),
    ("intrigue", "his skill at backroom manoeuvre"),
    ("conviction", "how firmly he holds his positions"),
    ("prestige", "his standing at the start (0..1)"),
    ("health", "his health at the start (0..1)"),
    facts=True,
)
F_STATUS, F_INCAPACITATED, F_PATRON = columns(
    "actor_codes",
    ("status", "his rung on the status ladder at the start"),
    ("incapacitated", "1 if he starts unable to act"),
    ("patron", "the actor he follows at the start, or -1"),
    facts=True,
)
F_POSITION = columns("stances", ("position", "his position on the axis (-1..1)"), facts=True)
F_TRUST = columns("pairs", ("trust", "the first's trust in the second (-1..1)"), facts=True)
columns(
    "offices",
    *((name, f"the {name} resource the office grants") for name in RESOURCE_NAMES),
    facts=True,
)
F_HOLDER, F_FILLED_BY = columns(
    "office_codes",
    ("holder", "who holds it at the start, or -1"),
    ("filled_by", "the body that appoints and removes its holder"),
    facts=True,
)
F_ROLE, F_ELECTED_BY, F_APPEAL_TO, F_TWO_THIRDS, F_UNANIMOUS = columns(
    "bodies",
    ("role", "top, committee, congress or other"),
    ("elected_by", "the electing body, ELECTED_BY_NONE or ELECTED_BY_CADRES"),
    ("appeal_to", "the body a loser may appeal to, or -1"),
    ("two_thirds", "1 if a motion needs two thirds of the votes"),
    ("unanimous", "1 if a single vote against defeats a motion"),
    facts=True,
)
F_DELEGATES, F_LOYALTY = columns(
    "cadres",
    ("delegates", "delegates it sends to a congress"),
    ("loyalty", "its secretaries' loyalty to their patron at the start"),
    facts=True,
)
F_CADRE_PATRON, F_MACHINE = columns(
    "cadre_codes",
    ("patron", "whom its secretaries answer to at the start, or -1"),
    ("machine", "the office it is run from as a machine, or -1"),
    facts=True,
)
F_SALIENCE = columns("axes", ("salience", "how much the axis matters normally"), facts=True)
F_RULE_STRENGTH = columns("rules", ("strength", "how strongly the rule binds (0..1)"), facts=True)
F_RULE_KIND, F_RULE_START, F_RULE_END, F_FOUNDER = columns(
    "rule_codes",
    ("kind", "RULE_*"),
    ("start", "first month in force"),
    ("end", "last month in force"),
    ("founder", "the revered founder of a cult, or -1"),
    facts=True,
)
F_MAGNITUDE, F_EVENT_SIZE = columns(
    "events",
    ("magnitude", "how hard it strikes"),
    ("size", "delegates a recruitment wave brings"),
    facts=True,
)
(
    F_MONTH,
    F_EVENT_KIND,
    F_ACTOR,
    F_AUTHOR,
    F_TARGET,
    F_CUSTODIAN,
    F_OFFICE,
    F_AXIS,
    F_CADRE,
) = columns(
    "event_codes",
    ("month", "when it happens; events are sorted by it"),
    ("kind", "EX_*"),
    ("actor", "whom it strikes, or -1"),
    ("author", "who wrote a document, or -1"),
    ("target", "whom a document attacks, or -1"),
    ("custodian", "who keeps a document, or -1"),
    ("office", "the office a document asks to take away, or -1"),
    ("axis", "the axis a crisis raises, or -1"),
    ("cadre", "the cadre slot a recruitment wave fills, or -1"),
    facts=True,
)
F_DIRECTION, F_MIN_SHIFT = columns(
    "claims",
    ("direction", "+1 for a shift toward the high end of the axis, -1 toward the low"),
    ("min_shift", "how far the shift must go"),
    facts=True,
)
(
    F_CLAIM_KIND,
    F_SUBJECT,
    F_CLAIM_AXIS,
    F_FIRST,
    F_THEN,
    F_ALLIES,
    F_AGAINST,
    F_AFTER,
) = columns(
    "claim_codes",
    ("kind", "CLAIM_*"),
    ("actor", "the claim's subject"),
    ("axis", "the axis of a position shift"),
    ("first", "bitmask: eliminated first"),
    ("then", "bitmask: eliminated later"),
    ("allies", "bitmask: the subject's allies"),
    ("against", "bitmask: those they stood against"),
    ("after", "bitmask: the shift is measured once all these are out"),
    facts=True,
)
F_MONTHS, F_TOP, F_CANDIDATE_SEATS = columns(
    "settings",
    ("months", "months the history runs"),
    ("top", "the top body"),
    ("candidate_seats", "candidate places in the top body"),
    facts=True,
)

# --- the standing of the people, which every mechanism reads -----------------------

PRESTIGE, HEALTH, VISIBILITY, OFFENCE = columns(
    "actors",
    ("prestige", "standing and record (0..1)", "prestige"),
    ("health", "0 at death's door, 1 well", "health"),
    ("visibility", "how much of his quiet power rivals see (0..1)"),
    ("offence", "fading memory of his overt acts against the majority", 0.0),
)
STATUS, INCAPACITATED, PATRON, FACTION, RECANTED, LAST_MOTION = columns(
    "actor_codes",
    ("status", "his rung on the status ladder", "status"),
    ("incapacitated", "1 while he cannot act", "incapacitated"),
    ("patron", "the actor he follows, or -1; fixed for a history", "patron"),
    ("faction", "1 while he runs an organised faction", 0),
    ("recanted", "1 once he has recanted, until he organises again", 0),
    ("last_motion", "month of the last motion against him", LONG_AGO),
)
POSITION = columns("stances", ("position", "his position on the axis (-1..1)", "position"))
TRUST = columns("pairs", ("trust", "the first's trust in the second (-1..1)", "trust"))
HOLDER = columns("office_codes", ("holder", "who holds it, or -1", "holder"))
DELEGATES, LOYALTY = columns(
    "cadres",
    ("delegates", "delegates it sends to a congress", "delegates"),
    ("loyalty", "its secretaries' loyalty to their patron (0..1)", "loyalty"),
)
CADRE_PATRON = columns("cadre_codes", ("patron", "whom its secretaries answer to, or -1", "patron"))
COALITION = columns("counters", ("coalition", "bitmask of the top body's ruling coalition", 0))


def new_state(world, timed=False):
    """Allocate a State sized for ``world``; ``history.reset`` fills it per
    history.  A ``timed`` State carries a stopwatch for the profiler."""
    rows = {
        "actor": world.actor_codes.shape[1],
        "axis": world.stances.shape[2],
        "office": world.office_codes.shape[1],
        "cadre": world.cadre_codes.shape[1],
        "event": world.event_codes.shape[1],
        "claim": world.claim_codes.shape[1],
        "bloc": world.actor_codes.shape[1] + 1,
        "one": 1,
        "subset": 2**MAX_PLAYERS,
    }
    blocks = [np.zeros(block.shape(rows), block.dtype) for block in STATE_BLOCKS.values()]
    log = np.zeros((LOG_CAPACITY, LOG_WIDTH), np.int32)
    stopwatch = np.zeros(STOPWATCH_SLOTS if timed else 0, np.uint64)
    dice = np.zeros(4, np.uint64)
    return State(*blocks, log, stopwatch, dice)


def starting_table():
    """What ``reset`` needs to start every State block: per block and column,
    the constant it starts at and the fact column it copies (-1 if none)."""
    width = max(block.width for block in STATE_BLOCKS.values())
    constants = np.zeros((len(STATE_BLOCKS), width), np.float64)
    sources = np.full((len(STATE_BLOCKS), width), -1, np.int64)
    for number, block in enumerate(STATE_BLOCKS.values()):
        constant, source = starting_values(block)
        constants[number, : block.width] = constant
        sources[number, : block.width] = source
    return constants, sources
