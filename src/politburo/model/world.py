"""The arrays a history runs on, and the codes that give them meaning.

``World`` holds the facts of a scenario, fixed for every history.  ``State``
holds what changes month by month in one history.  Both are named tuples of
NumPy arrays, so Numba compiles the mechanisms over them as plain scalar code.
Nothing here knows a person, a date or a country: indices and month numbers
only.
"""

from collections import namedtuple

import numpy as np

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
EX_DEATH, EX_STROKE, EX_DOCUMENT, EX_RECRUITMENT, EX_CRISIS, EX_HEIR = range(6)
EVENT_KIND_NAMES = ("death", "stroke", "document", "recruitment", "crisis", "designate_heir")

# Party rules.
RULE_FACTION_BAN, RULE_FOUNDER_CULT, RULE_TERROR, RULE_HEIR_PROTECTION = range(4)
RULE_KIND_NAMES = ("faction_ban", "founder_cult", "terror", "heir_protection")

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

# Where a damaging document stands.
NOT_PENDING, AWAITING_TOP_BODY, AWAITING_MOTION = range(3)

# The chronicle: one row per thing that happened.
(
    L_DEATH,
    L_STROKE,
    L_DOCUMENT_PUBLISHED,
    L_DOCUMENT_SUPPRESSED,
    L_RECRUITMENT,
    L_CRISIS,
    L_HEIR,
    L_CONGRESS,
    L_COALITION,
    L_MOTION_PASSED,
    L_MOTION_FAILED,
    L_OVERTURNED,
    L_APPOINTED,
    L_PROMOTED,
    L_FACTION,
    L_APPEAL,
    L_RECANT,
    L_SHIFT,
    L_CADRE_WON,
    L_ELIMINATED,
    L_DOMINANT,
    L_READMITTED,
    L_LINE,
) = range(23)
LOG_KIND_NAMES = (
    "death",
    "stroke",
    "document_published",
    "document_suppressed",
    "recruitment",
    "crisis",
    "heir",
    "congress",
    "coalition",
    "motion_passed",
    "motion_failed",
    "overturned",
    "appointed",
    "promoted",
    "faction",
    "appeal",
    "recant",
    "shift",
    "cadre_won",
    "eliminated",
    "dominant",
    "readmitted",
    "line",
)
# Columns of a log row.
LOG_MONTH, LOG_KIND, LOG_ACTOR, LOG_OTHER, LOG_BODY, LOG_OFFICE, LOG_FOR, LOG_AGAINST, LOG_EXTRA = (
    range(9)
)
LOG_WIDTH = 9
LOG_CAPACITY = 1024
MAX_PLAYERS = 12  # members beyond the twelve strongest never tip a coalition

World = namedtuple(
    "World",
    [
        # time
        "n_months",
        # actors
        "status0",
        "traits",  # [A, 6]: ambition, caution, organisation, oratory, intrigue, conviction
        "position0",  # [A, X]
        "prestige0",
        "health0",
        "incapacitated0",
        "patron0",
        "trust0",  # [A, A]
        # offices
        "holder0",
        "office_body",
        "office_resources",  # [O, N_RESOURCES]
        # bodies
        "body_role",
        "body_size",
        "body_elected_by",
        "body_meets",  # [B, months] 1 where the body sits that month
        "body_decides",  # [B, N_SANCTIONS]
        "body_appeal_to",
        "body_members",  # [B, A] named members of an 'other' body
        "body_two_thirds",
        "top",
        "candidate_seats",
        # cadres (recruitment waves take the slots after the initial cadres)
        "delegates0",
        "cadre_patron0",
        "loyalty0",
        "cadre_machine",
        "leaning",  # [C, X]
        # axes
        "salience0",
        # rules
        "rule_kind",
        "rule_strength",
        "rule_start",
        "rule_end",
        "rule_founder",
        # exogenous events, sorted by month
        "event_month",
        "event_kind",
        "event_actor",
        "event_author",
        "event_target",
        "event_custodian",
        "event_office",
        "event_axis",
        "event_magnitude",
        "event_size",  # delegates a recruitment wave brings
        "event_cadre",  # the cadre slot a recruitment wave fills
        "event_shift",  # [E, X] how a crisis moves the rank and file's mood
        # claims
        "claim_kind",
        "claim_actor",
        "claim_axis",
        "claim_direction",
        "claim_first",  # bitmasks over actors
        "claim_then",
        "claim_allies",
        "claim_against",
        "claim_after",
        "claim_min_shift",
    ],
)

