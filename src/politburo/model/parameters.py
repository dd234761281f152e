"""Names of the global behavioural parameters, in the order the engine reads them.

The values live in ``politburo/scenario/parameters.yaml``; the engine receives
them as one float array and reads each by the index below.
"""

NAMES: tuple[str, ...] = (
    "patronage_rate",
    "machine_shield",
    "client_loyalty",
    "loyalty_growth",
    "orphan_decay",
    "perception_noise",
    "visibility_action",
    "visibility_success",
    "visibility_decay",
    "hidden_share_seen",
    "weight_prestige",
    "weight_cadres",
    "weight_army",
    "weight_security",
    "weight_press",
    "weight_government",
    "weight_appointment",
    "coalition_alpha",
    "coalition_distance",
    "coalition_trust",
    "coalition_affinity_floor",
    "coalition_resolve",
    "attack_margin",
    "attack_rate",
    "motion_cooldown",
    "vote_noise",
    "vote_loyalty",
    "vote_ideology",
    "vote_prestige",
    "vote_fear",
    "vote_trust",
    "bloc_cohesion",
    "faction_gain",
    "faction_penalty",
    "cult_penalty",
    "recant_relief",
    "readmit_threshold",
    "shift_rate",
    "salience_decay",
    "mood_decay",
    "health_hazard",
    "document_damage",
    "leak_share",
    "heir_bonus",
    "recruitment_loyalty",
    "slate_power",
    "dominance_months",
    "independent_base",
    "collegiality",
    "offence_weight",
    "offence_decay",
)


P_PATRONAGE_RATE = 0
P_MACHINE_SHIELD = 1
P_CLIENT_LOYALTY = 2
P_LOYALTY_GROWTH = 3
P_ORPHAN_DECAY = 4
P_PERCEPTION_NOISE = 5
P_VISIBILITY_ACTION = 6
P_VISIBILITY_SUCCESS = 7
P_VISIBILITY_DECAY = 8
P_HIDDEN_SHARE_SEEN = 9
P_WEIGHT_PRESTIGE = 10
P_WEIGHT_CADRES = 11
P_WEIGHT_ARMY = 12
P_WEIGHT_SECURITY = 13
P_WEIGHT_PRESS = 14
P_WEIGHT_GOVERNMENT = 15
P_WEIGHT_APPOINTMENT = 16
P_COALITION_ALPHA = 17
P_COALITION_DISTANCE = 18
P_COALITION_TRUST = 19
P_COALITION_AFFINITY_FLOOR = 20
P_COALITION_RESOLVE = 21
P_ATTACK_MARGIN = 22
P_ATTACK_RATE = 23
P_MOTION_COOLDOWN = 24
P_VOTE_NOISE = 25
P_VOTE_LOYALTY = 26
P_VOTE_IDEOLOGY = 27
P_VOTE_PRESTIGE = 28
P_VOTE_FEAR = 29
P_VOTE_TRUST = 30
P_BLOC_COHESION = 31
P_FACTION_GAIN = 32
P_FACTION_PENALTY = 33
P_CULT_PENALTY = 34
P_RECANT_RELIEF = 35
P_READMIT_THRESHOLD = 36
P_SHIFT_RATE = 37
P_SALIENCE_DECAY = 38
P_MOOD_DECAY = 39
P_HEALTH_HAZARD = 40
P_DOCUMENT_DAMAGE = 41
P_LEAK_SHARE = 42
P_HEIR_BONUS = 43
P_RECRUITMENT_LOYALTY = 44
P_SLATE_POWER = 45
P_DOMINANCE_MONTHS = 46
P_INDEPENDENT_BASE = 47
P_COLLEGIALITY = 48
P_OFFENCE_WEIGHT = 49
P_OFFENCE_DECAY = 50

assert len(NAMES) == P_OFFENCE_DECAY + 1
