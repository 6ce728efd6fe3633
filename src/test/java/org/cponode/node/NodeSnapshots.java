package org.cponode.node;

import java.util.List;
import org.cponode.control.ControlLoop;
import org.cponode.control.Fallback;
import org.cponode.control.Mode;
import org.cponode.learn.Learner;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.UpdateDetails;
import org.cponode.learn.UpdateResult;
import org.cponode.ros.DropCount;
import org.cponode.ros.DropReason;

/** Node snapshots for the tests of what reports them (diagnostics, the fleet link). */
public final class NodeSnapshots {

    private NodeSnapshots() {}

    /**
     * A snapshot with distinct numbers in every field the fleet reads: learning on at version 3 after 7 updates,
     * window cost 4 of {@code outside} after 2 s, loop at 20 Hz with a 51 ms mean and 62 ms longest period, 7
     * overruns, steps of 1.2 ms on average and 3 ms at the 99th percentile, 12,345 odometry samples dropped for
     * invalid UTF-8 and 6 undeserialisable, 2 scans for a sequence over the limit.
     */
    public static NodeSnapshot sample(NodeSnapshot.Estop estop, double limit) {
        return sample(estop, List.of(new NodeSnapshot.Constraint("outside", 4.0, limit, 3.0)), new double[] {3.0},
                new double[] {20.0});
    }

    /**
     * {@link #sample(NodeSnapshot.Estop, double)} of a task with two constraints ({@code diffdrive-circle-2c}'s):
     * {@code outside} as there, and {@code speed} with window cost 1 and its last window's 0.5; the last update
     * measured costs 3 and 0.25 against limits 20 and 0.75.
     */
    public static NodeSnapshot sampleTwoConstraints(NodeSnapshot.Estop estop, double outsideLimit, double speedLimit) {
        return sample(estop, List.of(new NodeSnapshot.Constraint("outside", 4.0, outsideLimit, 3.0),
                new NodeSnapshot.Constraint("speed", 1.0, speedLimit, 0.5)), new double[] {3.0, 0.25},
                new double[] {20.0, 0.75});
    }

    private static NodeSnapshot sample(NodeSnapshot.Estop estop, List<NodeSnapshot.Constraint> constraints,
            double[] measuredCosts, double[] updateLimits) {
        ControlLoop.Timing timing = new ControlLoop.Timing(500, 0.2, 0.5, 12.0, 51.0, 62.0, 7, 1.2, 1.0, 3.0, 19.6);
        UpdateResult r = new UpdateResult(false, 9, 0.0123, 0.01, 0.5, 1.0, 2.0, 0.3, "line search rejected",
                new UpdateDetails.TrpoDetails());
        OnlineLearner.Update update = new OnlineLearner.Update(2, 3, 4, 1600, 12.5, measuredCosts, updateLimits,
                new Learner.Result(r, 0, 0, 0, 0, 0), 0.4);
        return new NodeSnapshot("cpo_node", "/cpo_node", Mode.RUNNING, 0, estop, constraints, 2.0, 12.5, 20.0,
                Fallback.RETURN, 1, 3, 3, 2, 20.0, timing, 0.02, 20.0, Double.NaN, 0.04,
                new NodeSnapshot.Learning(OnlineLearner.State.COLLECTING, 7, 0, "", update), 0.1, 0.2, 0.8, 1.0, 4,
                List.of(new DropCount("/odom", DropReason.INVALID_UTF8, 12_345), new DropCount("/odom",
                        DropReason.UNDESERIALISABLE, 6), new DropCount("/scan", DropReason.SEQUENCE_TOO_LONG, 2)));
    }
}
