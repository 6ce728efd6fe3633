package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The m-constraint step against an independent solution of the original n-dimensional problem. The reference
 * works in the primal: with {@code H = L L^T} and {@code y = L^T x} the trust region is a ball, and on the affine
 * set where a chosen subset of constraints holds with equality the least of a linear function over the ball is
 * found by projection (a pseudo-inverse from an SVD). It tries every subset, keeps the candidates that satisfy
 * every constraint, and takes the best: no dual, no Gram-matrix factorisation, no multipliers. The infeasible
 * reference minimises the worst normalised violation by the same enumeration over the sets of constraints held
 * equal.
 */
class CpoMultiDualTest {

    /** One random problem in n dimensions with m constraints: H, g (loss gradient), b_i, c_i, Delta. */
    static final class Instance {
        final int n;
        final int m;
        final DMatrixRMaj h;
        final double[] g;
        final double[][] b;
        final double[] c;
        final double delta;
        /** Whitened: gh = L^-1 g, bh_i = L^-1 b_i. */
        final double[] gh;
        final double[][] bh;

        Instance(DMatrixRMaj h, double[] g, double[][] b, double[] c, double delta) {
            this.n = g.length;
            this.m = c.length;
            this.h = h;
            this.g = g;
            this.b = b;
            this.c = c;
            this.delta = delta;
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            assertTrue(chol.decompose(h.copy()));
            DMatrixRMaj lower = chol.getT(null);
            gh = lowerSolve(lower, g);
            bh = new double[m][];
            for (int i = 0; i < m; i++) {
                bh[i] = lowerSolve(lower, b[i]);
            }
        }

        double q() {
            return dot(gh, gh);
        }

        double[] r() {
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
                r[i] = dot(gh, bh[i]);
            }
            return r;
        }

