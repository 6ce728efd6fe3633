package org.cponode.sim;

import java.util.SplittableRandom;

/**
 * The paper's kinematic point robot (rllab {@code point.xml} driven by {@code PointEnv.step}): no physics, each
 * step turns by {@code a[1]} and then moves {@code a[0]} along the new heading, the position clipped to a square
 * of half-width {@code size}.
 *
 * <pre>
 *   theta += a1;  dx = cos(theta) a0;  dy = sin(theta) a0;  x = clip(x + dx, +-size);  y = clip(y + dy, +-size)
 * </pre>
 *
 * <p>Actions are clipped to the actuator ctrlrange ({@code a0} in [-1, 1], {@code a1} in [-0.25, 0.25]); the
 * original code did not clip, but a command beyond its actuator's range is no robot's. A task on a smaller floor
 * gives the robot a shorter forward range ({@code point-goal}: 0.05 per step); the turn range and everything
 * else stay. The tasks drive the robot
 * with normalised actions in [-1, 1] for both components ({@link #stepNormalized}). The observation is rllab's
 * {@code qpos (x, y, theta) + qvel (3) + torso COM (3)}:
 * <ul>
 *   <li>qvel departs from a literal port on purpose: {@code PointEnv} never writes qvel, so the original
 *       observation kept its random reset value forever. Here qvel is the actual motion of
 *       the last step {@code (dx, dy, dtheta)} in world units per step (dx, dy after the position clip), so the
 *       policy sees its own velocity. Only the first observation of an episode carries the random reset qvel
 *       N(0, 0.1^2), as rllab's {@code reset_mujoco} draws it.</li>
 *   <li>the torso COM is MuJoCo's {@code com_subtree} of {@code point.xml} (sphere r = 0.5 at z = 0.5 plus a
 *       1.0 x 0.2 x 0.2 box 0.6 ahead, equal density): {@link #COM_OFFSET} ahead of (x, y) along the heading,
 *       at height 0.5.</li>
 * </ul>
 * Mutable, single-threaded; package-private because only the point tasks drive it.
 */
final class PointRobot {

    /** Observation length: qpos (3) + qvel (3) + COM (3). */
    static final int OBSERVATION_SIZE = 9;

    /** rllab's actuator range of the forward displacement a0 per step ({@code ballx} ctrlrange). */
    static final double MAX_FORWARD = 1.0;
    /** Actuator range of the heading change a1 per step, rad ({@code rot} ctrlrange). */
    static final double MAX_TURN = 0.25;

    /** Height of the torso COM: both geoms are centred at z = 0.5. */
    static final double COM_HEIGHT = 0.5;

    /**
     * Horizontal distance of the torso COM ahead of the body origin: the arrow box (volume 1.0*0.2*0.2, centre
     * 0.6 ahead) shifts the COM of the sphere (volume 4/3 pi 0.5^3) forward by 0.6 V_box / (V_box + V_sphere).
     */
    static final double COM_OFFSET;

    static {
        double sphereVolume = 4.0 / 3.0 * Math.PI * 0.5 * 0.5 * 0.5;
        double boxVolume = 1.0 * 0.2 * 0.2;
        COM_OFFSET = 0.6 * boxVolume / (boxVolume + sphereVolume);
    }

    /** Std of the reset position and heading noise (rllab {@code reset_mujoco}). */
    static final double RESET_POSITION_STD = 0.01;
    /** Std of the reset qvel noise (rllab {@code reset_mujoco}). */
    static final double RESET_VELOCITY_STD = 0.1;

    private final double size;
    /** This robot's actuator range of the forward displacement per step. */
    private final double maxForward;

    double x;
    double y;
    double theta;
    /** Last step's motion (dx, dy, dtheta), reported as qvel. */
    double vx;
    double vy;
    double vtheta;
    /** cos/sin of {@link #theta}, kept so the COM and sensors need no further trig. */
    double cosTheta;
    double sinTheta;

    /** @param size half-width of the square the position is clipped to (40 for Circle, 6 for Gather) */
    PointRobot(double size) {
        this(size, MAX_FORWARD);
    }

    /**
     * @param size half-width of the square the position is clipped to
     * @param maxForward the actuator range of the forward displacement per step, {@link #MAX_FORWARD} for rllab's
     */
    PointRobot(double size, double maxForward) {
        if (!(size > 0) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("point robot size must be finite and > 0, got " + size);
        }
        if (!(maxForward > 0) || !Double.isFinite(maxForward)) {
            throw new IllegalArgumentException("point robot forward range must be finite and > 0, got " + maxForward);
        }
        this.size = size;
        this.maxForward = maxForward;
    }

