package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.cponode.learn.CpoDual.Case;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The dual solution against an independent geometric solution of the same problem: with
 * {@code H = L L^T} and {@code y = L^T x} the trust region is a ball, and the optimum of a linear objective over
 * a ball cut by a half-space is found by elementary geometry, not by the dual.
 */
class CpoDualTest {

    private static final int N = 4;
    private static final double MAX_KL = 0.01;
    private static final double DELTA = 2 * MAX_KL;

    /** One random problem: H, g (loss gradient), b, c, with q, r, s from exact solves. */
    record Instance(DMatrixRMaj h, double[] g, double[] b, double c) {
        double[] solve(double[] rhs) {
            DMatrixRMaj x = new DMatrixRMaj(N, 1);
            CommonOps_DDRM.solve(h, new DMatrixRMaj(N, 1, true, rhs), x);
            return x.getData();
        }

        double q() {
            return dot(g, solve(g));
        }

        double r() {
            return dot(g, solve(b));
        }

        double s() {
            return dot(b, solve(b));
        }

        double[] step(CpoDual.Step st) {
            double[] hg = solve(g);
            double[] hb = solve(b);
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = st.coefG() * hg[i] + st.coefB() * hb[i];
            }
            return x;
        }

        double quad(double[] x) {
            double s = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    s += x[i] * h.get(i, j) * x[j];
                }
            }
            return s;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static Instance randomInstance(Random rnd, boolean correlated, double cScale) {
        DMatrixRMaj m = new DMatrixRMaj(N, N);
        for (int i = 0; i < N * N; i++) {
            m.data[i] = rnd.nextGaussian();
        }
        DMatrixRMaj h = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransB(m, m, h);
        for (int i = 0; i < N; i++) {
            h.add(i, i, 0.5);
        }
        double[] g = new double[N];
        double[] b = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            if (correlated) {
                b[i] += 1.5 * g[i];
            }
        }
        return new Instance(h, g, b, cScale * rnd.nextGaussian());
    }

    /** Geometric reference: the exact minimiser, or for an infeasible problem the max-constraint-decrease step. */
    static double[] reference(Instance in) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(N, true);
        DMatrixRMaj l = in.h.copy();
        assertTrue(chol.decompose(l));
        DMatrixRMaj lower = chol.getT(null);
        // gt = L^-1 g, bt = L^-1 b
        double[] gt = lowerSolve(lower, in.g);
        double[] bt = lowerSolve(lower, in.b);
        double radius = Math.sqrt(DELTA);
        double bn2 = dot(bt, bt);
        double[] y = new double[N];
        double gn = Math.sqrt(dot(gt, gt));
        for (int i = 0; i < N; i++) {
            y[i] = -radius * gt[i] / gn;
        }
        if (in.c + dot(bt, y) > 0) {
            if (in.c > 0 && in.c * in.c / bn2 > DELTA) {
                double bn = Math.sqrt(bn2);
                for (int i = 0; i < N; i++) {
                    y[i] = -radius * bt[i] / bn;
                }
            } else {
                double rho = Math.sqrt(Math.max(0, DELTA - in.c * in.c / bn2));
                double proj = dot(gt, bt) / bn2;
                double[] perp = new double[N];
                for (int i = 0; i < N; i++) {
                    perp[i] = gt[i] - proj * bt[i];
                }
                double pn = Math.sqrt(dot(perp, perp));
                for (int i = 0; i < N; i++) {
                    y[i] = -in.c * bt[i] / bn2 - rho * perp[i] / pn;
                }
            }
        }
        // x = L^-T y
        return upperSolveTransposed(lower, y);
    }

    static double[] lowerSolve(DMatrixRMaj lower, double[] rhs) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            double s = rhs[i];
            for (int j = 0; j < i; j++) {
                s -= lower.get(i, j) * out[j];
            }
            out[i] = s / lower.get(i, i);
        }
        return out;
    }

    static double[] upperSolveTransposed(DMatrixRMaj lower, double[] rhs) {
        double[] out = new double[N];
        for (int i = N - 1; i >= 0; i--) {
            double s = rhs[i];
            for (int j = i + 1; j < N; j++) {
                s -= lower.get(j, i) * out[j];
            }
            out[i] = s / lower.get(i, i);
        }
        return out;
    }

    static double relativeError(double[] x, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < N; i++) {
            num += (x[i] - ref[i]) * (x[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void agreesWithGeometricSolutionOnThousandsOfInstancesInEveryCase() {
        Random rnd = new Random(11);
        Map<Case, Integer> seen = new EnumMap<>(Case.class);
        for (int trial = 0; trial < 6000; trial++) {
            Instance in = randomInstance(rnd, trial % 2 == 0, trial % 3 == 0 ? 1.0 : 0.3);
            CpoDual.Step st = CpoDual.solve(in.q(), in.r(), in.s(), in.c, DELTA);
            seen.merge(st.kase(), 1, Integer::sum);
            double[] x = in.step(st);
            double[] ref = reference(in);
            double err = relativeError(x, ref);
            assertTrue(err < 1e-5, "trial " + trial + " case " + st.kase() + ": relative error " + err);
            if (st.kase() != Case.INFEASIBLE_RECOVERY) {
                assertTrue(in.c + dot(in.b, x) <= 1e-6 * (1 + Math.abs(in.c)) || st.kase() == Case.FEASIBLE_TRPO,
                        "linearised constraint violated in case " + st.kase());
            }
            assertTrue(0.5 * in.quad(x) <= MAX_KL * (1 + 1e-6), "trust region violated: " + 0.5 * in.quad(x));
        }
        for (Case k : new Case[] {Case.INFEASIBLE_RECOVERY, Case.INFEASIBLE_DUAL, Case.FEASIBLE_DUAL, Case.FEASIBLE_TRPO}) {
            assertTrue(seen.getOrDefault(k, 0) > 100, "case " + k + " seen only " + seen.get(k) + " times: " + seen);
        }
    }

    @Test
    void noFeasiblePointBeatsTheStep() {
        Random rnd = new Random(12);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            Instance in = randomInstance(rnd, trial % 2 == 0, 0.3);
            CpoDual.Step st = CpoDual.solve(in.q(), in.r(), in.s(), in.c, DELTA);
            if (st.kase() != Case.INFEASIBLE_DUAL && st.kase() != Case.FEASIBLE_DUAL) {
                continue;
            }
            checked++;
            double best = dot(in.g, in.step(st));
            for (int k = 0; k < 4000; k++) {
                double[] x = new double[N];
                for (int i = 0; i < N; i++) {
                    x[i] = rnd.nextGaussian();
                }
                double scale = Math.sqrt(DELTA / in.quad(x)) * Math.pow(rnd.nextDouble(), 0.25);
                for (int i = 0; i < N; i++) {
                    x[i] *= scale;
                }
                if (in.c + dot(in.b, x) <= 0) {
                    assertTrue(dot(in.g, x) >= best - 1e-9, "a feasible sample beat the CPO step");
                }
            }
        }
        assertTrue(checked > 50);
    }

    @Test
    void inclusiveThresholdsAtTheBoundaries() {
        // c = 0: infeasible side (c >= 0), feasible region touches: case 1
        assertEquals(Case.INFEASIBLE_DUAL, CpoDual.solve(1, 0.3, 2, 0.0, DELTA).kase());
        // B = 0 exactly (binary-exact numbers) with c < 0: case 2; with c > 0: case 1
        double delta = 0.125;
        double s = 2.0;
        double c = -0.5;
        assertEquals(0.0, delta - c * c / s, 0.0);
        CpoDual.Step b0 = CpoDual.solve(1, 0.3, s, c, delta);
        assertEquals(Case.FEASIBLE_DUAL, b0.kase());
        assertTrue(Double.isFinite(b0.coefG()) && Double.isFinite(b0.coefB()));
        assertEquals(Case.INFEASIBLE_DUAL, CpoDual.solve(1, 0.3, s, -c, delta).kase());
        // just past B = 0 with c > 0: recovery
        assertEquals(Case.INFEASIBLE_RECOVERY, CpoDual.solve(1, 0.3, s, 0.5000001, delta).kase());
    }

    @Test
    void degenerateInputsGiveFiniteSensibleSteps() {
        // no constraint gradient: plain TRPO step of full length
        CpoDual.Step none = CpoDual.solve(4, 0, 0, 3, DELTA);
        assertEquals(Case.NO_CONSTRAINT_GRADIENT, none.kase());
        assertEquals(-Math.sqrt(DELTA / 4), none.coefG(), 1e-6);
        // s tiny: infeasible point with a vanishing constraint gradient is recovery, finite
        CpoDual.Step tiny = CpoDual.solve(1, 1e-9, 1e-14, 0.5, DELTA);
        assertTrue(Double.isFinite(tiny.coefG()) && Double.isFinite(tiny.coefB()));
        // q = 0 (no reward gradient), feasible: zero-length reward direction, finite
        CpoDual.Step flat = CpoDual.solve(0, 0, 1, -0.01, DELTA);
        assertTrue(Double.isFinite(flat.coefG()) && Double.isFinite(flat.coefB()));
        // g parallel to b (A = 0), case 1/2
        CpoDual.Step parallel = CpoDual.solve(1, 1, 1, -0.05, DELTA);
        assertTrue(Double.isFinite(parallel.coefG()) && Double.isFinite(parallel.coefB()));
        // c = 0 with r < 0 (both sides of the split)
        CpoDual.Step zeroC = CpoDual.solve(1, -0.5, 1, 0.0, DELTA);
        assertTrue(zeroC.nu() >= 0 && Double.isFinite(zeroC.coefB()));
        assertThrows(IllegalArgumentException.class, () -> CpoDual.solve(Double.NaN, 0, 1, 0, DELTA));
        assertThrows(IllegalArgumentException.class, () -> CpoDual.solve(1, 0, -1, 0, DELTA));
        assertThrows(IllegalArgumentException.class, () -> CpoDual.solve(1, 0, 1, 0, 0));
    }
}
