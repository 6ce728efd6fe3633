package org.cponode.learn;

import java.util.Arrays;
import org.cponode.learn.CpoDual.Case;
import org.cponode.sim.StepOutcome;

/**
 * The CPO step with m constraints, as a pure function of the Gram quantities (Achiam et al. 2017, eq. 10 with
 * one linearised constraint per cost; minimisation form as in {@link CpoDual}). It solves
 *
 * <pre>
 *   min_x  g^T x   s.t.  c_i + b_i^T x &lt;= 0  (i = 1..m),   x^T H x &lt;= Delta        (Delta = 2 delta_KL)
 * </pre>
 *
 * given {@code q = g^T H^-1 g}, {@code r_i = g^T H^-1 b_i}, {@code S_ij = b_i^T H^-1 b_j}, {@code c_i = J_Ci - d_i}
 * and {@code Delta}; g is the gradient of the <em>loss</em> and b_i the gradient of cost surrogate i. The answer
 * lies in the span of {@code v = H^-1 g} and {@code w_i = H^-1 b_i} and is returned as coefficients on them:
 *
 * <pre>
 *   x* = coefG v + sum_i coefB_i w_i  = -(1/lambda) (v + sum_i nu_i w_i)   (dual cases)
 * </pre>
 *
 * <p><b>Dual.</b> The Lagrangian {@code g^T x + sum nu_i (c_i + b_i^T x) + lambda/2 (x^T H x - Delta)} is least
 * at {@code x = -(1/lambda) H^-1 (g + B nu)}, which leaves
 * {@code D(lambda, nu) = -(q + 2 r^T nu + nu^T S nu) / (2 lambda) + c^T nu - lambda Delta / 2} to maximise over
 * {@code lambda >= 0, nu >= 0} (for fixed nu, {@code lambda = sqrt((q + 2 r^T nu + nu^T S nu) / Delta)}). On a
 * face A of the orthant (nu_i &gt; 0 exactly for i in A) the stationary point is
 *
 * <pre>
 *   nu_A   = S_AA^-1 (lambda c_A - r_A)
 *   A_A    = q - r_A^T S_AA^-1 r_A   &gt;= 0        B_A = Delta - c_A^T S_AA^-1 c_A
 *   lambda = sqrt(A_A / B_A),    D = -sqrt(A_A B_A) - c_A^T S_AA^-1 r_A
 * </pre>
 *
 * which for one constraint is Theorem 2's {@code lambda_a} and {@code f_a}, and for A empty its
 * {@code lambda_b = sqrt(q / Delta)} and {@code f_b}. Every face whose stationary point has {@code nu_A > 0} is
 * a feasible point of the dual, so its value bounds the optimum from below; the optimum is one of them. The
 * solver therefore enumerates the faces (depth-first over the constraints that cut the trust region, one
 * LDL^T row per added constraint, 2^m faces at most) and keeps the one of largest dual value, preferring the
 * larger face on a tie, as CpoDual's {@code f_a >= f_b}. A face with linearly dependent constraint gradients
 * (duplicated constraints) is skipped with every face above it: some face of independent gradients attains the
 * same optimum. Where CpoDual divides by {@code s + EPS} this solver uses {@code (S_AA + EPS I)^-1}, and where
 * it divides by s, {@code S_AA^-1}; for one constraint the arithmetic is CpoDual's operation for operation, so
 * the step is the same to the bit except where CpoDual clamps lambda to {@code r/c}, the kink at which the TRPO
 * step lies on the constraint boundary (there the two differ by rounding).
 *
 * <p><b>Cases</b> (the numbers of {@link Case}, inclusive thresholds as CpoDual, per constraint
 * {@code B_i = Delta - c_i^2 / S_ii}):
 * <ul>
 *   <li>4: no constraint has a gradient ({@code S_ii = 0} for all i): TRPO step. A constraint with
 *       {@code S_ii = 0} is ignored, as CpoDual ignores one.</li>
 *   <li>3: every constraint holds on the whole trust region ({@code c_i < 0} and {@code B_i < 0}): TRPO step.</li>
 *   <li>0: no point of the trust region satisfies every linearised constraint: recovery, below.</li>
 *   <li>2 or 1: otherwise the dual solution; 1 when some constraint is violated now ({@code c_i >= 0}).</li>
 * </ul>
 * Infeasibility is decided by the point of {@code P = {x : c + B^T x <= 0}} nearest to 0 in the H-norm: the
 * multipliers {@code S_AA^-1 c_A > 0} of any face bound {@code |x_P|^2 >= c_A^T S_AA^-1 c_A = Delta - B_A} from
 * below and attain it at the nearest point, so P misses the trust region exactly when some such face has
 * {@code B_A < 0} (one constraint: {@code c > 0} and {@code B < 0}, CpoDual's case 0), or when P is empty:
 * positively dependent gradients whose constraints contradict each other, found when a face turns dependent
 * (see recovery).
 *
 * <p><b>Recovery.</b> The step minimises the worst normalised violation inside the trust region,
 *
 * <pre>
 *   t* = min_x  max_i (c_i + b_i^T x) / sigma_i   s.t.  x^T H x &lt;= Delta,        sigma_i = sqrt(S_ii),
 * </pre>
 *
 * over the constraints that can be violated somewhere in the trust region, and among the minimisers takes the
 * shortest. {@code (c_i + b_i^T x)/sigma_i} is the signed H-distance from x to constraint i's boundary, so the
 * rule does not depend on the units of each cost and measures every violation by the length of step that would
 * remove it; for one constraint it is eq. 14, {@code x = -sqrt(Delta / s) w}. The alternatives are worse
 * defined: a sum of violations lets one large constraint hide the others, and the nearest feasible point lies
 * outside the trust region by assumption. When the worst violations balance, the step may raise a constraint
 * that holds now, never above the new worst.
 *
 * <p>With {@code P_t = {x : c_i + b_i^T x <= t sigma_i}}, t* is the least t at which P_t meets the trust
 * region. Two kinds of lower bound meet there: a face A whose relaxed constraints, held equal at level t, lie at
 * squared H-distance Delta from 0 ({@code (c_A - t sigma_A)^T S_AA^-1 (c_A - t sigma_A) = Delta}, smaller root)
 * with multipliers
 * {@code S_AA^-1 (c_A - t sigma_A) > 0} proves that P_t misses the interior of the trust region; positively
 * dependent gradients (a set whose gradients sum to 0 with positive weights, such as {@code J <= hi} and
 * {@code J >= lo}) keep their weighted mean violation fixed, so P_t is empty below it. t* is the largest bound
 * of either kind, and the step is the nearest point of P_t*, found by the same faces at fixed t*: on the sphere
 * when a face bound decides, inside it when contradicting constraints do ({@code lo > hi}).
 *
 * <p>The solve costs O(2^m m^2) for at most {@link #MAX_CONSTRAINTS} constraints (two passes for recovery) and
 * allocates a few small arrays per call. The small factorisations are written out, not taken from a library, so that the order of the
 * floating-point operations, and with it the one-constraint agreement with CpoDual, is fixed.
 */
