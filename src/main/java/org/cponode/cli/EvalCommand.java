package org.cponode.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyEvaluation;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.Environment;
import org.cponode.sim.TaskFileEnvironment;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import org.cponode.task.TaskDefinition;
import org.cponode.transfer.DynamicsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eval}: runs a checkpoint's policy on its simulator task and reports return and cost. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a trained policy for K episodes on its simulator task and print return and cost.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint file, or a run directory holding checkpoint.bin.")
    Path source;

    @Option(names = "--episodes", description = "Episodes to run (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int episodes;

    @Option(names = "--seed", description = "Seed of the evaluation episodes (default: ${DEFAULT-VALUE}).", defaultValue = "12345")
    long seed;

    @Option(names = "--deterministic", description = {"Take the policy mean instead of sampling actions.",
        "CPO's cost guarantee is for the stochastic policy it trained; with clipped actuators the mean can behave",
        "quite differently (it can even stand still), so sampling is the default."})
    boolean deterministic;

    @Option(names = "--dynamics", paramLabel = "FILE", description = {"diffdrive-circle only: run on a robot with"
        + " these fixed dynamics (YAML, one value per key, e.g. config/perturbed_robot.yaml) instead of the nominal"
        + " model; no supervisor, so the cost is the policy's own."})
    Path dynamics;

    @Override
    public Integer call() {
        if (episodes < 1) {
            throw new ParameterException(spec.commandLine(), "--episodes must be >= 1");
        }
        Path file = Files.isDirectory(source) ? source.resolve(Trainer.CHECKPOINT) : source;
        Checkpoint ck = Checkpoint.read(file);
        String task = ck.require("task");
        TaskDefinition taskFile = TrainCommand.recordedTaskFile(ck, file);
        TaskSpec t = taskFile == null ? Tasks.spec(task) : Tasks.specOf(taskFile);
        TrainedPolicy policy = TrainedPolicy.fromCheckpoint(ck, t.observationLayout());
        // the limits the policy was trained (or last fine-tuned) against, else the task's defaults
        double[] limits = ck.metadata().containsKey("config.cost_limit") ? Trainer.savedConfig(ck).costLimits()
                : t.costLimits();
        Environment env;
        if (dynamics == null) {
            env = taskFile == null ? Tasks.create(task) : new TaskFileEnvironment(taskFile);
        } else {
            if (taskFile != null || !Tasks.DIFFDRIVE_CIRCLE.equals(task)) {
                throw new ParameterException(spec.commandLine(), "--dynamics is for diffdrive-circle policies, "
                        + file + " is for " + task);
            }
            DiffDriveDynamics robot;
            try {
                robot = DynamicsFile.readRobot(dynamics);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            env = new DiffDriveCircle(rng -> robot);
        }
        PolicyEvaluation.Result r = PolicyEvaluation.run(policy, env, episodes, seed, deterministic, limits);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: policy version %d on %s%s, %d %s episodes%n", file, policy.version(), task,
                dynamics == null ? "" : " with " + dynamics, episodes, deterministic ? "deterministic" : "stochastic");
        boolean one = r.constraints().size() == 1;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "return %.3f ± %.3f", r.meanReturn(),
                r.returnStd()));
        for (PolicyEvaluation.ConstraintCost c : r.constraints()) {
            line.append(String.format(Locale.ROOT, "   cost %s%.3f ± %.3f (limit %.3g)   episodes over the limit %d"
                    + " (%.1f %%)", one ? "" : c.name() + " ", c.meanCost(), c.costStd(), c.limit(), c.overLimit(),
                    100.0 * c.overLimit() / r.episodes()));
        }
        o.println(line);
        return 0;
    }
}
