"""The command line: a thin face over the Python API in ``politburo.api``.

    politburo run [--scenario NAME|PATH] [--seed N] [--json]
    politburo validate [--scenario NAME|PATH] [-n RUNS] [--seed N] [--json]
    politburo ensemble [--scenario NAME|PATH] [-n RUNS] [--seed N] [--workers K]
                       [--dask ADDRESS|local:K] [--out DIR] [--resume] [--events] [--json]
    politburo query DIR "SQL" [--json]
    politburo bench [--json]
    politburo scenarios [--json]
    politburo schema

A user's mistake (a broken scenario file, an unknown scenario, a bad number)
ends with one line on stderr, ``error: <message>``, and exit code 2.  The
checks are the API's own (``api.check_runs`` and the like), called here with
the flags' names so that the message names the flag the user typed.

Like every face, this module imports ``politburo.api`` and nothing else of the
package but its version.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import __version__, api

DEFAULT_SCENARIO = "ussr-1924"
USAGE_ERROR = 2
COMPILING = "Compiling the simulation engine (first run only, about two minutes)..."
WAITING = "Waiting for the simulation engine, which is being compiled in the background..."
TOP_PERCEIVED = 8

app = typer.Typer(
    name="politburo",
    help="Simulate power struggles inside collective leaderships.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ScenarioOption = Annotated[
    str,
    typer.Option(
        "--scenario",
        "-s",
        help="A built-in scenario's id (see 'politburo scenarios') or a YAML file.",
    ),
]
SeedOption = Annotated[int, typer.Option("--seed", help="Root seed (0 or more).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# --- helpers ----------------------------------------------------------------------


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """One line on stderr and exit code 2: how every user mistake ends."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(USAGE_ERROR)


@contextmanager
def user_errors() -> Iterator[None]:
    """The API's refusals (a broken scenario, a value out of range, a backend
    or a store that cannot be used) end in one line, like every user mistake."""
    try:
        yield
    except api.USER_ERRORS as exc:
        fail(str(exc))


def _finite(value: Any) -> Any:
    """NaN (a share of nothing) becomes null, so the output is valid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(_finite(data), indent=2, allow_nan=False))


def _announce_compilation() -> None:
    """Before a command that needs the compiled engine: wait for a compile
    already under way, or say that this one will compile it."""
    if api.engine_ready():
        return
    if api.compile_running():
        typer.echo(WAITING, err=True)
        api.wait_for_compile()
    else:
        typer.echo(COMPILING, err=True)


def _play_interpreted(arguments: list[str]) -> int:
    """Run this command again in a child process on the interpreted engine,
    which plays one history in well under a second, while the compiled engine
    is built in the background for the commands that play many.  The numbers
    are the same either way."""
    api.compile_in_background()
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    command = [sys.executable, "-m", "politburo", *arguments]
    # Passed on through this process's streams, wherever they lead.
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


def _percent(share: api.Share) -> str:
    if not math.isfinite(share.value):
        return "n/a"
    return f"{100 * share.value:.1f}%"


def _interval(share: api.Share) -> str:
    return f"{100 * share.low:.1f}-{100 * share.high:.1f}%"


# --- commands ---------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"politburo {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Simulate power struggles inside collective leaderships."""


