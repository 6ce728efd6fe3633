package org.cponode.learn;

import java.nio.file.Path;
import org.cponode.nn.GaussianPolicy;
import org.cponode.sim.Environment;
import org.cponode.sim.Tasks;

/**
 * The hand-off check between a trained policy and whoever runs it on a robot: before any policy drives,
 * {@link #check} confirms that the checkpoint was made for the task, observation layout and action size the
 * robot uses, and that its arrays have the shapes its metadata promises. The checkpoint's file-format version
 * and checksum are verified by {@link Checkpoint#read}, which {@link #load} calls first. Every refusal is an
 * {@link IllegalArgumentException} with one line that names the file, what it was made for and what the
 * robot needs.
 */
public final class PolicyCompatibility {

    /**
     * What a robot requires of a policy.
     *
     * @param task the task the robot runs, e.g. {@code diffdrive-circle}
     * @param observationLayout identifier of the observation the robot builds (e.g. {@code diffdrive-circle/v1})
     * @param observationSize length of that observation
     * @param actionSize number of action components the robot applies
     */
    public record Requirements(String task, String observationLayout, int observationSize, int actionSize) {
        public Requirements {
            if (task == null || observationLayout == null || observationSize < 1 || actionSize < 1) {
                throw new IllegalArgumentException("requirements need a task, a layout and positive sizes");
            }
        }

        /** The requirements of an embedded task (what {@code node} and {@code transfer} run). */
        public static Requirements forTask(String task) {
            Environment probe = Tasks.create(task);
            return new Requirements(task, Tasks.spec(task).observationLayout(), probe.observationSize(),
                    probe.actionSize());
        }
    }

    private PolicyCompatibility() {}

    /**
     * Reads a checkpoint and checks it against {@code required}.
     *
     * @throws IllegalArgumentException for a missing, corrupt or other-version file, or an incompatible policy
     */
    public static Checkpoint load(Path file, Requirements required) {
        Checkpoint ck = Checkpoint.read(file);
        check(ck, required, file.toString());
        return ck;
    }

    /**
     * Checks that {@code ck} holds a policy the robot described by {@code required} can run unchanged.
     *
     * @param source names the checkpoint in messages
     * @throws IllegalArgumentException naming the first mismatch: task or layout, observation or action size,
     *     a missing entry, or an array whose length does not fit the recorded network
     */
    public static void check(Checkpoint ck, Requirements required, String source) {
        String task = entry(ck, "task", source);
        String layout = entry(ck, "observation_layout", source);
        if (!task.equals(required.task()) || !layout.equals(required.observationLayout())) {
            throw new IllegalArgumentException(source + " was trained for task " + task + " (observation layout '"
                    + layout + "'), but this robot runs " + required.task() + " (observation layout '"
                    + required.observationLayout() + "')");
        }
        int obs = count(ck, "observation_size", source);
        int act = count(ck, "action_size", source);
        if (obs != required.observationSize() || act != required.actionSize()) {
            throw new IllegalArgumentException(source + " has a policy for " + obs + " observations and " + act
                    + " actions, but this robot has " + required.observationSize() + " and " + required.actionSize());
        }
        int[] hidden;
        try {
            hidden = TrainConfig.parseWidths(entry(ck, "policy_hidden", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        count(ck, "policy_version", source);
        GaussianPolicy shape = new GaussianPolicy(obs, hidden, act);
        shaped(ck, "policy", shape.parameterCount(), source);
        shaped(ck, "normalizer.mean", obs, source);
        shaped(ck, "normalizer.var", obs, source);
        shaped(ck, "normalizer.count", 1, source);
    }

    private static String entry(Checkpoint ck, String key, String source) {
        String v = ck.metadata().get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + " is not a policy checkpoint (no '" + key + "' entry)");
        }
        return v;
    }

    private static int count(Checkpoint ck, String key, String source) {
        String v = entry(ck, key, source);
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException malformed) {
            // reported below with the value
        }
        throw new IllegalArgumentException(source + " has a malformed '" + key + "' entry: " + v);
    }

    private static void shaped(Checkpoint ck, String name, int length, String source) {
        double[] a = ck.arrays().get(name);
        if (a == null || a.length != length) {
            throw new IllegalArgumentException(source + ": array '" + name + "' has "
                    + (a == null ? "no values" : a.length + " values") + ", the recorded network needs " + length);
        }
    }
}