public final class CpoMultiDual {

    /** The most constraints a solve accepts: the enumeration visits up to 2^m faces. */
    public static final int MAX_CONSTRAINTS = StepOutcome.MAX_CONSTRAINTS;

    /**
     * A constraint whose gradient has a component of relative squared length at most this outside the span of a
     * face's gradients (in the H^-1 metric) counts as dependent on them: the face with it is not solved, because
     * its multipliers would come from a matrix near singular, and a smaller face attains the same step.
     */
    static final double DEPENDENT = 1e-10;

    private CpoMultiDual() {}

    /**
     * The step and the dual variables that gave it. The arrays have one entry per constraint and belong to the
     * step; callers do not modify them.
     *
     * @param kase the branch taken, numbered as CpoDual's
     * @param lambda trust-region multiplier (NaN for recovery)
     * @param nu constraint multipliers, 0 for inactive constraints (NaN for recovery)
     * @param coefG coefficient on {@code H^-1 g}
     * @param coefB coefficients on {@code H^-1 b_i}
     * @param active the constraints on the chosen face: those with {@code nu_i > 0}, or for recovery those with
     *     positive multipliers at t*, held at the worst normalised violation (of positively dependent ones that
     *     the others fix, all but one)
     * @param worst the largest normalised linearised violation after the step,
     *     {@code max_i (c_i + b_i^T x) / sqrt(S_ii)} over constraints with a gradient (NaN when none has)
     */
    public record Step(Case kase, double lambda, double[] nu, double coefG, double[] coefB, boolean[] active,
            double worst) {}

