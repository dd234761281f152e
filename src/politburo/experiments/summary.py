"""What an ensemble says: who came out on top, how often, when, and after
which defeats.

A ``Tally`` is fed the ``runs`` table of one chunk at a time and keeps only
counts, so memory stays flat however many histories stream past; chunks may
arrive in any order (from a cluster, or read back from a store) and give the
same summary.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..scenario.compile import Compiled
from .statistics import Share, median_month, wilson

TOP_ORDERS = 5


@dataclass(frozen=True)
class LeaderShare:
    actor: str
    name: str
    share: Share
    median_date: str | None


@dataclass(frozen=True)
class OrderShare:
    order: str  # "a > b > c"; "" when nobody was defeated
    share: Share


@dataclass(frozen=True)
class Summary:
    scenario: str
    seed: int
    runs: int
    leaders: list[LeaderShare]  # every actor, most often dominant first
    none: Share  # nobody dominant by the end
    orders: list[OrderShare]  # the most frequent orders of elimination
    distinct_orders: int
    runs_per_second: float | None = None

    def as_json(self) -> dict:
        def rounded(share: Share) -> dict:
            return {"p": round(share.value, 6), "ci": [round(share.low, 6), round(share.high, 6)]}

        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "runs": self.runs,
            "leaders": {
                leader.actor: {**rounded(leader.share), "median_date": leader.median_date}
                for leader in self.leaders
            },
            "p_none": round(self.none.value, 6),
            "p_none_ci": [round(self.none.low, 6), round(self.none.high, 6)],
            "orders": [{"order": o.order, **rounded(o.share)} for o in self.orders],
            "distinct_orders": self.distinct_orders,
            "runs_per_second": None
            if self.runs_per_second is None
            else round(self.runs_per_second, 1),
        }

    def _repr_html_(self) -> str:
        def percent(share: Share) -> str:
            return f"{share.value:.1%} <small>[{share.low:.1%}, {share.high:.1%}]</small>"

        rows = "".join(
            f"<tr><td>{html.escape(leader.name)}</td><td>{percent(leader.share)}</td>"
            f"<td>{leader.median_date or '&ndash;'}</td></tr>"
            for leader in self.leaders
            if leader.share.value > 0
        )
        rows += f"<tr><td><i>nobody</i></td><td>{percent(self.none)}</td><td></td></tr>"
        orders = "".join(
            f"<tr><td>{html.escape(o.order or '(nobody defeated)')}</td>"
            f"<td>{percent(o.share)}</td></tr>"
            for o in self.orders
        )
        return (
            f"<div><b>{html.escape(self.scenario)}</b>: {self.runs:,} histories, seed {self.seed}"
            "<table><thead><tr><th>dominant</th><th>P (95% CI)</th><th>median date</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
            "<table><thead><tr><th>order of elimination</th><th>share</th></tr></thead>"
            f"<tbody>{orders}</tbody></table></div>"
        )


class Tally:
    """Running counts over the ``runs`` tables of an ensemble's chunks."""

    def __init__(self, compiled: Compiled, seed: int) -> None:
        self.compiled = compiled
        self.seed = seed
        self.runs = 0
        n_actors = len(compiled.actor_ids)
        # Month of dominance, per actor; the last column counts "never".
        self.months = np.zeros((n_actors, compiled.n_months + 1), np.int64)
        self.none = 0
        self.orders: Counter[str] = Counter()

    def add(self, runs: pa.Table) -> None:
        self.runs += runs.num_rows
        leader = pc.index_in(runs["leader"].cast(pa.string()), pa.array(self.compiled.actor_ids))
        leader = leader.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        month = runs["leader_month"].fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        won = leader >= 0
        self.none += int((~won).sum())
        month = np.where(month < 0, self.months.shape[1] - 1, month)
        np.add.at(self.months, (leader[won], month[won]), 1)
        counts = pc.value_counts(runs["elimination_order"].cast(pa.string()).fill_null(""))
        for entry in counts.to_pylist():
            self.orders[entry["values"]] += entry["counts"]

    def summary(self, runs_per_second: float | None = None, top: int = TOP_ORDERS) -> Summary:
        compiled = self.compiled
        names = {actor.id: actor.name for actor in compiled.scenario.actors}
        leaders = []
        for index, actor in enumerate(compiled.actor_ids):
            dated = self.months[index, :-1]
            median = median_month(dated)
            leaders.append(
                LeaderShare(
                    actor=actor,
                    name=names[actor],
                    share=wilson(int(self.months[index].sum()), self.runs),
                    median_date=None if median is None else compiled.month_label(median),
                )
            )
        leaders.sort(key=lambda leader: (-leader.share.value, leader.actor))
        common = sorted(self.orders.items(), key=lambda item: (-item[1], item[0]))[:top]
        return Summary(
            scenario=compiled.scenario.meta.id,
            seed=self.seed,
            runs=self.runs,
            leaders=leaders,
            none=wilson(self.none, self.runs),
            orders=[OrderShare(order, wilson(count, self.runs)) for order, count in common],
            distinct_orders=len(self.orders),
            runs_per_second=runs_per_second,
        )
