package org.cponode.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.cponode.control.WindowArbiter.Charge;
import org.cponode.control.WindowArbiter.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The window arbiter as a table: situation in, decision out. */
class WindowArbiterTest {

    private static final int STALE = Fault.ODOMETRY_STALE.bit();
    private static final InterventionCharge BOUND = InterventionCharge.BOUND;
    private static final InterventionCharge MEASURED = InterventionCharge.MEASURED;

    /**
     * Columns: case, faults, estop, budget spent before, window cost, budget, fallback, way back due, parked,
     * back inside, last safe known, take-over charge | mode, source, take-over, spent after, parked after, charge.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                row("within budget: the policy drives", 0, false, false, 2, 5, Fallback.STOP, false, false, false,
                        false, BOUND, Mode.RUNNING, Source.POLICY, false, false, false, Charge.MEASURED),
                row("budget reached at this step: take-over, the bound charge", 0, false, false, 5, 5, Fallback.STOP,
                        false, false, false, false, BOUND, Mode.FALLBACK_STOP, Source.ZERO, true, true, false,
                        Charge.BOUND),
                row("budget reached, measured charge", 0, false, false, 5, 5, Fallback.STOP, false, false, false,
                        false, MEASURED, Mode.FALLBACK_STOP, Source.ZERO, true, true, false, Charge.MEASURED),
                row("spent earlier: still the fallback, no second take-over", 0, false, true, 9, 5, Fallback.STOP,
                        false, false, false, false, BOUND, Mode.FALLBACK_STOP, Source.ZERO, false, true, false,
                        Charge.MEASURED),
                row("a budget of 0 with nothing spent: the policy drives", 0, false, false, 0, 0, Fallback.STOP,
                        false, false, false, false, BOUND, Mode.RUNNING, Source.POLICY, false, false, false,
                        Charge.MEASURED),
                row("return: the way back would spend the rest: take-over before the budget", 0, false, false, 3,
                        30, Fallback.RETURN, true, false, false, false, BOUND, Mode.FALLBACK_RETURN, Source.WAY_BACK,
                        true, true, false, Charge.BOUND),
                row("return, not yet due", 0, false, false, 3, 30, Fallback.RETURN, false, false, false, false,
                        BOUND, Mode.RUNNING, Source.POLICY, false, false, false, Charge.MEASURED),
                row("stop fallback ignores the way back", 0, false, false, 3, 30, Fallback.STOP, true, false, false,
                        false, BOUND, Mode.RUNNING, Source.POLICY, false, false, false, Charge.MEASURED),
                row("return, spent, back inside: parked", 0, false, true, 6, 30, Fallback.RETURN, false, false, true,
                        false, BOUND, Mode.FALLBACK_STOP, Source.ZERO, false, true, true, Charge.MEASURED),
                row("return, spent, not yet inside: keeps returning", 0, false, true, 6, 30, Fallback.RETURN, false,
                        false, false, false, BOUND, Mode.FALLBACK_RETURN, Source.WAY_BACK, false, true, false,
                        Charge.MEASURED),
                row("last safe known: it drives the rest of the window", 0, false, false, 5, 5, Fallback.LAST_SAFE,
                        false, false, false, true, BOUND, Mode.FALLBACK_LAST_SAFE, Source.LAST_SAFE, true, true,
                        false, Charge.BOUND),
                row("last safe unknown: stop", 0, false, true, 5, 5, Fallback.LAST_SAFE, false, false, false, false,
                        BOUND, Mode.FALLBACK_STOP, Source.ZERO, false, true, false, Charge.MEASURED),
                row("fault: zero, the outcome unknown", STALE, false, false, 1, 5, Fallback.STOP, false, false,
                        false, false, BOUND, Mode.FAULT, Source.ZERO, false, false, false, Charge.UNKNOWN),
                row("fault during the way back: zero, parked state kept", STALE, false, true, 6, 30,
                        Fallback.RETURN, false, true, false, false, BOUND, Mode.FAULT, Source.ZERO, false, true, true,
                        Charge.UNKNOWN),
                row("fault cannot trigger the way back", STALE, false, false, 3, 30, Fallback.RETURN, true, false,
                        false, false, BOUND, Mode.FAULT, Source.ZERO, false, false, false, Charge.UNKNOWN),
                row("a spent budget is spent even while faulted", STALE, false, false, 5, 5, Fallback.LAST_SAFE,
                        false, false, false, true, BOUND, Mode.FAULT, Source.ZERO, true, true, false,
                        Charge.UNKNOWN),
                row("fault during last safe: zero", STALE, false, true, 7, 5, Fallback.LAST_SAFE, false, false,
                        false, true, BOUND, Mode.FAULT, Source.ZERO, false, true, false, Charge.UNKNOWN),
                row("e-stop beats everything", 0, true, false, 0, 5, Fallback.RETURN, true, false, false, true,
                        BOUND, Mode.ESTOP, Source.ZERO, true, true, false, Charge.BOUND),
                row("e-stop with a fault", STALE, true, false, 0, 5, Fallback.STOP, false, false, false, false,
                        BOUND, Mode.ESTOP, Source.ZERO, false, false, false, Charge.UNKNOWN));
    }

    private static Arguments row(Object... columns) {
        return Arguments.of(columns);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, int faults, boolean estop, boolean spent, double windowCost, double budget,
            Fallback fallback, boolean wayBackDue, boolean parked, boolean backInside, boolean lastSafe,
            InterventionCharge charge, Mode mode, Source source, boolean takeOver, boolean spentAfter,
            boolean parkedAfter, Charge chargeOut) {
        WindowArbiter.Decision d = new WindowArbiter.Decision();
        boolean reached = WindowArbiter.budgetReached(new double[] {windowCost}, new double[] {budget}) >= 0;
        WindowArbiter.decide(faults, estop, spent, reached, fallback, wayBackDue, parked, backInside, lastSafe,
                charge, d);
        assertEquals(mode, d.mode(), "mode");
        assertEquals(source, d.source(), "source");
        assertEquals(takeOver, d.takeOver(), "take-over");
        assertEquals(spentAfter, d.budgetSpent(), "budget spent");
        assertEquals(parkedAfter, d.parked(), "parked");
        assertEquals(chargeOut, d.charge(), "charge");
    }

    /** Any one constraint's budget spends the window; one that has cost nothing never does. */
    @Test
    void theFirstConstraintAtItsBudgetIsReached() {
        double[] budgets = {20, 10, 0};
        assertEquals(-1, WindowArbiter.budgetReached(new double[] {19, 9.5, 0}, budgets));
        assertEquals(1, WindowArbiter.budgetReached(new double[] {19, 10, 0}, budgets));
        assertEquals(0, WindowArbiter.budgetReached(new double[] {25, 10, 0}, budgets));
        assertEquals(2, WindowArbiter.budgetReached(new double[] {0, 0, 1}, budgets));
    }
}