    /** Draws the rllab initial state: qpos ~ N(0, 0.01^2), qvel ~ N(0, 0.1^2) per coordinate. */
    void reset(SplittableRandom rng) {
        x = RESET_POSITION_STD * rng.nextGaussian();
        y = RESET_POSITION_STD * rng.nextGaussian();
        theta = RESET_POSITION_STD * rng.nextGaussian();
        vx = RESET_VELOCITY_STD * rng.nextGaussian();
        vy = RESET_VELOCITY_STD * rng.nextGaussian();
        vtheta = RESET_VELOCITY_STD * rng.nextGaussian();
        cosTheta = Math.cos(theta);
        sinTheta = Math.sin(theta);
    }

    /** Puts the robot at rest at (x, y) facing {@code theta}: zero qvel, as a task's own layout places it. */
    void placeAt(double x, double y, double theta) {
        this.x = x;
        this.y = y;
        this.theta = theta;
        vx = 0;
        vy = 0;
        vtheta = 0;
        cosTheta = Math.cos(theta);
        sinTheta = Math.sin(theta);
    }

    /**
     * One kinematic step with the action clipped to the ctrlrange.
     *
     * @throws IllegalArgumentException if an action component is NaN or infinite
     */
    void step(double forward, double turn) {
        if (!Double.isFinite(forward) || !Double.isFinite(turn)) {
            throw new IllegalArgumentException("point robot action must be finite, got (" + forward + ", " + turn + ")");
        }
        double a0 = Math.max(-maxForward, Math.min(maxForward, forward));
        double a1 = Math.max(-MAX_TURN, Math.min(MAX_TURN, turn));
        theta += a1;
        // The heading change differs every step, so rotating a stored (cos, sin) would still need cos/sin of a1
        // and would accumulate rounding; two intrinsic calls on the exact heading are both exact and cheap.
        cosTheta = Math.cos(theta);
        sinTheta = Math.sin(theta);
        double newX = Math.max(-size, Math.min(size, x + cosTheta * a0));
        double newY = Math.max(-size, Math.min(size, y + sinTheta * a0));
        vx = newX - x;
        vy = newY - y;
        vtheta = a1;
        x = newX;
        y = newY;
    }

    /** Torso COM x (MuJoCo {@code com_subtree}). */
    double comX() {
        return x + COM_OFFSET * cosTheta;
    }

    /** Torso COM y (MuJoCo {@code com_subtree}). */
    double comY() {
        return y + COM_OFFSET * sinTheta;
    }

    /** Writes {@code x, y, theta, vx, vy, vtheta, comX, comY, comZ} at {@code out[offset..offset+8]}. */
    void writeObservation(double[] out, int offset) {
        out[offset] = x;
        out[offset + 1] = y;
        out[offset + 2] = theta;
        out[offset + 3] = vx;
        out[offset + 4] = vy;
        out[offset + 5] = vtheta;
        out[offset + 6] = comX();
        out[offset + 7] = comY();
        out[offset + 8] = COM_HEIGHT;
    }

    /**
     * One step driven by a normalised action: each component is clipped to [-1, 1] and scaled to its actuator
     * range, so {@code (1, 1)} is a full forward step with the largest left turn. This is rllab's
     * {@code normalize()} action wrapper. Without it the policy's single initial std of 1 is 4x the turn range,
     * and shrinking it to a useful turn noise costs some 30 trust-region steps of 0.01 KL before anything else
     * can be learnt; with it both components start equally explored. Dynamics, reward and cost are unchanged.
     *
     * @throws IllegalArgumentException if an action component is NaN or infinite
     */
    void stepNormalized(double forward, double turn) {
        if (!Double.isFinite(forward) || !Double.isFinite(turn)) {
            throw new IllegalArgumentException("point robot action must be finite, got (" + forward + ", " + turn + ")");
        }
        step(maxForward * Math.max(-1, Math.min(1, forward)), MAX_TURN * Math.max(-1, Math.min(1, turn)));
    }

    /** Lower bound of a normalised action component: -1 for both. */
    static double actionLow(int i) {
        return -actionHigh(i);
    }

    /** Upper bound of a normalised action component: 1 for both. */
    static double actionHigh(int i) {
        if (i < 0 || i > 1) {
            throw new IndexOutOfBoundsException("point robot has 2 action components, asked for " + i);
        }
        return 1.0;
    }
}
