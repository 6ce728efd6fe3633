package org.cponode.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A command handler that records every call ("verb" or "verb:arg") and refuses policy versions above
 * {@link #LATEST_POLICY}, as a node with checkpoints 0..3 would, and cost limits that name neither of
 * {@link #CONSTRAINTS}, as a node whose task has those two would.
 */
class RecordingHandler implements FleetCommandHandler {

    static final int LATEST_POLICY = 3;
    static final List<String> CONSTRAINTS = List.of("outside", "speed");
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public CommandOutcome pauseLearning() {
        calls.add("pause_learning");
        return CommandOutcome.accept();
    }

    @Override
    public CommandOutcome resumeLearning() {
        calls.add("resume_learning");
        return CommandOutcome.accept();
    }

    @Override
    public CommandOutcome estop(String reason) {
        calls.add("estop:" + reason);
        return CommandOutcome.accept();
    }

    @Override
    public CommandOutcome releaseEstop() {
        calls.add("release_estop");
        return CommandOutcome.accept();
    }

    @Override
    public CommandOutcome setCostLimit(String constraint, double limit) {
        calls.add("set_cost_limit:" + constraint + "=" + limit);
        return constraint != null && CONSTRAINTS.contains(constraint) ? CommandOutcome.accept()
                : CommandOutcome.reject("name one of the task's constraints: outside, speed");
    }

    @Override
    public CommandOutcome loadPolicy(int version) {
        calls.add("load_policy:" + version);
        return version <= LATEST_POLICY ? CommandOutcome.accept()
                : CommandOutcome.reject("no checkpoint for policy version " + version);
    }
}
