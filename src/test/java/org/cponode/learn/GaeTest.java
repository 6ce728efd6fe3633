package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaeTest {

    @Test
    void handComputedTwoPathExample() {
        // path 0: rewards 1, 2 ; values 0.5, 1.0 ; path 1: reward 3 ; value 2
        double[] r = {1, 2, 3};
        double[] v = {0.5, 1.0, 2.0};
        int[] starts = {0, 2, 3};
        double gamma = 0.9;
        double lambda = 0.5;
        double[] adv = new double[3];
        double[] ret = new double[3];
        Gae.compute(r, v, starts, 2, gamma, lambda, adv, ret);
        // delta_1 = 2 + 0.9*0 - 1.0 = 1.0 ; delta_0 = 1 + 0.9*1.0 - 0.5 = 1.4
        // A_1 = 1.0 ; A_0 = 1.4 + 0.45 * 1.0 = 1.85
        assertEquals(1.85, adv[0], 1e-12);
        assertEquals(1.0, adv[1], 1e-12);
        // path 1: delta = 3 - 2 = 1
        assertEquals(1.0, adv[2], 1e-12);
        assertEquals(1 + 0.9 * 2, ret[0], 1e-12);
        assertEquals(2, ret[1], 1e-12);
        assertEquals(3, ret[2], 1e-12);
    }

    @Test
    void lambdaOneGivesReturnMinusValue() {
        double[] r = {0.1, -0.4, 2.0, 0.7};
        double[] v = {0.3, 0.2, -0.1, 0.5};
        int[] starts = {0, 4};
        double[] adv = new double[4];
        double[] ret = new double[4];
        Gae.compute(r, v, starts, 1, 0.97, 1.0, adv, ret);
        for (int t = 0; t < 4; t++) {
            assertEquals(ret[t] - v[t], adv[t], 1e-12);
        }
    }
}