@app.command()
def run(
    scenario: ScenarioOption = DEFAULT_SCENARIO,
    seed: SeedOption = 0,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Also tell appeals to the rank and file and minor shifts."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Play one history and tell it: a dated chronicle, then the outcome."""
    with user_errors():
        api.check_seed(seed, "--seed")
        compiled = api.load(scenario)
        if not api.engine_ready():
            arguments = ["run", "--scenario", scenario, "--seed", str(seed)]
            arguments += ["--all"] * everything + ["--json"] * as_json
            raise typer.Exit(_play_interpreted(arguments))
        history = api.run(compiled, seed=seed)
    if as_json:
        _print_json(api.history_json(history))
        return
    out = _out()
    meta = compiled.scenario.meta
    out.print(Text(f"{meta.name} (seed {seed})", style="bold"))
    out.print()
    for entry in api.entries(history) if everything else api.main_entries(history):
        out.print(Text.assemble((entry.date, "cyan"), "  ", entry.text))
    out.print()
    out.print(Text("Outcome", style="bold"))
    for line in api.outcome_lines(history):
        out.print(Text(line))


@app.command()
def scenarios(as_json: JsonOption = False) -> None:
    """List the built-in scenarios."""
    listed = api.builtin_scenarios()
    if as_json:
        _print_json([{"id": ident, "name": name} for ident, name in listed])
        return
    table = Table("id", "name", box=None, header_style="bold")
    for ident, name in listed:
        table.add_row(ident, name)
    _out().print(table)


@app.command()
def schema(as_json: JsonOption = False) -> None:
    """Print the JSON Schema of the scenario format (JSON either way)."""
    typer.echo(json.dumps(api.json_schema(), indent=2))


@app.command()
def validate(
    scenario: ScenarioOption = DEFAULT_SCENARIO,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Histories to simulate.")] = 2000,
    seed: SeedOption = 0,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Threads to run on; the numbers do not change.")
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    """Simulate many histories and hold them against the scenario's real history."""
    with user_errors():
        api.check_runs(runs, "--runs")
        api.check_workers(workers, "--workers")
        api.check_seed(seed, "--seed")
        compiled = api.load(scenario)
        api.check_history(compiled.scenario)
        _announce_compilation()
        progress = _progress(runs)
        with progress:
            result = api.validate(
                compiled,
                runs=runs,
                seed=seed,
                progress=lambda done: progress.advance(progress.task_ids[0], done),
                workers=workers,
            )
    if as_json:
        _print_json(result.as_json())
        return
    _print_validation(compiled, result)


def _print_validation(compiled: api.Compiled, result: api.Validation) -> None:
    out = _out()
    names = api.Names(compiled)
    index = {actor: i for i, actor in enumerate(compiled.actor_ids)}

    def name(actor: str | None) -> str:
        return "nobody" if actor is None or actor not in index else names.actor(index[actor])

    leader = name(result.historical_leader)
    out.print(
        Text(f"{compiled.scenario.meta.name}: {result.runs} runs, seed {result.seed}", style="bold")
    )
    summary = Table("measure", "value", "95% CI", box=None, header_style="bold")
    summary.add_row(
        f"{leader} becomes dominant", _percent(result.p_leader), _interval(result.p_leader)
    )
    when = (
        f" within {api.DATE_WINDOW} months of {result.historical_date}"
        if result.historical_date
        else ""
    )
    summary.add_row(
        f"... and{when}",
        _percent(result.p_leader_by_date),
        _interval(result.p_leader_by_date),
    )
    summary.add_row(f"median date of {leader}'s dominance", result.leader_median_date or "n/a", "")
    tau = result.elimination_order_tau
    summary.add_row(
        "elimination order vs history (Kendall tau)",
        f"{tau:+.2f}" if math.isfinite(tau) else "n/a",
        "",
    )
    out.print(summary)

    leaders = Table("who became dominant", "share", box=None, header_style="bold")
    for actor, share in result.leaders.items():
        leaders.add_row("nobody" if actor == "none" else name(actor), f"{100 * share:.1f}%")
    out.print()
    out.print(leaders)

    if result.claims:
        claims = Table(
            f"claim (in runs where {leader} wins)", "held", "95% CI", box=None, header_style="bold"
        )
        for claim in result.claims:
            claims.add_row(claim.text, _percent(claim.share), _interval(claim.share))
        out.print()
        out.print(claims)

    perceived = Table("perceived power at the start (mean)", "power", box=None, header_style="bold")
    for actor, power in list(result.perceived_start.items())[:TOP_PERCEIVED]:
        perceived.add_row(name(actor), f"{power:.3f}")
    out.print()
    out.print(perceived)


class _RunsPerSecond(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} runs/s", style="cyan")


def _progress(total: int, label: str = "Simulating") -> Progress:
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        _RunsPerSecond(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err(),
        transient=True,
    )
    progress.add_task("runs", total=total)
    return progress


@app.command()
def ensemble(
    scenario: ScenarioOption = DEFAULT_SCENARIO,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Histories to simulate.")] = 10_000,
    seed: SeedOption = 0,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Threads in this process. [default: every core]"),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run on Dask: 'local:K' starts K worker processes here, "
            "'tcp://HOST:PORT' uses a running scheduler.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Store every run as Parquet in this directory."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the interrupted ensemble in --out.")
    ] = False,
    events: Annotated[
        bool, typer.Option("--events", help="Also store every history's event log (large).")
    ] = False,
    chunk: Annotated[
        int | None,
        typer.Option("--chunk", help="Histories per chunk (default: 1,000-10,000 by size)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Simulate many histories: who comes out on top, how often, when, and after
    whose fall.  The numbers are the same on any number of workers or backends."""
    # Two rules of this face alone: the API ignores ``workers`` with Dask, and
    # keeps event logs in memory without a store, where they are not printed.
    if dask is not None and workers is not None:
        fail("--workers and --dask do not go together: with Dask, say local:K")
    if events and out is None:
        fail("--events needs --out: event logs are only kept in a results store")
    with user_errors():
        api.check_runs(runs, "--runs")
        if workers is not None:
            api.check_workers(workers, "--workers")
        api.check_chunk(chunk, "--chunk")
        api.check_resume(resume, out, ("--resume", "--out"))
        api.check_seed(seed, "--seed")
        compiled = api.load(scenario)
    if workers is None:
        workers = 1 if dask is not None else len(os.sched_getaffinity(0))
    _announce_compilation()
    progress = _progress(runs)
    try:
        with user_errors(), progress:
            result = api.ensemble(
                compiled,
                n=runs,
                seed=seed,
                workers=workers,
                dask=dask,
                out=out,
                resume=resume,
                events=events,
                chunk=chunk,
                progress=lambda done: progress.advance(progress.task_ids[0], done),
            )
    except KeyboardInterrupt:
        kept = " The finished chunks are stored: rerun with --resume." if out else ""
        typer.echo(f"error: interrupted.{kept}", err=True)
        raise typer.Exit(130) from None
    summary = result.summary()
    if as_json:
        _print_json(summary.as_json())
        return
    _print_summary(compiled, summary, result)


def _print_summary(
    compiled: api.Compiled, summary: api.Summary, result: api.EnsembleResult
) -> None:
    out = _out()
    out.print(
        Text(
            f"{compiled.scenario.meta.name}: {summary.runs:,} histories, seed {summary.seed}",
            style="bold",
        )
    )
    leaders = Table(
        "dominant by the end", "P", "95% CI", "median date", box=None, header_style="bold"
    )
    never = [leader for leader in summary.leaders if leader.share.value == 0]
    for leader in summary.leaders:
        if leader.share.value > 0:
            leaders.add_row(
                f"{leader.name} ({leader.actor})",
                _percent(leader.share),
                _interval(leader.share),
                leader.median_date or "",
            )
    leaders.add_row("nobody", _percent(summary.none), _interval(summary.none), "")
    out.print(leaders)
    if never:
        bound = max(leader.share.high for leader in never)
        out.print(
            Text(
                f"{len(never)} others were never dominant (each P below {100 * bound:.2f}%).",
                style="dim",
            )
        )
    orders = Table("order of political defeats", "share", box=None, header_style="bold")
    for order in summary.orders:
        orders.add_row(order.order or "(nobody defeated)", _percent(order.share))
    out.print()
    out.print(orders)
    out.print(Text(f"{summary.distinct_orders:,} distinct orders in all.", style="dim"))
    footer = f"{summary.runs_per_second:,.0f} runs/s" if summary.runs_per_second else ""
    if result.store is not None:
        footer += f"; stored in {result.store.directory} (politburo query)"
    if footer:
        out.print()
        out.print(Text(footer.lstrip("; "), style="dim"))


@app.command("query")
def query_command(
    directory: Annotated[Path, typer.Argument(help="A results directory (ensemble --out).")],
    sql: Annotated[
        str, typer.Argument(help="DuckDB SQL over the tables runs, eliminations and events.")
    ],
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Rows to show in the table (JSON has all).")
    ] = 50,
    as_json: JsonOption = False,
) -> None:
    """Ask a stored ensemble a question in SQL."""
    with user_errors():
        table = api.query(directory, sql)
    rows = table.to_pylist()
    if as_json:
        typer.echo(json.dumps(_finite(rows), indent=2, default=str, allow_nan=False))
        return
    shown = Table(*table.column_names, box=None, header_style="bold")
    for row in rows[:max_rows]:
        shown.add_row(*("" if value is None else str(value) for value in row.values()))
    out = _out()
    out.print(shown)
    if len(rows) > max_rows:
        out.print(Text(f"... {len(rows) - max_rows:,} more rows (--max-rows, --json)", style="dim"))


@app.command()
def bench(
    scenario: ScenarioOption = DEFAULT_SCENARIO,
    sizes: Annotated[
        str,
        typer.Option("--sizes", help="Ensemble sizes to time, comma-separated."),
    ] = "10000,100000,1000000",
    ratio_runs: Annotated[
        int,
        typer.Option("--ratio-runs", help="Histories for the 1-vs-2-worker and Dask ratios."),
    ] = 20_000,
    as_json: JsonOption = False,
) -> None:
    """Measure throughput and memory against the project's performance targets."""
    try:
        counts = tuple(int(size.replace("_", "")) for size in sizes.split(","))
    except ValueError:
        fail(f"--sizes must be whole numbers separated by commas, not {sizes!r}")
    err = _err()
    with user_errors():
        for count in counts:
            api.check_runs(count, "each of --sizes")
        api.check_runs(ratio_runs, "--ratio-runs")
        report = api.benchmark(
            scenario,
            counts,
            ratio_runs,
            say=lambda line: err.print(Text(line + " ...", style="dim")),
        )
    data = report.as_json()
    if as_json:
        _print_json(data)
        return
    table = Table("measure", "value", "target", "met", box=None, header_style="bold")
    for runs, rate in data["histories_per_second_by_runs"].items():
        table.add_row(f"histories/s at {int(runs):,} runs", f"{rate:,.0f}", "", "")
    for name, target in data["targets"].items():
        value = data[name]
        shown = "n/a" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
        table.add_row(name, shown, f"{target:,g}", "yes" if data["met"][name] else "no")
    for runs, mb in data["peak_rss_mb_by_runs"].items():
        table.add_row(f"peak RSS at {int(runs):,} runs (MiB)", f"{mb:,.0f}", "", "")
    for name, rate in data["rates"].items():
        table.add_row(f"rate, {name.replace('_', ' ')}", f"{rate:,.1f}", "", "")
    _out().print(table)


@app.command()
def audit(
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            help="A built-in scenario's id or a YAML file; every built-in scenario if left out.",
        ),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Histories to check.")] = 500,
    seed: SeedOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Check every line of many histories against the plausibility rules that
    follow from the scenario's own data; exits 1 if any rule is broken."""
    with user_errors():
        api.check_runs(runs, "--runs")
        api.check_seed(seed, "--seed")
        scenarios = (
            [scenario] if scenario is not None else [ident for ident, _ in api.builtin_scenarios()]
        )
        compiled = [api.load(name) for name in scenarios]
        _announce_compilation()
        reports = [api.audit(one, runs, seed) for one in compiled]
    if as_json:
        data = [report.to_dict() for report in reports]
        _print_json(data[0] if scenario is not None else data)
    else:
        out = _out()
        for report in reports:
            _print_audit(out, report)
    if any(report.violations for report in reports):
        raise typer.Exit(1)


def _print_audit(out: Console, report: api.AuditReport) -> None:
    out.print(
        Text(
            f"{report.scenario}: {report.runs:,} histories, seed {report.seed}, "
            f"{report.rows:,} lines checked, {report.violations:,} violations",
            style="bold",
        )
    )
    table = Table("rule", "violations", box=None, header_style="bold")
    for rule, description in api.AUDIT_RULES.items():
        count = report.counts.get(rule, 0)
        table.add_row(description, f"{count:,}", style=None if count == 0 else "red")
    out.print(table)
    for rule in api.AUDIT_RULES:
        example = report.examples.get(rule)
        if example is not None:
            out.print(Text(f"  {rule}, history {example.history}: ", style="bold"), end="")
            out.print(Text(f"{report.lines.get(rule, example.entry)}"))
            out.print(Text(f"    {example.why}", style="dim"))
    out.print()


@app.command()
def profile(
    scenario: ScenarioOption = DEFAULT_SCENARIO,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Histories to time.")] = 2_000,
    seed: SeedOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Show where a history's time goes: processor cycles per step of the month,
    timed inside the compiled engine on one thread."""
    with user_errors():
        api.check_runs(runs, "--runs")
        api.check_seed(seed, "--seed")
        compiled = api.load(scenario)
        _announce_compilation()
        steps = api.profile(compiled, runs, seed)
    data = steps.as_json()
    if as_json:
        _print_json(data)
        return
    table = Table("step of the month", "cycles a history", "share", box=None, header_style="bold")
    for row in data["steps"]:
        table.add_row(row["step"], f"{row['cycles']:,}", f"{100 * row['share']:.1f}%")
    table.add_row("all", f"{data['cycles_per_history']:,}", "100.0%", style="bold")
    out = _out()
    out.print(table)
    out.print(
        Text(
            f"{runs:,} histories of {data['scenario']}, seed {seed}; "
            f"{data['histories_per_second']:,.0f} histories/s on one thread while timed.",
            style="dim",
        )
    )


# --- entry point ------------------------------------------------------------------


def _usage_errors() -> tuple[type[Exception], ...]:
    """The classes of Typer's (and Click's) own usage errors, whichever Typer this is."""
    classes: list[type[Exception]] = []
    typer_error = getattr(typer, "TyperException", None)  # Typer that bundles its own Click
    if isinstance(typer_error, type):
        classes.append(typer_error)
    try:
        import click

        classes.append(click.ClickException)
    except ImportError:  # pragma: no cover - Typer without Click
        pass
    return tuple(classes)


def main() -> None:
    """The ``politburo`` console script: Typer's own usage errors also end in one line."""
    try:
        code = app(standalone_mode=False)
    except _usage_errors() as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # Typer has already shown the help
            code = 0
        else:
            message = exc.format_message()  # type: ignore[attr-defined]
            typer.echo(f"error: {' '.join(message.split())}", err=True)
            code = getattr(exc, "exit_code", USAGE_ERROR)
    except typer.Abort:
        typer.echo("error: interrupted", err=True)
        code = 130
    except BrokenPipeError:  # e.g. 'politburo run | head'
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
