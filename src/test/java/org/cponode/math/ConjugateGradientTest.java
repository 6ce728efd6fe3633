package org.cponode.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {

    @Test
    void matchesDirectSolveOnSpdMatrix() {
        java.util.Random rnd = new java.util.Random(7);
        int n = 30;
        DMatrixRMaj m = RandomMatrices_DDRM.rectangle(n, n, -1, 1, rnd);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(m, m, a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, 0.5);
        }
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(n, 1, -1, 1, rnd);
        DMatrixRMaj direct = new DMatrixRMaj(n, 1);
        assertTrue(CommonOps_DDRM.solve(a, b, direct));

        double[] x = new double[n];
        ConjugateGradient cg = new ConjugateGradient();
        int iterations = cg.solve((v, out) -> {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a.get(i, j) * v[j];
                }
                out[i] = s;
            }
        }, b.getData(), x, 200, 1e-24);
        assertTrue(iterations <= 200);
        for (int i = 0; i < n; i++) {
            assertEquals(direct.get(i), x[i], 1e-7 * (1 + Math.abs(direct.get(i))), "component " + i);
        }
        assertTrue(cg.lastResidual() < 1e-20);
    }

    @Test
    void stopsAtIterationCapAndAllocatesNothingWhenReused() {
        int n = 500;
        double[] diag = new double[n];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            diag[i] = 0.1 + rng.nextDouble() * 10;
        }
        LinearOperator op = (v, out) -> {
            for (int i = 0; i < n; i++) {
                out[i] = diag[i] * v[i];
            }
        };
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        double[] x = new double[n];
        ConjugateGradient cg = new ConjugateGradient();
        assertEquals(10, cg.solve(op, b, x, 10, 1e-30));
        for (int i = 0; i < 200; i++) {
            cg.solve(op, b, x, 10, 1e-30);
        }
        long allocated = Allocations.fewest(3, 1000, () -> {
            for (int i = 0; i < 1000; i++) {
                cg.solve(op, b, x, 10, 1e-30);
            }
        });
        assertTrue(allocated < 1000, "CG allocated " + allocated + " bytes in 1000 solves");
    }
}
