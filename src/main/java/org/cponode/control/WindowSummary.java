package org.cponode.control;

/**
 * One finished episode window, as the control core accounted it.
 *
 * @param window index from 0
 * @param cost sum of the costs observed over the window, the supervisor's steps included
 * @param reward sum of the rewards observed over the window
 * @param budget the cost budget in force at the window's end
 * @param policySteps steps the policy drove
 * @param supervised the supervisor took the window over from the policy
 * @param policyVersion version of the policy that drove its last policy step, -1 if none did
 * @param faultSteps steps with a supervisor fault (zero velocity, nothing observed)
 */
public record WindowSummary(long window, double cost, double reward, double budget, int policySteps,
        boolean supervised, long policyVersion, int faultSteps) {}
