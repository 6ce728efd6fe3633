#!/usr/bin/env python3
"""Per-constraint summary of an experiment on a task with several constraints (docs/RESULTS.md).

`cpo-node experiment`'s summary.csv and plots cover the first constraint only; this reads every run's
progress.csv under EXPERIMENT/TASK/ALGO/seed-N, whose columns cost_<name> and limit_<name> exist for a task
with more than one constraint, and prints one Markdown row per algorithm: the final return (last iteration,
mean ± sample sd over seeds, each seed's in brackets) and, per constraint, the mean episode cost over the last
LAST iterations against its limit and the share of the iterations after the first WARMUP with that cost <=
1.1 x its limit (the factor of the experiment's violation fraction), then the share with every constraint so.

    scripts/constraint-summary.py EXPERIMENT TASK [--last 10] [--warmup 10]
"""
import argparse
import csv
import statistics
import sys
from pathlib import Path

FACTOR = 1.1


def spread(values, decimals):
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.{decimals}f} ± {sd:.{decimals}f}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("experiment", type=Path)
    p.add_argument("task")
    p.add_argument("--last", type=int, default=10)
    p.add_argument("--warmup", type=int, default=10)
    a = p.parse_args()
    task_dir = a.experiment / a.task
    algos = sorted(d.name for d in task_dir.iterdir() if d.is_dir()) if task_dir.is_dir() else []
    if not algos:
        sys.exit(f"no runs under {task_dir}")
    names = None
    lines = []
    for algo in algos:
        runs = []
        for seed_dir in sorted((task_dir / algo).glob("seed-*"), key=lambda d: int(d.name[5:])):
            rows = list(csv.DictReader(open(seed_dir / "progress.csv")))
            run_names = [h[6:] for h in rows[0] if h.startswith("limit_")]
            if not run_names:
                sys.exit(f"{seed_dir}: no per-constraint columns (a task with one constraint)")
            names = names or run_names
            if run_names != names:
                sys.exit(f"{seed_dir}: constraints {run_names}, other runs {names}")
            runs.append(rows)
        finals = [float(r[-1]["return"]) for r in runs]
        cells = [f"{spread(finals, 1)} ({', '.join(f'{v:.1f}' for v in finals)})"]
        for n in names:
            last = [statistics.fmean(float(x[f"cost_{n}"]) for x in r[-a.last:]) for r in runs]
            limit = float(runs[0][-1][f"limit_{n}"])
            within = [sum(float(x[f"cost_{n}"]) <= FACTOR * float(x[f"limit_{n}"]) for x in r[a.warmup:])
                      / max(1, len(r) - a.warmup) for r in runs]
            cells.append(f"{spread(last, 2)} / {limit:g}")
            cells.append(f"{100 * statistics.fmean(within):.1f} %")
        every = [sum(all(float(x[f"cost_{n}"]) <= FACTOR * float(x[f"limit_{n}"]) for n in names)
                     for x in r[a.warmup:]) / max(1, len(r) - a.warmup) for r in runs]
        cells.append(f"{100 * statistics.fmean(every):.1f} %")
        its = {len(r) for r in runs}
        lines.append(f"| {algo} (n = {len(runs)}, {'/'.join(map(str, sorted(its)))} it.) | " + " | ".join(cells) + " |")
    head = ["algorithm", "final return"]
    for n in names:
        head += [f"{n}: cost, last {a.last} / limit", f"{n} ≤ 1.1 × limit"]
    head.append("all ≤ 1.1 × limit")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