    /**
     * Solves the m-constraint CPO subproblem.
     *
     * @param q {@code g^T H^-1 g}, finite and {@code >= 0}
     * @param r {@code r_i = g^T H^-1 b_i} (loss-gradient convention)
     * @param s {@code S_ij = b_i^T H^-1 b_j}, m by m; {@code S_ii = 0} marks a constraint without gradient. The
     *     off-diagonal entries are averaged with their transposes, since conjugate-gradient solves give the two
     *     slightly different. Together with q and r it should be a Gram matrix (positive semi-definite, so
     *     {@code r_i^2 <= q S_ii}); small departures are tolerated as CpoDual tolerates them.
     * @param c {@code c_i = J_Ci(pi_k) - d_i}; negative when constraint i holds now
     * @param delta {@code Delta = 2 delta_KL}, {@code > 0}
     * @return the step, always with finite coefficients
     * @throws IllegalArgumentException for mismatched sizes, more than {@link #MAX_CONSTRAINTS} constraints,
     *     non-finite inputs, {@code q < 0}, {@code S_ii < 0} or {@code delta <= 0}
     */
    public static Step solve(double q, double[] r, double[][] s, double[] c, double delta) {
        int m = c.length;
        validate(q, r, s, c, delta);
        double[][] gram = new double[m][m];
        for (int i = 0; i < m; i++) {
            gram[i][i] = s[i][i];
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i] = 0.5 * (s[i][j] + s[j][i]);
            }
        }
        double trpoLambda = Math.sqrt(q / delta);

        // Classify each constraint: no gradient (ignored), safe on the whole trust region, or binding somewhere.
        int[] binding = new int[m];
        int bindingCount = 0;
        boolean anyGradient = false;
        boolean violatedNow = false;
        for (int i = 0; i < m; i++) {
            double sii = gram[i][i];
            if (sii == 0) {
                continue;
            }
            anyGradient = true;
            violatedNow |= c[i] >= 0;
            double bTerm = delta - c[i] * c[i] / sii;
            if (!(c[i] < 0 && bTerm < 0)) {
                binding[bindingCount++] = i;
            }
        }
        if (!anyGradient) {
            return trpo(Case.NO_CONSTRAINT_GRADIENT, trpoLambda, r, gram, c);
        }
        if (bindingCount == 0) {
            return trpo(Case.FEASIBLE_TRPO, trpoLambda, r, gram, c);
        }

        Faces faces = new Faces(q, r, gram, c, delta, Arrays.copyOf(binding, bindingCount));
        faces.visit(0, 0);

        if (faces.infeasible) {
            faces.recover(faces.recoveryBound);
            double[] coefB = scatter(faces.recoveryFace, faces.recoveryCoef, m);
            double[] nu = new double[m];
            Arrays.fill(nu, Double.NaN);
            return new Step(Case.INFEASIBLE_RECOVERY, Double.NaN, nu, 0.0, coefB, members(faces.recoveryFace, m),
                    worst(gram, c, r, 0.0, coefB));
        }
        double lambda = faces.dualLambda;
        double[] nu = scatter(faces.dualFace, faces.dualNu, m);
        boolean[] active = members(faces.dualFace, m);
        double inv = 1.0 / (lambda + CpoDual.EPS);
        double[] coefB = new double[m];
        for (int i = 0; i < m; i++) {
            coefB[i] = -inv * nu[i];
        }
        Case kase = violatedNow ? Case.INFEASIBLE_DUAL : Case.FEASIBLE_DUAL;
        return new Step(kase, lambda, nu, -inv, coefB, active, worst(gram, c, r, -inv, coefB));
    }

    /** {@code values[p]} at index {@code face[p]} of an array of m zeros. */
    private static double[] scatter(int[] face, double[] values, int m) {
        double[] out = new double[m];
        for (int p = 0; p < face.length; p++) {
            out[face[p]] = values[p];
        }
        return out;
    }

    private static boolean[] members(int[] face, int m) {
        boolean[] out = new boolean[m];
        for (int i : face) {
            out[i] = true;
        }
        return out;
    }

    private static void validate(double q, double[] r, double[][] s, double[] c, double delta) {
        int m = c.length;
        if (r.length != m || s.length != m) {
            throw new IllegalArgumentException("CPO multi dual needs r, S and c of one size: " + r.length + ", "
                    + s.length + ", " + m);
        }
        if (m > MAX_CONSTRAINTS) {
            throw new IllegalArgumentException("CPO multi dual takes at most " + MAX_CONSTRAINTS
                    + " constraints, got " + m);
        }
        if (!Double.isFinite(q) || !Double.isFinite(delta) || q < 0 || !(delta > 0)) {
            throw new IllegalArgumentException("CPO multi dual needs finite q >= 0 and delta > 0: q=" + q
                    + " delta=" + delta);
        }
        for (int i = 0; i < m; i++) {
            if (s[i].length != m) {
                throw new IllegalArgumentException("S must be " + m + " by " + m + "; row " + i + " has "
                        + s[i].length);
            }
            if (!Double.isFinite(r[i]) || !Double.isFinite(c[i])) {
                throw new IllegalArgumentException("CPO multi dual needs finite r and c: r[" + i + "]=" + r[i]
                        + " c[" + i + "]=" + c[i]);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(s[i][j])) {
                    throw new IllegalArgumentException("S[" + i + "][" + j + "] is " + s[i][j]);
                }
            }
            if (s[i][i] < 0) {
                throw new IllegalArgumentException("S[" + i + "][" + i + "] = " + s[i][i] + " < 0");
            }
        }
    }

    private static Step trpo(Case kase, double lambda, double[] r, double[][] gram, double[] c) {
        int m = c.length;
        double coefG = -1.0 / (lambda + CpoDual.EPS);
        double[] coefB = new double[m];
        return new Step(kase, lambda, new double[m], coefG, coefB, new boolean[m],
                worst(gram, c, r, coefG, coefB));
    }

    /**
     * {@code max_i (c_i + b_i^T x) / sqrt(S_ii)} for {@code x = coefG v + sum coefB_j w_j}, over constraints with
     * a gradient; {@code b_i^T v = r_i} and {@code b_i^T w_j = S_ij}.
     */
    private static double worst(double[][] gram, double[] c, double[] r, double coefG, double[] coefB) {
        double worst = Double.NaN;
        for (int i = 0; i < c.length; i++) {
            if (gram[i][i] == 0) {
                continue;
            }
            double value = c[i] + coefG * r[i];
            for (int j = 0; j < c.length; j++) {
                value += gram[i][j] * coefB[j];
            }
            value /= Math.sqrt(gram[i][i]);
            if (!(value <= worst)) {
                worst = value;
            }
        }
        return worst;
    }

    /**
     * The depth-first enumeration of faces over the binding constraints. At depth k the face is
     * {@code face[0..k-1]}; row k of the unit lower factors of {@code S_AA} (and of {@code S_AA + EPS I}) and the
     * forward-substituted right-hand sides are appended when a constraint joins, so a face costs O(k^2) on top of
     * its parent. The first pass ({@link #recoveryLevel} NaN) collects the feasibility verdict, the dual optimum
     * and the recovery level t*; the second, run only for recovery, the nearest point of {@code P_t*}.
     */
    private static final class Faces {
        final double q;
        final double[] r;
        final double[][] gram;
        final double[] c;
        final double delta;
        final int[] set;

        final int[] face;
        /** {@code l[k][p]}, p &lt; k: row k of the unit lower factor of S_AA; {@code lEps} the same for S_AA + EPS I. */
        final double[][] l;
        final double[][] lEps;
        final double[] d;
        final double[] dEps;
        /** L^-1 applied to r_A, c_A and sigma_A (sigma_i = sqrt(S_ii)); {@code zrEps}, {@code zcEps} with L_Eps. */
        final double[] zr;
        final double[] zc;
        final double[] zs;
        final double[] zrEps;
        final double[] zcEps;
        /** Prefix sums at depth k+1: r^T S^-1 r, c^T S^-1 c, sigma^T S^-1 sigma, sigma^T S^-1 c, c^T S_Eps^-1 r. */
        final double[] rSr;
        final double[] cSc;
        final double[] sSs;
        final double[] sSc;
        final double[] cSrEps;
        final double[] sigma;
        final double[] work;
        final double[] solved;

        /** A face of positive multipliers {@code S_AA^-1 c_A} leaves the trust region, or P is empty. */
        boolean infeasible;

        double dualValue;
        double dualLambda;
        int[] dualFace = new int[0];
        double[] dualNu = new double[0];

        /** Lower bounds on t*, the least worst normalised violation: the largest seen so far. */
        double recoveryBound = Double.NEGATIVE_INFINITY;
        /** t* during the second pass; NaN during the first. */
        double recoveryLevel = Double.NaN;
        /** The second pass's best: {@code |x|^2} of the nearest point of P_t* found so far, its face and step. */
        double recoveryDistance;
        int[] recoveryFace = new int[0];
        double[] recoveryCoef = new double[0];

        Faces(double q, double[] r, double[][] gram, double[] c, double delta, int[] set) {
            this.q = q;
            this.r = r;
            this.gram = gram;
            this.c = c;
            this.delta = delta;
            this.set = set;
            int k = set.length;
            face = new int[k];
            l = new double[k][k];
            lEps = new double[k][k];
            d = new double[k];
            dEps = new double[k];
            zr = new double[k];
            zc = new double[k];
            zs = new double[k];
            zrEps = new double[k];
            zcEps = new double[k];
            rSr = new double[k];
            cSc = new double[k];
            sSs = new double[k];
            sSc = new double[k];
            cSrEps = new double[k];
            sigma = new double[c.length];
            work = new double[k];
            solved = new double[k];
            for (int i : set) {
                sigma[i] = Math.sqrt(gram[i][i]);
            }
            // The empty face: nu = 0, lambda = sqrt(q / Delta), D = -sqrt(q Delta).
            dualValue = -Math.sqrt(q * delta);
            dualLambda = Math.sqrt(q / delta);
        }

        /** Tries every constraint of {@code set[start..]} as the (depth+1)-th member of the face. */
        void visit(int depth, int start) {
            for (int j = start; j < set.length; j++) {
                if (append(depth, set[j])) {
                    if (Double.isNaN(recoveryLevel)) {
                        evaluate(depth + 1);
                    } else {
                        nearestPoint(depth + 1);
                    }
                    visit(depth + 1, j + 1);
                }
            }
        }

        /** The second pass: the nearest point of {@code P_t = {x : c_i + b_i^T x <= t sigma_i}} at {@code t = t*}. */
        void recover(double level) {
            recoveryLevel = level;
            recoveryDistance = Double.NEGATIVE_INFINITY;
            boolean zeroStepMeetsIt = true;
            for (int i : set) {
                zeroStepMeetsIt &= c[i] - level * sigma[i] <= 0;
            }
            if (zeroStepMeetsIt) {
                recoveryDistance = 0;
            }
            visit(0, 0);
        }

        /** Appends constraint i at position k; false when its gradient depends on the face's. */
        boolean append(int k, int i) {
            face[k] = i;
            double pivot = gram[i][i];
            double pivotEps = gram[i][i] + CpoDual.EPS;
            for (int p = 0; p < k; p++) {
                double w = gram[face[p]][i];
                double wEps = w;
                for (int t = 0; t < p; t++) {
                    w -= l[p][t] * l[k][t] * d[t];
                    wEps -= lEps[p][t] * lEps[k][t] * dEps[t];
                }
                l[k][p] = w / d[p];
                lEps[k][p] = wEps / dEps[p];
                pivot -= w * l[k][p];
                pivotEps -= wEps * lEps[k][p];
            }
            if (!(pivot > DEPENDENT * gram[i][i])) {
                if (k > 0 && Double.isNaN(recoveryLevel)) {
                    circuit(k, i);
                }
                return false;
            }
            d[k] = pivot;
            dEps[k] = pivotEps;
            zr[k] = forward(l, zr, k, r[i]);
            zc[k] = forward(l, zc, k, c[i]);
            zs[k] = forward(l, zs, k, sigma[i]);
            zrEps[k] = forward(lEps, zrEps, k, r[i]);
            zcEps[k] = forward(lEps, zcEps, k, c[i]);
            double prevRSr = k == 0 ? 0.0 : rSr[k - 1];
            double prevCSc = k == 0 ? 0.0 : cSc[k - 1];
            double prevSSs = k == 0 ? 0.0 : sSs[k - 1];
            double prevSSc = k == 0 ? 0.0 : sSc[k - 1];
            double prevCSr = k == 0 ? 0.0 : cSrEps[k - 1];
            rSr[k] = prevRSr + zr[k] * zr[k] / d[k];
            cSc[k] = prevCSc + zc[k] * zc[k] / d[k];
            sSs[k] = prevSSs + zs[k] * zs[k] / d[k];
            sSc[k] = prevSSc + zs[k] * zc[k] / d[k];
            cSrEps[k] = prevCSr + zrEps[k] * zcEps[k] / dEps[k];
            return true;
        }

        private static double forward(double[][] lower, double[] z, int k, double rhs) {
            double v = rhs;
            for (int p = 0; p < k; p++) {
                v -= lower[k][p] * z[p];
            }
            return v;
        }

        /**
         * Constraint i's gradient is (nearly) {@code sum_p theta_p b_face[p]}. With every {@code theta_p < 0} the
         * gradients are positively dependent, and with {@code z = (|theta|, 1)} the weighted sum of the
         * constraints' left sides is the constant {@code kappa = c_i + sum_p |theta_p| c_face[p]} for every x. No
         * x then brings all their normalised violations below the weighted mean
         * {@code kappa / (sigma_i + sum_p |theta_p| sigma_face[p])}: a lower bound on t*, and when it is positive
         * P is empty.
         */
        private void circuit(int k, int i) {
            for (int p = 0; p < k; p++) {
                work[p] = l[k][p];
            }
            backward(l, k, work, solved);
            double kappa = c[i];
            double weight = sigma[i];
            for (int p = 0; p < k; p++) {
                if (!(solved[p] < 0)) {
                    return;
                }
                kappa -= solved[p] * c[face[p]];
                weight -= solved[p] * sigma[face[p]];
            }
            if (kappa > 0) {
                infeasible = true;
            }
            recoveryBound = Math.max(recoveryBound, kappa / weight);
        }

        /** Solves {@code L^T x = y} for the unit upper factor L^T of depth k. */
        private static void backward(double[][] lower, int k, double[] y, double[] x) {
            for (int p = k - 1; p >= 0; p--) {
                double v = y[p];
                for (int t = p + 1; t < k; t++) {
                    v -= lower[t][p] * x[t];
                }
                x[p] = v;
            }
        }

        /** First pass over the face {@code face[0..k-1]}: feasibility certificate, dual candidate, bound on t*. */
        void evaluate(int k) {
            double bTerm = delta - cSc[k - 1];

            // Nearest point of P: multipliers S^-1 c_A > 0 with |x|^2 = Delta - B_A > Delta prove infeasibility.
            if (bTerm < 0 && !infeasible) {
                for (int p = 0; p < k; p++) {
                    work[p] = zc[p] / d[p];
                }
                backward(l, k, work, solved);
                if (allPositive(solved, k)) {
                    infeasible = true;
                }
            }

            // Dual: the face's stationary point, kept when nu > 0 and its value is the best so far.
            if (bTerm >= 0) {
                double aTerm = Math.max(0.0, q - rSr[k - 1]);
                double lambda = Math.sqrt(aTerm / (bTerm + CpoDual.EPS));
                for (int p = 0; p < k; p++) {
                    work[p] = (lambda * zcEps[p] - zrEps[p]) / dEps[p];
                }
                backward(lEps, k, work, solved);
                if (allPositive(solved, k)) {
                    double value = -Math.sqrt(aTerm * bTerm) - cSrEps[k - 1];
                    if (value >= dualValue) {
                        dualValue = value;
                        dualLambda = lambda;
                        dualFace = Arrays.copyOf(face, k);
                        dualNu = Arrays.copyOf(solved, k);
                    }
                }
            }

            // Recovery: where the face's relaxed constraints, held equal at t, are Delta away, with multipliers
            // S^-1 (c_A - t sigma_A) > 0, P_t misses the trust region's interior: t <= t*.
            double level = ballLevel(k);
            if (!Double.isNaN(level) && level > recoveryBound && multipliersAt(level, k)) {
                recoveryBound = level;
            }
        }

        /**
         * The smaller root t of {@code (c_A - t sigma_A)^T S_AA^-1 (c_A - t sigma_A) = Delta}, the level at which
         * the face's relaxed constraints held with equality are Delta from 0; NaN when they never come that close.
         */
        private double ballLevel(int k) {
            double alpha = sSs[k - 1];
            double beta = sSc[k - 1];
            double gamma = cSc[k - 1];
            double disc = beta * beta - alpha * (gamma - delta);
            if (!(disc > 0)) {
                return Double.NaN;
            }
            double root = Math.sqrt(disc);
            return beta > 0 ? (gamma - delta) / (beta + root) : (beta - root) / alpha; // without cancellation
        }

        /** {@code solved = S_AA^-1 (c_A - t sigma_A)}; true when every entry is positive. */
        private boolean multipliersAt(double level, int k) {
            for (int p = 0; p < k; p++) {
                work[p] = (zc[p] - level * zs[p]) / d[p];
            }
            backward(l, k, work, solved);
            return allPositive(solved, k);
        }

        /**
         * Second pass over the face: multipliers {@code mu = S_AA^-1 (c_A - t* sigma_A) > 0} give the point
         * {@code -sum mu_j w_j} of the face's relaxed constraints held with equality, at H-distance^2
         * {@code (c_A - t* sigma_A)^T mu}; the largest such is the distance of P_t*, attained by its nearest point.
         */
        void nearestPoint(int k) {
            if (!multipliersAt(recoveryLevel, k)) {
                return;
            }
            double distance = 0;
            for (int p = 0; p < k; p++) {
                double z = zc[p] - recoveryLevel * zs[p];
                distance += z * z / d[p];
            }
            if (distance < recoveryDistance) {
                return;
            }
            recoveryDistance = distance;
            recoveryFace = Arrays.copyOf(face, k);
            if (k == 1 && ballLevel(1) == recoveryLevel) {
                // eq. 14, written as CpoDual writes it
                recoveryCoef = new double[] {-Math.sqrt(delta / (gram[face[0]][face[0]] + CpoDual.EPS))};
            } else {
                recoveryCoef = new double[k];
                for (int p = 0; p < k; p++) {
                    recoveryCoef[p] = -solved[p];
                }
            }
        }

        private static boolean allPositive(double[] x, int k) {
            for (int p = 0; p < k; p++) {
                if (!(x[p] > 0)) {
                    return false;
                }
            }
            return true;
        }
    }
}
