/**
 * Policy optimisation: rollouts, GAE, CPO as specified in docs (min-form dual, all cases, recovery,
 * line search), TRPO and PDO on the same machinery, training loop and atomic checkpoints, and the online
 * updater a robot's control loop feeds through a lock-free ring ({@link org.cponode.learn.OnlineLearner}). Never imports
 * ROS or MQTT.
 */
package org.cponode.learn;
