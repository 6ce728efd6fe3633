/**
 * Policy optimisation: rollouts, GAE, CPO (min-form dual with all cases, recovery, line search; the
 * several-constraint step {@link org.cponode.learn.CpoMultiDual}), TRPO and PDO on the same machinery, PID
 * Lagrange multipliers ({@link org.cponode.learn.PidLagrangian}), the training loop and checkpoints, and
 * {@link org.cponode.learn.OnlineLearner}, the online updater a robot's control core feeds through a lock-free
 * ring. Never imports ROS or MQTT.
 */
package org.cponode.learn;
