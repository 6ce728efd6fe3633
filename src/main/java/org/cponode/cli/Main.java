package org.cponode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code cpo-node}: dispatches to one subcommand per job. */
@Command(
        name = "cpo-node",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Safe reinforcement learning (Constrained Policy Optimization) for ROS 2 robots.",
        subcommands = {CommandLine.HelpCommand.class, TrainCommand.class, ExperimentCommand.class, PlotCommand.class,
            BenchCommand.class})
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 success, 1 runtime failure, 2 bad usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cpo-node " + (v == null ? "dev" : v)};
        }
    }
}
