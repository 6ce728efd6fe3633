package org.cponode.control;

import org.cponode.learn.StepRing;
import org.cponode.task.CircleGeometry;

/**
 * Turns the steps the policy drove into learning paths for the online learner: each recorded action waits until
 * the next observation shows the reward and the cost of each constraint it earned, then goes into the {@link StepRing} with the charge
 * the {@link WindowArbiter} decided. A path ends where the policy stops driving (a take-over, a fault, a new
 * version, a new window, a range zone); with the measured charge, a path the supervisor cut short keeps its last
 * step open while the supervisor drives (to the window's end after a take-over, one step for a range zone) and
 * adds every cost observed meanwhile to it, so the path carries what its actions led to.
 * Allocation-free: the waiting step lives in buffers sized once.
 */
final class ExperienceRecorder {

    private final StepRing ring;
    private final int windowSteps;
    private final double[] observation;
    private final double[] normalized;
    private final double[] action;
    private double logProb;
    private int stepInWindow;
    private double reward;
    /** The waiting step's cost of each constraint. */
    private final double[] costs;
    /** A recorded action waits for its outcome. */
    private boolean pending;
    /** The waiting step's outcome is known, and it collects the costs of the supervisor's steps. */
    private boolean held;
    private long pathId;
    private long lastRecordedStep = -2;
    private long lastRecordedVersion = -1;
    private long lastRecordedWindow = -1;

    ExperienceRecorder(StepRing ring, int windowSteps, int observationSize, int actionSize) {
        this.ring = ring;
        this.costs = new double[ring.constraints()];
        this.windowSteps = windowSteps;
        this.observation = new double[observationSize];
        this.normalized = new double[observationSize];
        this.action = new double[actionSize];
    }

    /**
     * The outcome of the last step's action.
     *
     * @param charge what the arbiter charges the waiting step
     * @param supervisedSteps steps the supervisor takes over from this one on (the rest of the window at a
     *     take-over, one where a range zone holds the policy), 0 when the policy keeps driving
     * @param stepCosts the observed cost of each constraint. Not modified.
     */
    void observe(WindowArbiter.Charge charge, int supervisedSteps, double stepReward, double[] stepCosts) {
        if (charge == WindowArbiter.Charge.UNKNOWN) {
            if (held) {
                offer(); // its outcome was seen; the costs after the fault are not
            }
            pending = false;
            return;
        }
        if (held) {
            for (int i = 0; i < costs.length; i++) {
                costs[i] += stepCosts[i];
            }
            return;
        }
        if (!pending) {
            return;
        }
        reward = stepReward;
        System.arraycopy(stepCosts, 0, costs, 0, costs.length);
        if (supervisedSteps > 0 && charge == WindowArbiter.Charge.BOUND) {
            // The policy's path pays the most the supervisor's steps could cost, on every constraint.
            for (int i = 0; i < costs.length; i++) {
                costs[i] += supervisedSteps * CircleGeometry.MAX_STEP_COST;
            }
        }
        boolean takeOver = supervisedSteps > 0;
        if (takeOver && charge == WindowArbiter.Charge.MEASURED) {
            held = true;
        } else {
            offer();
        }
    }

    /** The window ends: a step held open for the supervisor's costs goes to the learner. */
    void windowClosed() {
        if (held) {
            offer();
        }
        pending = false;
    }

    /** The robot was moved by someone else: the waiting action's outcome can never be observed. */
    void pathBroken() {
        windowClosed();
        lastRecordedStep = -2;
    }

    /**
     * Keeps an action the policy just took until the next observation shows its outcome.
     *
     * @param step the control step, {@code window} the window it belongs to
     */
    void record(double[] rawObservation, double[] normalizedObservation, double[] actionTaken, double actionLogProb,
            long policyVersion, long step, long stepWindow) {
        if (held) {
            offer(); // a range zone held the policy for a step; its path ends with that step's cost
        }
        if (lastRecordedStep != step - 1 || lastRecordedVersion != policyVersion || lastRecordedWindow != stepWindow) {
            pathId++;
        }
        System.arraycopy(rawObservation, 0, observation, 0, observation.length);
        System.arraycopy(normalizedObservation, 0, normalized, 0, normalized.length);
        System.arraycopy(actionTaken, 0, action, 0, action.length);
        logProb = actionLogProb;
        stepInWindow = (int) (step - stepWindow * windowSteps);
        pending = true;
        held = false;
        lastRecordedStep = step;
        lastRecordedVersion = policyVersion;
        lastRecordedWindow = stepWindow;
    }

    private void offer() {
        pending = false;
        held = false;
        if (!ring.offer(observation, normalized, action, logProb, reward, costs, lastRecordedVersion, pathId, lastRecordedWindow,
                stepInWindow)) {
            lastRecordedStep = -2; // a dropped step breaks the path
        }
    }
}
