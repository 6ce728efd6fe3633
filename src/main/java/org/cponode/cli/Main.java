package org.cponode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code cpo-node}: dispatches to one subcommand per job. */
@Command(
        name = "cpo-node",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Safe reinforcement learning (Constrained Policy Optimization) for ROS 2 robots.",
        subcommands = {
            CommandLine.HelpCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            TopicCommand.class,
            ServiceCommand.class,
            ParamCommand.class,
            LifecycleCommand.class,
            NodeCommand.class,
            SimRobotCommand.class,
            TransferCommand.class,
            ExperimentCommand.class,
            PlotCommand.class,
        })
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // One line per log record ("17:20:39 INFO ros.Endpoint: ..."), unless the user configured logging.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 success, 1 runtime failure, 2 bad usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        // Bad arguments: one line that says what is wrong and where to look, not the whole usage text.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage() + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Most likely a batch too large for the heap: say so in one line instead of a stack trace.
            cli.getErr().println("error: out of memory (" + e.getMessage() + "); lower --batch-size or give the JVM"
                    + " more heap, e.g. CPO_NODE_JAVA_OPTS=-Xmx8g");
            cli.getErr().flush();
            return 1;
        }
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
