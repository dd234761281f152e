"""Holding simulated histories against the real one.

Every share comes with a 95% Wilson score interval.  Claims are judged over
the histories in which the historical leader wins, because they describe how
he won.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model.world import NO_MONTH
from ..scenario.schema import month_index
from .requests import check_history
from .runner import Ensemble
from .statistics import Share, median_month, wilson

DATE_WINDOW = 12  # months either side of the historical date


def kendall_tau(simulated_rank: np.ndarray, real_order: list[int]) -> np.ndarray:
    """Kendall's tau-a between each run's order of elimination and the real one.

    ``simulated_rank`` is [runs, A] with survivors ranked last (ties count 0)."""
    ranks = simulated_rank[:, real_order]
    n = len(real_order)
    pairs = n * (n - 1) // 2
    if pairs == 0:
        return np.zeros(ranks.shape[0])
    score = np.zeros(ranks.shape[0])
    for earlier in range(n):
        for later in range(earlier + 1, n):
            score += np.sign(ranks[:, later] - ranks[:, earlier])
    return score / pairs


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    share: Share


@dataclass(frozen=True)
class Validation:
    scenario: str
    runs: int
    seed: int
    historical_leader: str | None
    historical_date: str | None
    p_leader: Share
    p_leader_by_date: Share
    leader_median_date: str | None
    leaders: dict[str, float]
    elimination_order_tau: float
    claims: list[Claim]
    perceived_start: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "scenario": self.scenario,
            "runs": self.runs,
            "seed": self.seed,
            "historical_leader": self.historical_leader,
            "historical_date": self.historical_date,
            "p_leader": self.p_leader.as_json(),
            "p_leader_by_date": self.p_leader_by_date.as_json(),
            "leader_median_date": self.leader_median_date,
            "leaders": {name: round(value, 4) for name, value in self.leaders.items()},
            "elimination_order_tau": round(self.elimination_order_tau, 4),
            "claims": [{"id": c.id, "text": c.text, **c.share.as_json()} for c in self.claims],
            "perceived_start": {k: round(v, 4) for k, v in self.perceived_start.items()},
        }


def validate(ensemble: Ensemble) -> Validation:
    compiled = ensemble.compiled
    scenario = compiled.scenario
    history = check_history(scenario)
    ids = compiled.actor_ids
    runs = ensemble.runs
    leaders = {actor: float(np.mean(ensemble.leader == index)) for index, actor in enumerate(ids)}
    leaders = {actor: share for actor, share in leaders.items() if share > 0.0}
    leaders["none"] = float(np.mean(ensemble.leader < 0))

    target = -1 if history.leader is None else compiled.actor_index(history.leader)
    wins = ensemble.leader == target if target >= 0 else ensemble.leader < 0
    p_leader = wilson(int(wins.sum()), runs)
    on_time = wins.copy()
    if history.date is not None:
        real = month_index(history.date) - compiled.start
        on_time &= np.abs(ensemble.leader_month - real) <= DATE_WINDOW
    p_by_date = wilson(int(on_time.sum()), runs)
    # The same median as an ensemble's summary: the lower median month.
    dated = ensemble.leader_month[wins & (ensemble.leader_month != NO_MONTH)]
    median = median_month(np.bincount(dated))

    # The order is judged among those who were in the contest when it began.
    initially_out = compiled.fact("actor_codes", "incapacitated").astype(bool)
    real_order = [
        compiled.actor_index(e.actor)
        for e in history.eliminations
        if not initially_out[compiled.actor_index(e.actor)]
    ]
    ranks = np.where(ensemble.eliminated == NO_MONTH, len(ids) + 1, ensemble.rank)
    tau = float(np.mean(kendall_tau(ranks, real_order))) if real_order else float("nan")

    claims = []
    for k, spec in enumerate(history.claims):
        held = ensemble.verdicts[wins, k]
        claims.append(Claim(spec.id, spec.text, wilson(int(held.sum()), int(wins.sum()))))
    perceived = {
        actor: float(np.mean(ensemble.perceived_start[:, index])) for index, actor in enumerate(ids)
    }
    return Validation(
        scenario=scenario.meta.id,
        runs=runs,
        seed=ensemble.seed,
        historical_leader=history.leader,
        historical_date=history.date,
        p_leader=p_leader,
        p_leader_by_date=p_by_date,
        leader_median_date=None if median is None else compiled.month_label(median),
        leaders=dict(sorted(leaders.items(), key=lambda item: -item[1])),
        elimination_order_tau=tau,
        claims=claims,
        perceived_start=dict(sorted(perceived.items(), key=lambda item: -item[1])),
    )
