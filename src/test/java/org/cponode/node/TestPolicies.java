package org.cponode.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Learner;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.TrainConfig;
import org.cponode.parallel.WorkerPool;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.Tasks;

/** Checkpoints of policies with a known, constant mean action, in the form {@code train} writes. */
public final class TestPolicies {

    private TestPolicies() {}

    /** Writes a checkpoint whose policy mean is (a, b) for every observation. */
    public static Path constant(Path file, double a, double b) throws IOException {
        try (WorkerPool pool = new WorkerPool(1)) {
            TrainConfig config = OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), 1, new double[] {20},
                    1);
            Learner l = new Learner(config, DiffDriveObservation.SIZE, 2, pool);
            double[] params = l.params();
            int logStd = l.policy().logStdOffset();
            Arrays.fill(params, 0, logStd, 0.0);
            params[logStd - 2] = a;
            params[logStd - 1] = b;
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("kind", "test");
            meta.put("task", Tasks.DIFFDRIVE_CIRCLE);
            meta.put("observation_layout", DiffDriveObservation.LAYOUT);
            meta.put("observation_size", Integer.toString(DiffDriveObservation.SIZE));
            meta.put("action_size", "2");
            meta.put("policy_hidden", TrainConfig.widths(config.policyHidden()));
            meta.put("iteration", "5");
            meta.put("policy_version", "5");
            meta.put("total_samples", "0");
            meta.put("measured_return", "0.0");
            meta.put("measured_cost", "0.0");
            config.toMap().forEach((k, v) -> meta.put("config." + k, v));
            Map<String, double[]> arrays = new LinkedHashMap<>();
            l.saveArrays(arrays);
            new Checkpoint(meta, arrays).write(file);
        }
        return file;
    }
}
