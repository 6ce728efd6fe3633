package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReparameterizeInputTest {

    @Test
    void networkComputesTheSameFunctionOfRawInputsAfterTheNormaliserMoves() {
        Mlp mlp = new Mlp(3, 8, 2);
        SplittableRandom rng = new SplittableRandom(4);
        double[] params = new double[mlp.parameterCount()];
        mlp.initialize(params, 0, rng, 1.0);
        RunningNormalizer norm = new RunningNormalizer(3);
        double[] first = new double[300];
        for (int i = 0; i < first.length; i++) {
            first[i] = rng.nextGaussian() * (1 + i % 3);
        }
        norm.update(first, 100);
        double[] raw = {0.7, -2.0, 3.5};
        double[] z = new double[3];
        double[] before = new double[2];
        double[] after = new double[2];
        double[] scratch = new double[mlp.scratchSize()];
        norm.normalize(raw, 0, z, 0);
        mlp.forward(params, 0, z, 0, before, 0, scratch);

        double[] oldMean = norm.mean();
        double[] oldStd = norm.scale();
        double[] second = new double[300];
        for (int i = 0; i < second.length; i++) {
            second[i] = 5 + rng.nextGaussian() * 4;
        }
        norm.update(second, 100);
        mlp.reparameterizeInput(params, 0, oldMean, oldStd, norm.mean(), norm.scale());
        norm.normalize(raw, 0, z, 0);
        mlp.forward(params, 0, z, 0, after, 0, scratch);
        assertEquals(before[0], after[0], 1e-12);
        assertEquals(before[1], after[1], 1e-12);
    }
}