# Trait columns.
T_AMBITION, T_CAUTION, T_ORGANISATION, T_ORATORY, T_INTRIGUE, T_CONVICTION = range(6)

State = namedtuple(
    "State",
    [
        "status",
        "incapacitated",
        "position",
        "prestige",
        "health",
        "visibility",
        "patron",
        "trust",
        "faction",  # 1 while the actor runs an organised faction
        "recanted",
        "heir",  # designation strength
        "offence",  # [A] fading memory of overt acts against the majority
        "bias",  # [A, A] each observer's fixed misjudgement of each rival, log scale
        "power",
        "visible",
        "holder",
        "delegates",
        "cadre_patron",
        "loyalty",
        "seat_share",  # [A + 1] committee seats by bloc leader; last = unaligned
        "salience",
        "mood",  # [X] the rank and file's leaning
        "mood_shock",  # [X] what crises have added to it
        "line",  # [X] the party line
        "line_logged",  # [X] the line as last reported in the chronicle
        "coalition",  # [1] bitmask of the ruling coalition in the top body
        "coalition_shares",  # [A] perceived shares when last solved
        "members_at_solve",  # [1] top-body bitmask when last solved
        "last_motion",  # [A] month of the last motion against each actor
        "pending_document",  # [E] AWAITING_TOP_BODY, then AWAITING_MOTION once published
        "document_sponsor",  # [E] who carries a published document's demand to a vote
        "allied",  # [A, A] bitmask of rivals each pair stood together against
        "eliminated",  # [A] month an actor left the contest, NO_MONTH if not
        "manner",  # [A]
        "elimination_rank",  # [A] order of elimination, 0 first
        "elimination_count",  # [1]
        "contender",  # [A] 1 for actors whose elimination is recorded
        "shift_mark",  # [K] position of a claim's actor when its 'after' set fell
        "shift_taken",  # [K]
        "shift_logged",  # [A, X] positions as last reported in the chronicle
        "leader",  # [3]: dominant actor, month dominance began, current streak
        "streak_actor",  # [1]
        "perceived0",  # [A] mean perceived power at the start
        "log",  # [LOG_CAPACITY, LOG_WIDTH]
        "log_count",  # [1]
        # Scratch space, so that no mechanism allocates while a history runs.
        "order",  # [A] the month's order of play
        "power_view",  # [A] the top body's shared view of power
        "blocs",  # [A + 1] seats by bloc leader
        "players",  # [MAX_PLAYERS] actors in the coalition search
        "player_power",  # [MAX_PLAYERS]
        "accepts",  # [MAX_PLAYERS]
        "subset_total",  # [2 ** MAX_PLAYERS]
        "subset_flags",  # [2 ** MAX_PLAYERS, 2]: acceptable, self-enforcing
        # Kept so that the hot loops need not recompute them.
        "misjudgement",  # [A, A] exp(perception noise * bias), fixed for a history
        "camp",  # [A] bloc leader of each actor; refreshed whenever anyone's activity changes
        "office_weight",  # [O] total resources of a power-base office, 0 if none
        "base",  # [A] each actor's power-base office or -1; refreshed when an office changes hands
        "stopwatch",  # [STOPWATCH_SLOTS] cycles per step of the month when profiled, else empty
    ],
)


