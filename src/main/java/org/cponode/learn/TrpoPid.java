package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.nn.GaussianPolicy;
import org.cponode.parallel.WorkerPool;

/**
 * TRPO on a Lagrangian whose multiplier a PID controller of the cost sets ({@link PidLagrangian}; Stooke, Achiam
 * and Abbeel 2020), as OmniSafe's {@code TRPOPID}: each update first feeds this batch's {@code Jhat_C} to the
 * controller, then takes {@link LagrangianStep}'s step on {@code L + lambda F_C} with the new multiplier.
 *
 * <p>OmniSafe divides the penalised objective by {@code 1 + lambda}. A trust-region step is scaled to the
 * region's edge whatever the gradient's length, and the line search compares the objective with itself, so that
 * factor changes no step; it is left out. With several constraints each has its controller and multiplier.
 */
public final class TrpoPid implements PolicyUpdater {

    private final LagrangianStep step;
    private final PidLagrangian multipliers;

    private final int constraints;

    /** @param constraints how many constraints, each with its own controller */
    public TrpoPid(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, PidLagrangianConfig pid,
            int constraints) {
        this.step = new LagrangianStep(policy, config, pool);
        this.multipliers = pid.create(constraints);
        this.constraints = constraints;
    }

    /** The current multiplier (0 before the first update). */
    public double lambda() {
        return multipliers.multiplier(0);
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        double cost = batch.constraintCost();
        double penalty = multipliers.update(new double[] {cost}, new double[] {costLimit})[0];
        return step.update(batch, params, penalty, cost - costLimit, rng, new UpdateDetails.PidDetails(penalty));
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double[] costLimits, SplittableRandom rng) {
        if (costLimits.length != constraints || batch.constraints() != constraints) {
            throw new IllegalArgumentException("PID has " + constraints + " constraints, got " + costLimits.length
                    + " limits and a batch with " + batch.constraints());
        }
        if (constraints == 1) {
            return update(batch, params, costLimits[0], rng);
        }
        double[] cost = new double[constraints];
        double[] c = new double[constraints];
        for (int i = 0; i < constraints; i++) {
            cost[i] = batch.constraintCost(i);
            c[i] = cost[i] - costLimits[i];
        }
        double[] penalty = multipliers.update(cost, costLimits);
        return step.update(batch, params, penalty, c, rng, new UpdateDetails.PidDetails(penalty[0]));
    }

    @Override
    public double[] state() {
        return multipliers.state();
    }

    @Override
    public void restoreState(double[] state) {
        multipliers.restore(state);
    }
}
