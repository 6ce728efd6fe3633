package org.cponode.learn;

/**
 * The CPO step as a pure function of five scalars (Achiam et al. 2017, Theorem 2, minimisation form;
 * docs/CPO.md). It solves
 *
 * <pre>
 *   min_x  g^T x   s.t.  c + b^T x &lt;= 0,   x^T H x &lt;= Delta        (Delta = 2 delta_KL)
 * </pre>
 *
 * given only {@code q = g^T H^-1 g}, {@code r = g^T H^-1 b}, {@code s = b^T H^-1 b}, {@code c = J_C - d} and
 * {@code Delta}, where g is the gradient of the <em>loss</em> (the quantity minimised) and b the gradient of
 * the constraint surrogate. The answer is returned as coefficients on the two conjugate-gradient solutions:
 *
 * <pre>
 *   x* = coefG * H^-1 g  +  coefB * H^-1 b
 * </pre>
 *
 * so the caller never needs H itself. Case thresholds are inclusive (SSA style): c &lt; 0 and B &lt; 0 is
 * case 3, c &lt; 0 and B &gt;= 0 case 2, c &gt;= 0 and B &gt;= 0 case 1, otherwise case 0, with
 * {@code B = Delta - c^2/s}. {@code s = 0} (no usable constraint gradient) is case 4.
 */
public final class CpoDual {

    /** Guards divisions, as the reference implementation's {@code eps}. */
    public static final double EPS = 1e-8;

    private CpoDual() {}

    /** Which branch of Theorem 2 produced the step. */
    public enum Case {
        /** Whole trust region infeasible: recovery step that decreases the constraint only (eq. 14). */
        INFEASIBLE_RECOVERY(0),
        /** Current policy infeasible, but part of the trust region is feasible: dual solution. */
        INFEASIBLE_DUAL(1),
        /** Feasible, and the constraint boundary cuts the trust region: dual solution. */
        FEASIBLE_DUAL(2),
        /** Feasible, and the whole trust region is feasible: plain TRPO step. */
        FEASIBLE_TRPO(3),
        /** No constraint gradient: plain TRPO step. */
        NO_CONSTRAINT_GRADIENT(4);

        /** The number the reference implementation logs for this case. */
        public final int number;

        Case(int number) {
            this.number = number;
        }

        /** Cases 0 and 1 start from an infeasible policy: the line search then ignores the loss. */
        public boolean isRecovery() {
            return this == INFEASIBLE_RECOVERY || this == INFEASIBLE_DUAL;
        }
    }

    /**
     * The step and the dual variables that gave it.
     *
     * @param kase the branch taken
     * @param lambda trust-region multiplier (NaN for recovery)
     * @param nu constraint multiplier (0 when the constraint is inactive; NaN for recovery)
     * @param coefG coefficient on {@code H^-1 g}
     * @param coefB coefficient on {@code H^-1 b}
     */
    public record Step(Case kase, double lambda, double nu, double coefG, double coefB) {}

    /**
     * Solves the CPO subproblem.
     *
     * @param q {@code g^T H^-1 g}, must be finite and {@code >= 0}
     * @param r {@code g^T H^-1 b} (loss-gradient convention)
     * @param s {@code b^T H^-1 b}; 0 means there is no constraint gradient
     * @param c {@code J_C(pi_k) - d}; negative when the current policy is feasible
     * @param delta {@code Delta = 2 delta_KL}, must be {@code > 0}
     * @return the step, always with finite coefficients
     * @throws IllegalArgumentException for non-finite inputs, {@code q < 0}, {@code s < 0} or {@code delta <= 0}
     */
    public static Step solve(double q, double r, double s, double c, double delta) {
        if (!Double.isFinite(q) || !Double.isFinite(r) || !Double.isFinite(s) || !Double.isFinite(c)
                || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("CPO dual needs finite scalars: q=" + q + " r=" + r + " s=" + s
                    + " c=" + c + " delta=" + delta);
        }
        if (q < 0 || s < 0 || !(delta > 0)) {
            throw new IllegalArgumentException("CPO dual needs q >= 0, s >= 0, delta > 0: q=" + q + " s=" + s
                    + " delta=" + delta);
        }
        double trpoLambda = Math.sqrt(q / delta);
        if (s == 0) {
            return trpo(Case.NO_CONSTRAINT_GRADIENT, trpoLambda);
        }
        double bTerm = delta - c * c / s; // B
        if (c < 0 && bTerm < 0) {
            return trpo(Case.FEASIBLE_TRPO, trpoLambda);
        }
        if (c >= 0 && bTerm < 0) {
            // x = -sqrt(Delta / s) H^-1 b : the largest constraint decrease inside the trust region
            return new Step(Case.INFEASIBLE_RECOVERY, Double.NaN, Double.NaN, 0.0, -Math.sqrt(delta / (s + EPS)));
        }
        Case kase = c < 0 ? Case.FEASIBLE_DUAL : Case.INFEASIBLE_DUAL;
        double aTerm = Math.max(0.0, q - r * r / s); // A >= 0 by Cauchy-Schwarz; clamp rounding
        // f_a(lam) = -A/(2 lam) - B lam / 2 - r c / s  on Lambda_a = {lam >= 0 : lam c - r > 0}
        // f_b(lam) = -(q/lam + lam Delta) / 2         on Lambda_b = {lam >= 0 : lam c - r <= 0}
        double lamA = Math.sqrt(aTerm / (bTerm + EPS));
        double valA = -Math.sqrt(aTerm * bTerm) - r * c / (s + EPS);
        double lamB = trpoLambda;
        double valB = -Math.sqrt(q * delta);
        double lambda;
        if (c == 0) {
            // Lambda_a is all of [0, inf) when r < 0, empty otherwise; Lambda_b the complement.
            lambda = r < 0 ? lamA : lamB;
        } else {
            double lamMid = r / c;
            if (lamMid > 0) {
                double valMid = -0.5 * (q / lamMid + lamMid * delta);
                if (c < 0) { // Lambda_a = [0, lamMid), Lambda_b = [lamMid, inf)
                    if (lamA > lamMid) {
                        lamA = lamMid;
                        valA = valMid;
                    }
                    if (lamB < lamMid) {
                        lamB = lamMid;
                        valB = valMid;
                    }
                } else { // Lambda_a = (lamMid, inf), Lambda_b = [0, lamMid]
                    if (lamA < lamMid) {
                        lamA = lamMid;
                        valA = valMid;
                    }
                    if (lamB > lamMid) {
                        lamB = lamMid;
                        valB = valMid;
                    }
                }
                lambda = valA >= valB ? lamA : lamB;
            } else {
                // lamMid <= 0: for c < 0 Lambda_a is empty; for c > 0 Lambda_b is empty
                lambda = c < 0 ? lamB : lamA;
            }
        }
        double nu = Math.max(0.0, lambda * c - r) / (s + EPS);
        double inv = 1.0 / (lambda + EPS);
        return new Step(kase, lambda, nu, -inv, -inv * nu);
    }

    private static Step trpo(Case kase, double lambda) {
        return new Step(kase, lambda, 0.0, -1.0 / (lambda + EPS), 0.0);
    }
}