def new_state(world, timed=False):
    """Allocate a State sized for ``world``; ``history.reset`` fills it per history.
    A ``timed`` State carries a stopwatch for the profiler.

    Written positionally in the fields' order so Numba can compile it too."""
    n_actors = world.status0.shape[0]
    n_axes = world.position0.shape[1]
    n_cadres = world.delegates0.shape[0]
    slots = STOPWATCH_SLOTS if timed else 0
    n_claims = world.claim_kind.shape[0]
    return State(
        np.zeros(n_actors, np.int64),  # status
        np.zeros(n_actors, np.int64),  # incapacitated
        np.zeros((n_actors, n_axes), np.float64),  # position
        np.zeros(n_actors, np.float64),  # prestige
        np.zeros(n_actors, np.float64),  # health
        np.zeros(n_actors, np.float64),  # visibility
        np.zeros(n_actors, np.int64),  # patron
        np.zeros((n_actors, n_actors), np.float64),  # trust
        np.zeros(n_actors, np.int64),  # faction
        np.zeros(n_actors, np.int64),  # recanted
        np.zeros(n_actors, np.float64),  # heir
        np.zeros(n_actors, np.float64),  # offence
        np.zeros((n_actors, n_actors), np.float64),  # bias
        np.zeros(n_actors, np.float64),  # power
        np.zeros(n_actors, np.float64),  # visible
        np.zeros(world.holder0.shape[0], np.int64),  # holder
        np.zeros(n_cadres, np.float64),  # delegates
        np.zeros(n_cadres, np.int64),  # cadre_patron
        np.zeros(n_cadres, np.float64),  # loyalty
        np.zeros(n_actors + 1, np.float64),  # seat_share
        np.zeros(n_axes, np.float64),  # salience
        np.zeros(n_axes, np.float64),  # mood
        np.zeros(n_axes, np.float64),  # mood_shock
        np.zeros(n_axes, np.float64),  # line
        np.zeros(n_axes, np.float64),  # line_logged
        np.zeros(1, np.int64),  # coalition
        np.zeros(n_actors, np.float64),  # coalition_shares
        np.zeros(1, np.int64),  # members_at_solve
        np.zeros(n_actors, np.int64),  # last_motion
        np.zeros(world.event_month.shape[0], np.int64),  # pending_document
        np.zeros(world.event_month.shape[0], np.int64),  # document_sponsor
        np.zeros((n_actors, n_actors), np.int64),  # allied
        np.zeros(n_actors, np.int64),  # eliminated
        np.zeros(n_actors, np.int64),  # manner
        np.zeros(n_actors, np.int64),  # elimination_rank
        np.zeros(1, np.int64),  # elimination_count
        np.zeros(n_actors, np.int64),  # contender
        np.zeros(n_claims, np.float64),  # shift_mark
        np.zeros(n_claims, np.int64),  # shift_taken
        np.zeros((n_actors, n_axes), np.float64),  # shift_logged
        np.zeros(3, np.int64),  # leader
        np.zeros(1, np.int64),  # streak_actor
        np.zeros(n_actors, np.float64),  # perceived0
        np.zeros((LOG_CAPACITY, LOG_WIDTH), np.int32),  # log
        np.zeros(1, np.int64),  # log_count
        np.arange(n_actors),  # order
        np.zeros(n_actors, np.float64),  # power_view
        np.zeros(n_actors + 1, np.float64),  # blocs
        np.zeros(MAX_PLAYERS, np.int64),  # players
        np.zeros(MAX_PLAYERS, np.float64),  # player_power
        np.zeros(MAX_PLAYERS, np.int64),  # accepts
        np.zeros(2**MAX_PLAYERS, np.float64),  # subset_total
        np.zeros((2**MAX_PLAYERS, 2), np.int8),  # subset_flags
        np.zeros((n_actors, n_actors), np.float64),  # misjudgement
        np.zeros(n_actors, np.int64),  # camp
        np.zeros(world.holder0.shape[0], np.float64),  # office_weight
        np.zeros(n_actors, np.int64),  # base
        np.zeros(slots, np.uint64),  # stopwatch
    )
