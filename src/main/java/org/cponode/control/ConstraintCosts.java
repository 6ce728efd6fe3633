package org.cponode.control;

import java.util.List;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.SafeArea;

/**
 * The cost of one control step for each of the task's constraints, from the post-step pose and the forward speed
 * held over the step, as the simulator charges them: {@code outside} ({@link SafeArea#cost}: outside the safe area,
 * the corridor or the {@code safe_polygon}) and {@code speed} ({@link DiffDriveTask#speedCost}: fast near the
 * corridor's edge). Where the robot measures its
 * own costs ({@link SensorInputs#measuredStepCost}), those count instead. Allocation-free.
 */
final class ConstraintCosts {

    /** The safe-area constraint, the one the "return" fallback drives back into. */
    static final String OUTSIDE = "outside";
    /** Fast driving near the corridor's edge. */
    static final String SPEED = "speed";
    private static final List<String> MEASURED = List.of(OUTSIDE, SPEED);

    private final boolean[] speed;
    private final SafeArea safeArea;
    private final CircleGeometry geometry;
    private final SensorInputs inputs;
    private final int outside;

    ConstraintCosts(ControlSettings settings, SensorInputs inputs) {
        List<String> names = settings.constraintNames();
        this.speed = new boolean[names.size()];
        for (int i = 0; i < speed.length; i++) {
            speed[i] = names.get(i).equals(SPEED);
        }
        this.outside = names.indexOf(OUTSIDE);
        this.safeArea = settings.safeArea();
        this.geometry = settings.geometry();
        this.inputs = inputs;
    }

    /**
     * Checks that the control core measures every constraint named.
     *
     * @throws IllegalArgumentException naming the first it does not, and what it measures
     */
    static void requireMeasurable(List<String> names) {
        for (String n : names) {
            if (!MEASURED.contains(n)) {
                throw new IllegalArgumentException("the control core has no cost for constraint '" + n + "'; it"
                        + " measures " + String.join(" and ", MEASURED));
            }
        }
    }

    /** Index of the safe-area constraint, -1 if the task has none. */
    int outside() {
        return outside;
    }

    /**
     * One step's cost of each constraint.
     *
     * @param x post-step position relative to the task origin, m
     * @param y post-step position relative to the task origin, m
     * @param v forward speed, m/s
     * @param out receives one cost per constraint. Modified.
     */
    void measure(double x, double y, double v, double[] out) {
        for (int i = 0; i < out.length; i++) {
            double measured = inputs.measuredStepCost(i);
            out[i] = !Double.isNaN(measured) ? measured
                    : speed[i] ? DiffDriveTask.speedCost(geometry, x, v) : safeArea.cost(x, y);
        }
    }
}
