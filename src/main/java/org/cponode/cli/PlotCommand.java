package org.cponode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plot}: rebuilds the summary tables and PNG plots of a directory of runs from its files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Regenerate summary.csv, summary.md and plots/*.png of an experiment (or any directory of",
            "runs) from the progress.csv files, and trajectory plots from the checkpoints."})
public final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Directory holding run directories, e.g. runs/paper.")
    Path dir;

    @Option(names = "--last", description = "Mean cost over each run's last K iterations (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int last;

    @Option(names = "--warmup", description = "Over-limit fraction ignores the first W iterations (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int warmup;

    @Override
    public Integer call() throws IOException {
        if (last < 1 || warmup < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--last must be >= 1 and --warmup >= 0");
        }
        Report.write(dir, last, warmup, spec.commandLine().getOut());
        return 0;
    }
}
