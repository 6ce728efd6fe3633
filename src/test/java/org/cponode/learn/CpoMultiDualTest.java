package org.cponode.learn;

import static org.cponode.learn.CpoDualTest.dot;
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
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
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

        static double[] lowerSolve(DMatrixRMaj lower, double[] rhs) {
            double[] out = rhs.clone();
            TriangularSolver_DDRM.solveL(lower.data, out, rhs.length);
            return out;
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
            DMatrixRMaj v = DMatrixRMaj.wrap(n, 1, x);
            return VectorVectorMult_DDRM.innerProdA(v, h, v);
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

    /** A random SPD matrix, {@code M M^T + 0.5 I} with M standard normal, in n dimensions. */
    static DMatrixRMaj randomSpd(Random rnd, int n) {
        DMatrixRMaj a = DMatrixRMaj.wrap(n, n, gaussian(rnd, n * n));
        DMatrixRMaj h = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(0.5, h);
        CommonOps_DDRM.multAddTransB(a, a, h);
        return h;
    }

    /** Delta = 2 delta_KL with delta_KL log-uniform in [1e-3, 0.1]. */
    static double randomDelta(Random rnd) {
        return 2 * Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100.0));
    }

    static void assertEveryCaseSeen(Map<Case, Integer> seen, int times) {
        for (Case k : new Case[] {Case.INFEASIBLE_RECOVERY, Case.INFEASIBLE_DUAL, Case.FEASIBLE_DUAL,
                Case.FEASIBLE_TRPO}) {
            assertTrue(seen.getOrDefault(k, 0) > times, "case " + k + " seen only " + seen.get(k) + " times: " + seen);
        }
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
        double delta = randomDelta(rnd);
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

    /**
     * Checks a feasible-case step: every constraint and the trust region are met, active constraints are tight
     * with {@code nu > 0} and inactive ones have {@code nu = 0}, and the objective equals the reference optimum
     * but for the EPS guards, whose effects are bounded to first order: the factor {@code 1/(lambda + EPS)}
     * shortens the step by EPS/lambda, which costs that fraction of the objective; {@code x^T H x} above Delta
     * and constraints above 0 (by about {@code EPS nu / lambda}) gain lambda/2 per unit of Delta and nu_i per
     * unit of slack in constraint i. Returns the objective's error beyond those bounds, relative to
     * {@code sqrt(q Delta)}.
     */
    static double assertOptimal(Instance in, CpoMultiDual.Step st, String where) {
        double[] x = in.step(st);
        double radius = Math.sqrt(in.delta);
        for (int i = 0; i < in.m; i++) {
            double tol = 1e-6 * (Math.abs(in.c[i]) + radius * in.scale(i));
            assertTrue(in.constraint(i, x) <= tol, where + ": constraint " + i + " = " + in.constraint(i, x));
            if (st.active()[i]) {
                assertTrue(st.nu()[i] > 0 && Math.abs(in.constraint(i, x)) <= tol,
                        where + ": active constraint " + i + " not tight: " + in.constraint(i, x));
            } else {
                assertEquals(0.0, Math.abs(st.nu()[i]), 0.0, where);
            }
        }
        double refValue = dot(in.gh, referenceMinimiser(in));
        double scale = Math.sqrt(in.q() * in.delta);
        double err = (dot(in.g, x) - refValue) / scale;
        double loss = Math.abs(refValue) * CpoDual.EPS / st.lambda() / scale;
        double gain = 0.5 * st.lambda() * Math.max(0, in.quad(x) - in.delta);
        for (int i = 0; i < in.m; i++) {
            gain += st.nu()[i] * Math.max(0, in.constraint(i, x));
        }
        gain /= scale;
        assertTrue(err <= 1.01 * loss + 1e-9 && err >= -1.01 * gain - 1e-9, where + ": objective " + dot(in.g, x)
                + " vs reference " + refValue + " (EPS loss " + loss + ", gain " + gain + ")");
        return Math.max(0, Math.max(err - loss, -err - gain));
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
            maxObjectiveError = Math.max(maxObjectiveError, assertOptimal(in, st, where));
            activeSizes[count(st.active())]++;
        }
        System.out.printf("cases %s, active-set sizes %s, jointly infeasible %d, boundary %d,"
                + " max objective error %.3g, max recovery error %.3g, max trust-region excess %.3g%n", seen,
                java.util.Arrays.toString(activeSizes), jointlyInfeasible, boundary, maxObjectiveError,
                maxRecoveryError, maxTrustExcess);
        assertEveryCaseSeen(seen, 100);
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
            double delta = trial % 5 == 0 ? 0.02 : randomDelta(rnd);
            double q = in.q();
            double r = in.r();
            double s = in.s();
            CpoDual.Step one = CpoDual.solve(q, r, s, in.c(), delta);
            seen.merge(one.kase(), 1, Integer::sum);
            assertSameStep(one, single(q, r, s, in.c(), delta), "trial " + trial);
        }
        assertEveryCaseSeen(seen, 1000);
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

    // ---------------------------------------------------------------------------------------------------------
    // Hand-made cases.

    static Instance identityInstance(double[] g, double[][] b, double[] c, double delta) {
        DMatrixRMaj h = CommonOps_DDRM.identity(g.length);
        return new Instance(h, g, b, c, delta);
    }

    @Test
    void aConstraintWithoutGradientIsIgnored() {
        Random rnd = new Random(41);
        for (int trial = 0; trial < 2000; trial++) {
            CpoDualTest.Instance in = CpoDualTest.randomInstance(rnd, trial % 2 == 0, 0.3);
            double extraC = rnd.nextGaussian(); // violated or not: without a gradient no step changes it
            CpoDual.Step one = CpoDual.solve(in.q(), in.r(), in.s(), in.c(), 0.02);
            CpoMultiDual.Step two = CpoMultiDual.solve(in.q(), new double[] {in.r(), 0},
                    new double[][] {{in.s(), 0}, {0, 0}}, new double[] {in.c(), extraC}, 0.02);
            assertSameStep(one, two, "trial " + trial);
            assertEquals(0.0, Math.abs(two.coefB()[1]), 0.0);
            assertFalse(two.active()[1]);
        }
        CpoMultiDual.Step none = CpoMultiDual.solve(4, new double[] {0, 0}, new double[2][2], new double[] {1, -1},
                0.02);
        assertEquals(Case.NO_CONSTRAINT_GRADIENT, none.kase());
        assertEquals(CpoDual.solve(4, 0, 0, 1, 0.02).coefG(), none.coefG());
        assertArrayEquals(new double[] {0.0, 0.0}, none.coefB());
        assertTrue(Double.isNaN(none.worst()));
        CpoMultiDual.Step empty = CpoMultiDual.solve(4, new double[0], new double[0][0], new double[0], 0.02);
        assertEquals(Case.NO_CONSTRAINT_GRADIENT, empty.kase());
        assertEquals(none.coefG(), empty.coefG());
    }

    /** Two copies of one constraint give its single-constraint step: the same case, coefG and sum of coefB. */
    static void assertCopiesCarry(CpoDual.Step one, CpoMultiDual.Step copies, String where) {
        assertEquals(one.kase(), copies.kase(), where);
        assertEquals(one.coefG(), copies.coefG(), where);
        assertEquals(one.coefB(), copies.coefB()[0] + copies.coefB()[1], where);
    }

    @Test
    void duplicatedConstraintsGiveTheSingleConstraintsStep() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 2000; trial++) {
            CpoDualTest.Instance in = CpoDualTest.randomInstance(rnd, trial % 2 == 0, trial % 3 == 0 ? 1.0 : 0.3);
            double q = in.q();
            double r = in.r();
            double s = in.s();
            double c = in.c();
            String where = "trial " + trial;
            CpoDual.Step one = CpoDual.solve(q, r, s, c, 0.02);

            // the same constraint twice: one copy carries the step, the other is inactive
            double[][] sameS = {{s, s}, {s, s}};
            CpoMultiDual.Step twice = CpoMultiDual.solve(q, new double[] {r, r}, sameS, new double[] {c, c}, 0.02);
            assertCopiesCarry(one, twice, where);
            assertTrue(count(twice.active()) <= 1, where);

            // with a looser copy the tighter one decides; the order does not matter
            double looser = c - 0.05 - Math.abs(c);
            assertCopiesCarry(one, CpoMultiDual.solve(q, new double[] {r, r}, sameS, new double[] {looser, c}, 0.02),
                    where);

            // the same constraint in other units (b and c times 3): the same step, to the EPS guards (EPS is
            // absolute, so s + EPS and 9 s + EPS guard the two copies differently)
            CpoMultiDual.Step units = CpoMultiDual.solve(q, new double[] {r, 3 * r},
                    new double[][] {{s, 3 * s}, {3 * s, 9 * s}}, new double[] {c, 3 * c}, 0.02);
            assertEquals(one.kase(), units.kase(), where);
            double dg = one.coefG() - units.coefG();
            double db = one.coefB() - (units.coefB()[0] + 3 * units.coefB()[1]);
            double gap = Math.sqrt(Math.max(0, dg * dg * q + 2 * dg * db * r + db * db * s) / 0.02);
            assertTrue(gap < 1e-6, where + ": steps differ by " + gap + " of the radius");
        }
    }

    @Test
    void touchingFeasibleSetIsADualStepAndJustPastItRecovery() {
        // H = I, b_1 = e1, b_2 = e2, c_1 = c_2 = 1/4, Delta = 1/8: each constraint alone cuts the ball, and the
        // feasible quadrant's nearest point (-1/4, -1/4, 0) lies exactly on the sphere (B = 0 for the pair).
        double[] g = {0.3, -0.2, 1.0};
        double[][] b = {{1, 0, 0}, {0, 1, 0}};
        double delta = 0.125;
        Instance touching = identityInstance(g, b, new double[] {0.25, 0.25}, delta);
        CpoMultiDual.Step st = touching.solve();
        assertEquals(Case.INFEASIBLE_DUAL, st.kase());
        assertArrayEquals(new boolean[] {true, true}, st.active());
        double[] x = touching.step(st);
        assertEquals(-0.25, x[0], 1e-6);
        assertEquals(-0.25, x[1], 1e-6);
        assertEquals(0.0, x[2], 2 * Math.sqrt(CpoDual.EPS)); // the B + EPS guard leaves sqrt(EPS) of slack
        assertTrue(touching.quad(x) <= delta + 2 * CpoDual.EPS);

        // just past: jointly infeasible although each alone is not; recovery balances the two along (-1, -1)
        Instance past = identityInstance(g, b, new double[] {0.2500001, 0.2500001}, delta);
        CpoMultiDual.Step rec = past.solve();
        assertEquals(Case.INFEASIBLE_RECOVERY, rec.kase());
        assertArrayEquals(new boolean[] {true, true}, rec.active());
        assertEquals(0.0, rec.coefG());
        assertEquals(-0.25, rec.coefB()[0], 1e-12);
        assertEquals(-0.25, rec.coefB()[1], 1e-12);
        assertEquals(0.2500001 - 0.25, rec.worst(), 1e-12);
        assertEquals(referenceMinimax(past)[1][0], rec.worst(), 1e-12);
    }

    @Test
    void constraintActiveNowIsTheInclusiveInfeasibleSide() {
        Random rnd = new Random(43);
        for (int trial = 0; trial < 300; trial++) {
            Instance base = randomInstance(rnd, 3, 6);
            double[] c = base.c.clone();
            c[0] = 0.0; // the current policy is on constraint 0's boundary
            Instance in = new Instance(base.h, base.g, base.b, c, base.delta);
            CpoMultiDual.Step st = in.solve();
            String where = "trial " + trial;
            assertFalse(st.kase() == Case.FEASIBLE_DUAL || st.kase() == Case.FEASIBLE_TRPO, where + " " + st.kase());
            if (st.kase() != Case.INFEASIBLE_RECOVERY) {
                assertEquals(Case.INFEASIBLE_DUAL, st.kase());
                assertOptimal(in, st, where);
            }
        }
    }

    @Test
    void wholeTrustRegionSafeIsThePlainTrpoStep() {
        double q = 2.5;
        double delta = 0.02;
        double[] r = {0.4, -0.7};
        double[][] s = {{1.0, 0.2}, {0.2, 0.5}};
        double[] c = {-0.2, -0.15}; // c_i^2 / S_ii = 0.04 and 0.045 > Delta
        CpoMultiDual.Step st = CpoMultiDual.solve(q, r, s, c, delta);
        assertEquals(Case.FEASIBLE_TRPO, st.kase());
        assertEquals(CpoDual.solve(q, r[0], s[0][0], c[0], delta).coefG(), st.coefG());
        assertEquals(Math.sqrt(q / delta), st.lambda());
        assertArrayEquals(new double[] {0.0, 0.0}, st.coefB());
        assertArrayEquals(new double[] {0.0, 0.0}, st.nu());
        assertArrayEquals(new boolean[] {false, false}, st.active());
        double coefG = st.coefG();
        double expected = Math.max((c[0] + coefG * r[0]) / 1.0, (c[1] + coefG * r[1]) / Math.sqrt(0.5));
        assertEquals(expected, st.worst(), 1e-15);
        assertTrue(st.worst() < 0);
        // one constraint cutting the trust region is enough for a dual step
        c[1] = -0.09;
        assertEquals(Case.FEASIBLE_DUAL, CpoMultiDual.solve(q, r, s, c, delta).kase());
    }

    /**
     * Opposed gradients ({@code b_2 = -b_1}): a band {@code lo <= J <= hi}. Inside a consistent band the
     * solver steps into it; an empty band ({@code lo > hi}) is infeasible although each side alone can be met,
     * and recovery then cannot lower the worse side without raising the other, so it leaves both and lowers a
     * third constraint that moves independently.
     */
    @Test
    void opposedConstraintsFormABand() {
        double[] g = {0.3, -0.4, 0.8, 0.1};
        double[] b1 = {1.0, 0.5, 0, 0};
        double[] b2 = {-1.0, -0.5, 0, 0};
        double[] b3 = {0.5, -1.0, 0, 0}; // orthogonal to b1
        double delta = 0.02;

        // above the band's top (c_1 > 0) with room below it: feasible, a dual step into the band
        Instance band = identityInstance(g, new double[][] {b1, b2}, new double[] {0.05, -0.12}, delta);
        CpoMultiDual.Step into = band.solve();
        assertEquals(Case.INFEASIBLE_DUAL, into.kase());
        assertOptimal(band, into, "band");

        // the empty band, J - hi = 0.05 and lo - J = 0.03: the best is to split the difference, the shortest
        // step that does moves J by -0.01 (x = -0.008 b1, |b1|^2 = 1.25), inside the trust region
        Instance emptyBand = identityInstance(g, new double[][] {b1, b2}, new double[] {0.05, 0.03}, delta);
        CpoMultiDual.Step rec = emptyBand.solve();
        assertEquals(Case.INFEASIBLE_RECOVERY, rec.kase());
        assertEquals(0.04 / Math.sqrt(1.25), rec.worst(), 1e-15);
        assertEquals(referenceMinimax(emptyBand)[1][0], rec.worst(), 1e-12);
        assertEquals(-0.008, rec.coefB()[0] - rec.coefB()[1], 1e-15);
        assertEquals(0.0, rec.coefG());

        // with a third, independent violation, recovery lowers it as far as the band lets the maximum fall
        for (double c3 : new double[] {0.06, 0.2, 0.5}) {
            Instance three = identityInstance(g, new double[][] {b1, b2, b3}, new double[] {0.05, 0.03, c3}, delta);
            CpoMultiDual.Step st = three.solve();
            assertEquals(Case.INFEASIBLE_RECOVERY, st.kase());
            // a single constraint's recovery is eq. 14 with CpoDual's s + EPS, shorter by EPS / (2 s)
            double tStar = referenceMinimax(three)[1][0];
            assertEquals(tStar, st.worst(), 2 * CpoDual.EPS * Math.sqrt(delta), "c3 = " + c3);
            assertEquals(st.worst(), three.worst(three.step(st)), 1e-15, "c3 = " + c3);
        }
    }

    @Test
    void refusesMalformedInput() {
        double[] r = {0.1};
        double[][] s = {{1}};
        double[] c = {0};
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(1, new double[2], s, c, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(1, r, new double[][] {{1, 0}}, c, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(Double.NaN, r, s, c, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(-1, r, s, c, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(1, r, new double[][] {{-1}}, c, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(1, r, s, new double[] {Double.NaN}, 0.02));
        assertThrows(IllegalArgumentException.class, () -> CpoMultiDual.solve(1, r, s, c, 0));
        int big = CpoMultiDual.MAX_CONSTRAINTS + 1;
        assertThrows(IllegalArgumentException.class,
                () -> CpoMultiDual.solve(1, new double[big], new double[big][big], new double[big], 0.02));
    }

    /** The most constraints the solver takes, against the reference (2^12 slices each). */
    @Test
    void manyConstraintsAgreeWithTheReference() {
        Random rnd = new Random(44);
        for (int trial = 0; trial < 40; trial++) {
            int m = trial < 8 ? CpoMultiDual.MAX_CONSTRAINTS : 8;
            Instance in = randomInstance(rnd, m, m + 3);
            CpoMultiDual.Step st = in.solve();
            String where = "trial " + trial + " m=" + m + " " + st.kase();
            double tStar = referenceMinimax(in)[1][0];
            if (tStar > 0) {
                assertEquals(Case.INFEASIBLE_RECOVERY, st.kase(), where);
                assertEquals(tStar, in.worst(in.step(st)), 1e-6 * Math.sqrt(in.delta), where);
            } else {
                assertOptimal(in, st, where);
            }
        }
    }

    static int count(boolean[] a) {
        int k = 0;
        for (boolean v : a) {
            k += v ? 1 : 0;
        }
        return k;
    }
}