        double[][] s() {
            double[][] s = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    s[i][j] = dot(bh[i], bh[j]);
                }
            }
            return s;
        }

        CpoMultiDual.Step solve() {
            return CpoMultiDual.solve(q(), r(), s(), c, delta);
        }

        double[] hInv(double[] rhs) {
            DMatrixRMaj x = new DMatrixRMaj(n, 1);
            assertTrue(CommonOps_DDRM.solve(h, new DMatrixRMaj(n, 1, true, rhs), x));
            return x.getData();
        }

        /** x = coefG H^-1 g + sum coefB_i H^-1 b_i, in the original coordinates. */
        double[] step(CpoMultiDual.Step st) {
            double[] x = scaled(hInv(g), st.coefG());
            for (int i = 0; i < m; i++) {
                axpy(st.coefB()[i], hInv(b[i]), x);
            }
            return x;
        }

        double quad(double[] x) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    s += x[i] * h.get(i, j) * x[j];
                }
            }
            return s;
        }

        double constraint(int i, double[] x) {
            return c[i] + dot(b[i], x);
        }

        /** The H^-1 length of b_i, by which violation i is normalised. */
        double scale(int i) {
            return Math.sqrt(dot(bh[i], bh[i]));
        }

        /** max_i (c_i + b_i^T x) / |b_i|_{H^-1} over constraints with a gradient, from x itself. */
        double worst(double[] x) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                if (scale(i) > 0) {
                    worst = Math.max(worst, constraint(i, x) / scale(i));
                }
            }
            return worst;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] scaled(double[] a, double k) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = k * a[i];
        }
        return out;
    }

    static void axpy(double k, double[] a, double[] y) {
        for (int i = 0; i < a.length; i++) {
            y[i] += k * a[i];
        }
    }

    static double[] lowerSolve(DMatrixRMaj lower, double[] rhs) {
        int n = rhs.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = rhs[i];
            for (int j = 0; j < i; j++) {
                s -= lower.get(i, j) * out[j];
            }
            out[i] = s / lower.get(i, i);
        }
        return out;
    }

    static DMatrixRMaj randomSpd(Random rnd, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        DMatrixRMaj h = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, a, h);
        for (int i = 0; i < n; i++) {
            h.add(i, i, 0.5);
        }
        return h;
    }

    static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    /**
     * A random instance of one of three families: independent gradients; cost gradients correlated with the loss
     * gradient; and pairs of nearly opposed cost gradients, which make constraints that each can be met alone
     * contradict each other inside the trust region. {@code c_i} is drawn on the scale of the trust region,
     * {@code sqrt(Delta S_ii)}, so that every case occurs.
     */
    static Instance randomInstance(Random rnd, int m, int n) {
        DMatrixRMaj h = randomSpd(rnd, n);
        double[] g = gaussian(rnd, n);
        int family = rnd.nextInt(3);
        double[][] b = new double[m][];
        for (int i = 0; i < m; i++) {
            b[i] = gaussian(rnd, n);
            if (family == 1) {
                axpy(1.5, g, b[i]);
            } else if (family == 2 && i % 2 == 1) {
                double[] opposed = scaled(b[i - 1], -1);
                axpy(0.4, b[i], opposed);
                b[i] = opposed;
            }
        }
        double delta = 2 * Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100.0)); // 2e-3 .. 0.2
        Instance shape = new Instance(h, g, b, new double[m], delta);
        double spread = new double[] {0.5, 1.0, 2.0}[rnd.nextInt(3)];
        double shift = family == 2 ? 0.4 : -0.4;
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            c[i] = Math.sqrt(delta) * shape.scale(i) * (shift + spread * rnd.nextGaussian());
        }
        return new Instance(h, g, b, c, delta);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Independent reference: primal enumeration over affine slices of the ball.

    /**
     * The least of {@code a^T y} over {@code {y : cols_j^T y = e_j} ∩ {|y|^2 <= delta}}: the slice's nearest
     * point y0 (pseudo-inverse), then a step of the slice's remaining radius against a's projection onto the
     * slice. Null when the slice misses the ball or its equations are inconsistent.
     */
    static double[] leastOverSlice(double[] a, double[][] cols, double[] e, double delta) {
        int n = a.length;
        int k = cols.length;
        double[] y0 = new double[n];
        double[] p = a.clone();
        if (k > 0) {
            DMatrixRMaj mt = new DMatrixRMaj(k, n);
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    mt.set(j, i, cols[j][i]);
                }
            }
            DMatrixRMaj pinv = new DMatrixRMaj(n, k);
            CommonOps_DDRM.pinv(mt, pinv);
            DMatrixRMaj ev = new DMatrixRMaj(k, 1, true, e);
            DMatrixRMaj y0m = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.mult(pinv, ev, y0m);
            y0 = y0m.getData();
            for (int j = 0; j < k; j++) {
                if (Math.abs(dot(cols[j], y0) - e[j]) > 1e-9 * (1 + Math.abs(e[j]))) {
                    return null;
                }
            }
            DMatrixRMaj ma = new DMatrixRMaj(k, 1);
            CommonOps_DDRM.mult(mt, new DMatrixRMaj(n, 1, true, a), ma);
            DMatrixRMaj back = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.mult(pinv, ma, back);
            for (int i = 0; i < n; i++) {
                p[i] -= back.data[i];
            }
        }
        double rho2 = delta - dot(y0, y0);
        if (rho2 < 0) {
            return null;
        }
        double pn = Math.sqrt(dot(p, p));
        if (pn <= 1e-12 * Math.sqrt(dot(a, a))) {
            return y0;
        }
        double[] y = y0.clone();
        axpy(-Math.sqrt(rho2) / pn, p, y);
        return y;
    }

    /** The reference optimum: the least objective over every subset's slice candidate that meets every constraint. */
    static double[] referenceMinimiser(Instance in) {
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << in.m; mask++) {
            int k = Integer.bitCount(mask);
            double[][] cols = new double[k][];
            double[] e = new double[k];
            int j = 0;
            for (int i = 0; i < in.m; i++) {
                if ((mask >> i & 1) != 0) {
                    cols[j] = in.bh[i];
                    e[j++] = -in.c[i];
                }
            }
            double[] y = leastOverSlice(in.gh, cols, e, in.delta);
            if (y == null || !feasible(in, y)) {
                continue;
            }
            double value = dot(in.gh, y);
            if (value < bestValue) {
                bestValue = value;
                best = y;
            }
        }
        return best;
    }

    static boolean feasible(Instance in, double[] y) {
        if (dot(y, y) > in.delta * (1 + 1e-9)) {
            return false;
        }
        for (int i = 0; i < in.m; i++) {
            double tol = 1e-9 * (Math.abs(in.c[i]) + Math.sqrt(in.delta) * in.scale(i));
            if (in.c[i] + dot(in.bh[i], y) > tol) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reference minimax: for every set of constraints held at a common normalised value t, the least t over
     * the ball on that slice (t is linear there), and the zero step; the least worst violation of them all.
     * Returns {y, {t}}.
     */
    static double[][] referenceMinimax(Instance in) {
        int m = in.m;
        double[][] u = new double[m][];
        double[] ct = new double[m];
        for (int i = 0; i < m; i++) {
            double sc = in.scale(i);
            u[i] = sc > 0 ? scaled(in.bh[i], 1 / sc) : null;
            ct[i] = sc > 0 ? in.c[i] / sc : Double.NaN;
        }
        double[] best = new double[in.n];
        double bestWorst = worstWhitened(u, ct, best);
        for (int mask = 1; mask < 1 << m; mask++) {
            int a = Integer.numberOfTrailingZeros(mask);
            if (u[a] == null) {
                continue;
            }
            int k = Integer.bitCount(mask) - 1;
            double[][] cols = new double[k][];
            double[] e = new double[k];
            int j = 0;
            boolean usable = true;
            for (int i = a + 1; i < m; i++) {
                if ((mask >> i & 1) != 0) {
                    if (u[i] == null) {
                        usable = false;
                        break;
                    }
                    double[] diff = u[i].clone();
                    axpy(-1, u[a], diff);
                    cols[j] = diff;
                    e[j++] = ct[a] - ct[i];
                }
            }
            if (!usable) {
                continue;
            }
            double[] y = leastOverSlice(u[a], cols, e, in.delta);
            if (y == null) {
                continue;
            }
            double worst = worstWhitened(u, ct, y);
            if (worst < bestWorst) {
                bestWorst = worst;
                best = y;
            }
        }
        return new double[][] {best, {bestWorst}};
    }

    static double worstWhitened(double[][] u, double[] ct, double[] y) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < u.length; i++) {
            if (u[i] != null) {
                worst = Math.max(worst, ct[i] + dot(u[i], y));
            }
        }
        return worst;
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void agreesWithIndependentPrimalSolutionOnThousandsOfInstances() {
        Random rnd = new Random(21);
        Map<Case, Integer> seen = new EnumMap<>(Case.class);
        int[] activeSizes = new int[CpoMultiDual.MAX_CONSTRAINTS + 1];
        int jointlyInfeasible = 0;
        int boundary = 0;
        double maxObjectiveError = 0;
        double maxRecoveryError = 0;
        double maxTrustExcess = 0;
        int trials = 6000;
        for (int trial = 0; trial < trials; trial++) {
            int m = 1 + rnd.nextInt(6);
            int n = m + 3 + rnd.nextInt(Math.max(1, 10 - (m + 3) + 1));
            Instance in = randomInstance(rnd, m, n);
            CpoMultiDual.Step st = in.solve();
            seen.merge(st.kase(), 1, Integer::sum);
            double[] x = in.step(st);
            String where = "trial " + trial + " m=" + m + " n=" + n + " case " + st.kase();
            double radius = Math.sqrt(in.delta);

            // EPS in lambda = sqrt(A / (B + EPS)) lengthens a dual step by about EPS in x^T H x, as in CpoDual
            maxTrustExcess = Math.max(maxTrustExcess, in.quad(x) - in.delta);
            assertTrue(in.quad(x) <= in.delta * (1 + 1e-9) + 2 * CpoDual.EPS,
                    where + ": trust region " + in.quad(x) + " > " + in.delta);
            assertEquals(in.worst(x), st.worst(), 1e-9 * (1 + Math.abs(in.worst(x))), where + ": worst");

            double tStar = referenceMinimax(in)[1][0];
            if (Math.abs(tStar) < 1e-7 * radius) {
                boundary++; // the feasible set touches the trust region: either branch is right
                continue;
            }
            if (tStar > 0) {
                assertEquals(Case.INFEASIBLE_RECOVERY, st.kase(), where + ": reference worst violation " + tStar);
                boolean single = false;
                for (int i = 0; i < m; i++) {
                    single |= in.c[i] / in.scale(i) > radius;
                }
                if (!single) {
                    jointlyInfeasible++;
                }
                double err = (in.worst(x) - tStar) / radius;
                maxRecoveryError = Math.max(maxRecoveryError, Math.abs(err));
                assertTrue(Math.abs(err) < 1e-6, where + ": worst violation " + in.worst(x) + " vs " + tStar);
                activeSizes[count(st.active())]++;
                continue;
            }
            assertFalse(st.kase() == Case.INFEASIBLE_RECOVERY, where + ": reference worst violation " + tStar);
            for (int i = 0; i < m; i++) {
                double tol = 1e-6 * (Math.abs(in.c[i]) + radius * in.scale(i));
                assertTrue(in.constraint(i, x) <= tol, where + ": constraint " + i + " = " + in.constraint(i, x));
                if (st.active()[i]) {
                    assertTrue(st.nu()[i] > 0 && Math.abs(in.constraint(i, x)) <= tol,
                            where + ": active constraint " + i + " not tight: " + in.constraint(i, x));
                } else {
                    assertEquals(0.0, Math.abs(st.nu()[i]), 0.0, where);
                }
            }
            double[] ref = referenceMinimiser(in);
            double refValue = dot(in.gh, ref);
            double scale = Math.sqrt(in.q() * in.delta);
            double err = (dot(in.g, x) - refValue) / scale;
            // Equal to the reference but for the EPS guards, whose effects are bounded here to first order:
            // the factor 1/(lambda + EPS) shortens the step by EPS/lambda, which costs that fraction of the
            // objective; x^T H x above Delta and constraints above 0 (by about EPS nu / lambda) gain lambda/2 per
            // unit of Delta and nu_i per unit of slack in constraint i.
            double loss = Math.abs(refValue) * CpoDual.EPS / st.lambda() / scale;
            double gain = 0.5 * st.lambda() * Math.max(0, in.quad(x) - in.delta);
            for (int i = 0; i < m; i++) {
                gain += st.nu()[i] * Math.max(0, in.constraint(i, x));
            }
            gain /= scale;
            maxObjectiveError = Math.max(maxObjectiveError, Math.max(err - loss, -err - gain));
            assertTrue(err <= 1.01 * loss + 1e-9 && err >= -1.01 * gain - 1e-9,
                    where + ": objective " + dot(in.g, x) + " vs reference " + refValue + " (EPS loss " + loss + ", gain " + gain + ")");
            activeSizes[count(st.active())]++;
        }
        System.out.printf("cases %s, active-set sizes %s, jointly infeasible %d, boundary %d,"
                + " max objective error %.3g, max recovery error %.3g, max trust-region excess %.3g%n", seen,
                java.util.Arrays.toString(activeSizes), jointlyInfeasible, boundary, maxObjectiveError,
                maxRecoveryError, maxTrustExcess);
        for (Case k : new Case[] {Case.INFEASIBLE_RECOVERY, Case.INFEASIBLE_DUAL, Case.FEASIBLE_DUAL,
                Case.FEASIBLE_TRPO}) {
            assertTrue(seen.getOrDefault(k, 0) > 100, "case " + k + " seen only " + seen.get(k) + " times: " + seen);
        }
        assertTrue(jointlyInfeasible > 50, "jointly infeasible instances: " + jointlyInfeasible);
        assertTrue(activeSizes[2] > 100 && activeSizes[3] > 20, "active-set sizes " + java.util.Arrays.toString(activeSizes));
    }

    // ---------------------------------------------------------------------------------------------------------
    // One constraint: CpoDual's numbers.

    static CpoMultiDual.Step single(double q, double r, double s, double c, double delta) {
        return CpoMultiDual.solve(q, new double[] {r}, new double[][] {{s}}, new double[] {c}, delta);
    }

    /** Every field of the step to the bit (JUnit compares doubles by their bits: 0.0 and -0.0 differ). */
    static void assertSameStep(CpoDual.Step one, CpoMultiDual.Step multi, String where) {
        assertEquals(one.kase(), multi.kase(), where);
        assertEquals(one.lambda(), multi.lambda(), where + ": lambda");
        assertEquals(one.nu(), multi.nu()[0], where + ": nu");
        assertEquals(one.coefG(), multi.coefG(), where + ": coefG");
        assertEquals(one.coefB(), multi.coefB()[0], where + ": coefB");
        assertEquals(one.kase() == Case.INFEASIBLE_RECOVERY || one.nu() > 0, multi.active()[0], where + ": active");
    }

    @Test
    void oneConstraintGivesCpoDualsStepToTheBit() {
        Random rnd = new Random(31);
        Map<Case, Integer> seen = new EnumMap<>(Case.class);
        for (int trial = 0; trial < 20000; trial++) {
            CpoDualTest.Instance in = CpoDualTest.randomInstance(rnd, trial % 2 == 0, trial % 3 == 0 ? 1.0 : 0.3);
            double delta = trial % 5 == 0 ? 0.02 : 2 * Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100.0));
            double q = in.q();
            double r = in.r();
            double s = in.s();
            CpoDual.Step one = CpoDual.solve(q, r, s, in.c(), delta);
            seen.merge(one.kase(), 1, Integer::sum);
            assertSameStep(one, single(q, r, s, in.c(), delta), "trial " + trial);
        }
        for (Case k : new Case[] {Case.INFEASIBLE_RECOVERY, Case.INFEASIBLE_DUAL, Case.FEASIBLE_DUAL,
                Case.FEASIBLE_TRPO}) {
            assertTrue(seen.getOrDefault(k, 0) > 1000, "case " + k + " seen only " + seen.get(k) + " times: " + seen);
        }
    }

    @Test
    void oneConstraintGivesCpoDualsStepToTheBitOnBoundaryValues() {
        // c = 0, r = 0, s = 0, q = 0, B = 0 (s = 2, c = -0.5, Delta = 0.125), tiny s, c just past B = 0; only
        // inputs a Gram matrix can have (r^2 <= q s): with r^2 > q s the dual is unbounded and neither answer
        // means anything
        double[] qs = {0, 1e-12, 0.25, 1, 4};
        double[] rs = {-1, -0.3, 0, 0.3, 1, 2};
        double[] ss = {0, 1e-14, 1e-9, 0.5, 2};
        double[] cs = {-0.5, -0.1, -1e-12, 0, 1e-12, 0.1, 0.5, 0.5000001};
        double[] deltas = {0.02, 0.125};
        int n = 0;
        for (double q : qs) {
            for (double r : rs) {
                for (double s : ss) {
                    for (double c : cs) {
                        for (double delta : deltas) {
                            if (r * r > q * s) {
                                continue;
                            }
                            String where = "q=" + q + " r=" + r + " s=" + s + " c=" + c + " delta=" + delta;
                            assertSameStep(CpoDual.solve(q, r, s, c, delta), single(q, r, s, c, delta), where);
                            n++;
                        }
                    }
                }
            }
        }
        assertEquals(704, n);
    }

    /**
     * Where the TRPO step lies on the constraint boundary, {@code r = c sqrt(q / Delta)}, CpoDual clamps lambda to
     * r/c; this solver compares the unclamped faces instead. The two agree there to rounding: the steps differ by
     * less than 1e-12 of the trust-region radius (in the H-norm), and most are still the same to the bit.
     */
    @Test
    void oneConstraintAtTheKinkAgreesWithCpoDualToRounding() {
        Random rnd = new Random(32);
        int bitwise = 0;
        int trials = 5000;
        double largest = 0;
        for (int trial = 0; trial < trials; trial++) {
            double delta = 0.02;
            double q = Math.exp(rnd.nextGaussian());
            double s = Math.exp(rnd.nextGaussian());
            // c on either side, with the boundary cutting the trust region (B >= 0)
            double c = (rnd.nextBoolean() ? 1 : -1) * Math.sqrt(delta * s) * rnd.nextDouble();
            double r = c * Math.sqrt(q / delta);
            CpoDual.Step one = CpoDual.solve(q, r, s, c, delta);
            CpoMultiDual.Step multi = single(q, r, s, c, delta);
            assertEquals(one.kase(), multi.kase());
            double dg = one.coefG() - multi.coefG();
            double db = one.coefB() - multi.coefB()[0];
            double gap = Math.sqrt(Math.max(0, dg * dg * q + 2 * dg * db * r + db * db * s) / delta);
            largest = Math.max(largest, gap);
            assertTrue(gap < 1e-12, "trial " + trial + ": steps differ by " + gap + " of the radius");
            if (one.coefG() == multi.coefG() && one.coefB() == multi.coefB()[0]) {
                bitwise++;
            }
        }
        System.out.printf("kink: %d of %d steps the same to the bit, largest difference %.3g of the radius%n",
                bitwise, trials, largest);
        assertTrue(bitwise > trials / 2, bitwise + " of " + trials);
    }

    static int count(boolean[] a) {
        int k = 0;
        for (boolean v : a) {
            k += v ? 1 : 0;
        }
        return k;
    }
}
