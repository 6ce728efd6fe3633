#!/usr/bin/env python3
"""Open-loop plans for point-circle, to see which strategies exist and what they are worth (docs/RESULTS.md).

The task restated for scipy from src/main/java/org/cponode/sim/PointCircle.java (the reference): start near the
origin heading along +x (x, y and heading each N(0, 0.01^2), rllab's reset noise), normalised actions in [-1, 1]
(forward step 1, turn 0.25 rad), reward (-y dx + x dy) / (1 + |r - 15|), cost 1[|x| > 2.5], horizon uniform on
50..64 and unknown in advance, so step t counts with weight P(H >= t). A plan is a fixed sequence of 64 actions;
its value is the expected return subject to an expected cost <= LIMIT, averaged over 32 fixed draws of the start
noise (a plan tuned to the exact origin rides the corridor's edge and loses it to 0.01 of heading). The hard cost
is smoothed (a logistic of width 0.05) for L-BFGS-B, with a quadratic penalty on the excess cost raised in four
stages; every number printed is the exact (unsmoothed) value.

Each start is optimised:
  random        small random actions: where local search from an untrained plan goes
  wait-and-go   stand still for 27 steps, up the right edge, the top chord westward, out along the circle
                (what CPO's policies learn)
  loop          to the top right, the top chord westward, a loop back inside the corridor, the chord again, out
  lap           down the left edge, the bottom chord, up the right edge (longer than the horizon)
The starts are paths through waypoints driven by a simple pursuit controller.

Usage: scripts/point-circle-plans.py [LIMIT]   (default 5, the task's limit; needs numpy and scipy)
"""
import sys

import numpy as np
from scipy.optimize import minimize

STEPS = 64
WEIGHT = np.array([1.0 if t < 50 else (65 - t) / 15 for t in range(1, STEPS + 1)])
START = np.random.default_rng(1).normal(0.0, 0.01, size=(3, 32))


def rollout(actions, smooth):
    """Expected return and cost of a plan over the start draws, and the mean path."""
    a = np.clip(actions.reshape(STEPS, 2), -1, 1)
    x, y, heading = START.copy()
    ret = cost = 0.0
    path = []
    for t in range(STEPS):
        heading = heading + 0.25 * a[t, 1]
        dx, dy = np.cos(heading) * a[t, 0], np.sin(heading) * a[t, 0]
        x, y = x + dx, y + dy
        ret += WEIGHT[t] * np.mean((-y * dx + x * dy) / (1 + np.abs(np.hypot(x, y) - 15)))
        outside = 1 / (1 + np.exp(-(np.abs(x) - 2.5) / 0.05)) if smooth else (np.abs(x) > 2.5).astype(float)
        cost += WEIGHT[t] * np.mean(outside)
        path.append((np.mean(x), np.mean(y)))
    return ret, cost, path


def optimise(start, limit):
    a = start
    for penalty in (1, 10, 100, 1000):
        def objective(v):
            ret, cost, _ = rollout(v, smooth=True)
            return -ret + penalty * max(0.0, cost - limit) ** 2
        a = minimize(objective, a, method="L-BFGS-B", bounds=[(-1, 1)] * (2 * STEPS),
                     options={"maxiter": 300}).x
    return a


def pursue(waypoints, wait=0):
    """Actions of a pursuit controller through (x, y, speed) waypoints after standing still for `wait` steps."""
    x = y = heading = 0.0
    i = 0
    actions = [(0.0, 0.0)] * wait
    for _ in range(STEPS - wait):
        tx, ty, speed = waypoints[i]
        if np.hypot(tx - x, ty - y) < 0.6 and i < len(waypoints) - 1:
            i += 1
            tx, ty, speed = waypoints[i]
        error = (np.arctan2(ty - y, tx - x) - heading + np.pi) % (2 * np.pi) - np.pi
        turn = np.clip(error / 0.25, -1, 1)
        forward = speed * max(0.0, np.cos(error)) ** 4 if abs(error) < 1.2 else 0.0
        heading += 0.25 * turn
        x, y = x + np.cos(heading) * forward, y + np.sin(heading) * forward
        actions.append((forward, turn))
    return np.array(actions).ravel()


def main():
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    rng = np.random.default_rng(0)
    starts = [("random start %d" % k, rng.uniform(-0.5, 0.5, 2 * STEPS)) for k in range(2)]
    starts.append(("wait-and-go", pursue([(2.2, 14.0, 1), (2.2, 14.85, 0.6), (-2.2, 14.85, 1), (-8, 13, 1),
                                          (-12, 9, 1), (-14.5, 4, 1)], wait=27)))
    starts.append(("loop", pursue([(2.2, 14.0, 1), (2.2, 14.85, 0.6), (-2.2, 14.85, 1), (-2.2, 12.5, 0.6),
                                   (2.2, 12.5, 1), (2.2, 14.85, 0.6), (-2.2, 14.85, 1), (-8, 13, 1),
                                   (-12, 9, 1), (-14.5, 4, 1)])))
    starts.append(("lap", pursue([(0, -1, 0.3), (-2.2, -14.85, 1), (2.2, -14.85, 1), (2.2, 14.85, 1),
                                  (-2.2, 14.85, 1), (-8, 13, 1)])))
    print("expected cost limit %.2f" % limit)
    for name, start in starts:
        plan = optimise(start, limit)
        ret, cost, path = rollout(plan, smooth=False)
        print("%-30s return %6.1f  cost %5.2f" % (name, ret, cost))
        print("    path every 4 steps: " + " ".join("(%.1f, %.1f)" % path[t] for t in range(3, STEPS, 4)))


if __name__ == "__main__":
    main()
