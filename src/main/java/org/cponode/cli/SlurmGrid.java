package org.cponode.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cponode.learn.Trainer;
import picocli.CommandLine.Option;

/**
 * {@code experiment --scheduler slurm} and {@code experiment --collect}: the grid's cells as one Slurm job array,
 * one array task per cell running {@code cpo-node train} in the cell's directory under {@code OUT}, which must be
 * on a filesystem the nodes share. Slurm schedules; the files say what happened: each cell's
 * {@value #TASKS} records the array tasks submitted for it, when they started and how they ended, so a
 * resubmission skips finished and queued cells, resumes stopped ones from their checkpoints, and
 * {@code --collect} names the failed ones with their logs.
 */
final class SlurmGrid {

    /** Below OUT: the array script, the grid list and the tasks' logs. */
    static final String DIR = "slurm";
    /** The cells of the last submission and their iteration targets, for --collect. */
    static final String GRID = "grid.tsv";
    /** The array script of the last submission (sbatch keeps its own copy of each). */
    static final String SCRIPT = "array.sh";
    /** Slurm's output of each array task: {@code logs/<job>_<index>.log}. */
    static final String LOGS = "logs";
    /** In each cell: one line per event of its array tasks (submitted, started, exit). */
    static final String TASKS = "slurm-tasks.txt";

    /** How long a Slurm command may take before the submission or collection gives up. */
    private static final long COMMAND_SECONDS = 120;

    @Option(names = "--partition", description = "Slurm: partition of the array tasks (default: the cluster's).")
    String partition;

    @Option(names = "--time", description = "Slurm: time limit of each array task, as sbatch's --time, e.g."
            + " 1-00:00:00.")
    String time;

    @Option(names = "--cpus-per-task", description = "Slurm: CPUs of each array task (default: --threads-per-run).")
    Integer cpusPerTask;

    @Option(names = "--mem", description = "Slurm: memory of each array task, as sbatch's --mem, e.g. 4G.")
    String mem;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "Slurm: one more sbatch option, e.g."
            + " --sbatch-arg=--account=lab (repeatable; given on sbatch's command line, so it overrides the above).")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--launcher", paramLabel = "COMMAND", description = "Slurm: the command that runs cpo-node on"
            + " the nodes, as shell words (default: this JVM's java, options and jar, by absolute path).")
    String launcher;

    /** The options above, which only --scheduler slurm takes. */
    static final List<String> OPTIONS = List.of("--partition", "--time", "--cpus-per-task", "--mem", "--sbatch-arg",
            "--launcher");

    /** One array task, as a cell's {@value #TASKS} last names it: {@code <job>_<index>}, its event and detail. */
    record Task(String id, String event, String detail) {

        long job() {
            return jobOf(id);
        }

        /** The train exit code, or null when no exit was recorded (queued, running, or killed outright). */
        Integer exitCode() {
            return event.equals("exit") ? Integer.valueOf(detail.trim()) : null;
        }
    }

    /**
     * What the files and the queue say about one cell.
     *
     * @param task its latest array task, or null when none was submitted
     * @param queue that task's squeue state and reason or node ({@code RUNNING node7}), or null when it is not
     *     queued
     * @param accounted that task's sacct state, or null when the cluster keeps no accounting
     */
    record Status(String name, Path dir, int done, int target, Task task, String queue, String accounted) {

        boolean finished() {
            return done >= target;
        }

        /** Train itself failed; a task ended by a signal or killed outright is stopped and resumes when resubmitted. */
        boolean failed() {
            return state().equals("failed");
        }

        String state() {
            if (finished()) {
                return "done";
            } else if (queue != null) {
                return queue.split(" ", 2)[0];
            } else if (task == null) {
                return done > 0 ? "partial" : "missing";
            }
            Integer code = task.exitCode();
            return code != null && code != 0 && code <= 128 ? "failed" : "stopped";
        }

        /** One line: the cell's state and iterations and, while unfinished, its latest task and that task's log. */
        String line(Path out) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %s  %d/%d iterations", state(), name,
                    done, target));
            if (task == null || finished()) {
                return sb.toString();
            }
            sb.append(", task ").append(task.id());
            if (queue != null) {
                return sb.append(queue.indexOf(' ') < 0 ? "" : queue.substring(queue.indexOf(' '))).toString();
            }
            Integer code = task.exitCode();
            sb.append(code != null ? " exited with " + code + (code > 128 ? " (signal " + (code - 128)
                    + ": time limit, preemption or scancel)" : "")
                    : task.event().equals("submitted") ? " left the queue before it started"
                    : " ended without an exit code (killed outright)");
            sb.append(accounted == null ? "" : ", sacct " + accounted);
            return sb.append(", log ").append(log(out, task.id())).toString();
        }
    }

    /** Refuses what cannot run before anything is written. */
    void validate() {
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new IllegalArgumentException("--cpus-per-task must be >= 1");
        }
        launcher(); // a missing jar is a usage error now, not a failure on every node
    }

    /**
     * Submits every cell that is neither finished nor queued as one job array and prints its job id.
     *
     * @param throttle at most this many array tasks at once ({@code %N}), or 0 for the cluster's limits
     */
    void submit(Path out, List<ExperimentCommand.Cell> cells, int threadsPerRun, int throttle, boolean quiet,
            PrintWriter o) throws IOException, InterruptedException {
        Path root = out.toAbsolutePath().normalize();
        Path slurm = Files.createDirectories(root.resolve(DIR));
        Files.createDirectories(slurm.resolve(LOGS));
        StringBuilder grid = new StringBuilder("cell\titerations\n");
        cells.forEach(c -> grid.append(c.name()).append('\t').append(c.config().iterations()).append('\n'));
        Files.writeString(slurm.resolve(GRID), grid, StandardCharsets.UTF_8);

        List<Status> statuses = statuses(root, cells.stream().map(c -> new Planned(c.name(), c.config().iterations()))
                .toList(), true);
        List<ExperimentCommand.Cell> submit = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            ExperimentCommand.Cell c = cells.get(i);
            Status s = statuses.get(i);
            if (s.finished()) {
                ExperimentCommand.say(o, "skip   " + c.name() + ": already has " + s.done() + " iterations");
            } else if (s.queue() != null) {
                ExperimentCommand.say(o, "queued " + c.name() + ": task " + s.task().id() + " " + s.queue());
            } else {
                String before = s.task() == null || s.task().exitCode() == null || s.task().exitCode() == 0 ? ""
                        : " (its last task " + s.task().id() + " exited with " + s.task().exitCode() + ", log "
                                + log(root, s.task().id()) + ")";
                ExperimentCommand.say(o, (s.done() > 0 ? "resume " + c.name() + " at iteration " + s.done()
                        : "start  " + c.name()) + before);
                submit.add(c);
            }
        }
        if (submit.isEmpty()) {
            ExperimentCommand.say(o, "nothing to submit: every cell is finished or queued");
            return;
        }
        // Extra arguments go on the command line, not into #SBATCH lines, which sbatch splits at spaces.
        List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable",
                "--array=0-" + (submit.size() - 1) + (throttle > 0 ? "%" + throttle : "")));
        sbatch.addAll(sbatchArgs);
        sbatch.add(slurm.resolve(SCRIPT).toString());
        Files.writeString(slurm.resolve(SCRIPT), script(root, submit, threadsPerRun, quiet, sbatch),
                StandardCharsets.UTF_8);
        Output r = run(sbatch);
        if (r.exit() != 0) {
            throw new IllegalStateException("sbatch refused the job array (exit " + r.exit() + "): " + r.err().strip());
        }
        String job = r.out().strip().split(";")[0];
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < submit.size(); i++) {
            append(submit.get(i).dir(), now + " " + job + "_" + i + " submitted");
        }
        ExperimentCommand.say(o, String.format(Locale.ROOT, "submitted %d cells as Slurm job array %s (tasks %s_0 to"
                + " %s_%d), script %s, logs %s; follow with squeue -j %s, summarise with cpo-node experiment"
                + " --collect %s", submit.size(), job, job, job, submit.size() - 1, slurm.resolve(SCRIPT),
                slurm.resolve(LOGS), job, out));
    }

    /**
     * Prints every cell's state (done, queued or running per squeue, failed or stopped with its log, missing) and
     * writes the summary tables and plots of the finished cells.
     *
     * @param quiet print only the cells that are not finished
     * @return 1 when a cell failed, else 0
     */
    static int collect(Path out, int last, int warmup, boolean quiet, PrintWriter o)
            throws IOException, InterruptedException {
        Path root = out.toAbsolutePath().normalize();
        Path gridFile = root.resolve(DIR).resolve(GRID);
        if (!Files.isRegularFile(gridFile)) {
            throw new IllegalArgumentException(out + " holds no Slurm submission (" + gridFile + " is missing); plot "
                    + out + " summarises a grid trained locally");
        }
        List<Planned> planned = new ArrayList<>();
        for (String line : Files.readAllLines(gridFile, StandardCharsets.UTF_8).stream().skip(1).toList()) {
            String[] f = line.split("\t");
            if (f.length != 2) {
                throw new IllegalArgumentException(gridFile + ": '" + line + "' is not a cell and its iterations");
            }
            planned.add(new Planned(f[0], Integer.parseInt(f[1].trim())));
        }
        List<Status> statuses = statuses(root, planned, false);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Status s : statuses) {
            if (!quiet || !s.finished()) {
                o.println("  " + s.line(out));
            }
            counts.merge(s.state(), 1, Integer::sum);
        }
        o.println(statuses.size() + " cells: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
        List<Path> finished = statuses.stream().filter(Status::finished).map(Status::dir).toList();
        if (finished.isEmpty()) {
            o.println("no cell has finished yet: no summary written");
        } else {
            Report.write(root, last, warmup, o, finished::contains);
            o.printf(Locale.ROOT, "%d of %d cells summarised in %s%n", finished.size(), statuses.size(),
                    out.resolve(Report.SUMMARY_MD));
        }
        o.flush();
        return statuses.stream().anyMatch(Status::failed) ? 1 : 0;
    }

    /** A cell by name, below OUT, and its iteration target. */
    record Planned(String name, int target) {}

    /**
     * Each cell's state from its checkpoint, its latest task and the queue.
     *
     * @param strict whether a queue that cannot be read is an error (before submitting: a cell queued twice would
     *     train twice at once) or only unknown (when collecting)
     */
    private static List<Status> statuses(Path root, List<Planned> cells, boolean strict)
            throws IOException, InterruptedException {
        List<Task> tasks = new ArrayList<>();
        for (Planned c : cells) {
            tasks.add(latest(root.resolve(c.name())));
        }
        Map<String, String> queue = Map.of();
        Map<String, String> accounting = Map.of();
        if (tasks.stream().anyMatch(t -> t != null)) {
            // --array lists a pending array's tasks one by one, as task ids <job>_<index>.
            Output q = run(List.of("squeue", "--noheader", "--array", "--user=" + System.getProperty("user.name"),
                    "--format=%i %T %R"));
            if (q.exit() != 0) {
                if (strict) {
                    throw new IllegalStateException("cannot read the Slurm queue (squeue exit " + q.exit() + ": "
                            + q.err().strip() + "); a cell submitted again while it is queued would train twice");
                }
                queue = null;
            } else {
                queue = new HashMap<>();
                for (String line : q.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                    String[] f = line.split(" ", 2);
                    queue.put(f[0], f.length > 1 ? f[1] : "");
                }
            }
            accounting = strict ? Map.of() : accounting(tasks);
        }
        List<Status> statuses = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Planned c = cells.get(i);
            Task t = tasks.get(i);
            Path dir = root.resolve(c.name());
            String queued = t == null ? null : queue == null ? "unknown (squeue failed)" : queue.get(t.id());
            statuses.add(new Status(c.name(), dir, ExperimentCommand.iterationsDone(dir), c.target(), t, queued,
                    t == null ? null : accounting.get(t.id())));
        }
        return statuses;
    }

    /** Slurm's accounting of the tasks' ends (TIMEOUT, OUT_OF_MEMORY, PREEMPTED, ...), where the cluster keeps one. */
    private static Map<String, String> accounting(List<Task> tasks) throws IOException, InterruptedException {
        String jobs = tasks.stream().filter(t -> t != null).map(t -> Long.toString(t.job())).distinct()
                .collect(Collectors.joining(","));
        Output a = run(List.of("sacct", "--noheader", "--parsable2", "--allocations", "--jobs=" + jobs,
                "--format=JobID,State"));
        Map<String, String> states = new HashMap<>();
        if (a.exit() == 0) { // else no sacct or no accounting storage: the cells' own records tell the story
            a.out().lines().map(l -> l.split("\\|")).filter(f -> f.length == 2).forEach(f -> states.put(f[0], f[1]));
        }
        return states;
    }

    /** The latest array task of a cell, from its {@value #TASKS}; null when none was ever submitted. */
    static Task latest(Path cell) throws IOException {
        Path file = cell.resolve(TASKS);
        if (!Files.exists(file)) {
            return null;
        }
        Task latest = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split(" ", 4);
            boolean whole = f.length >= 3 && jobOf(f[1]) >= 0 && (f[2].equals("submitted") || f[2].equals("started")
                    || (f[2].equals("exit") && f.length == 4 && f[3].strip().matches("\\d+")));
            if (!whole) {
                continue; // a line the task could not finish (killed while writing it)
            }
            Task t = new Task(f[1], f[2], f.length > 3 ? f[3] : "");
            // The newest job wins; within it, what the task wrote, even when sbatch returned after it started.
            if (latest == null || t.job() > latest.job()
                    || (t.job() == latest.job() && !t.event().equals("submitted"))) {
                latest = t;
            }
        }
        return latest;
    }

    /** The job id of {@code <job>_<index>}, or -1. */
    private static long jobOf(String task) {
        int u = task.indexOf('_');
        try {
            return u < 1 ? -1 : Long.parseLong(task.substring(0, u));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Path log(Path out, String task) {
        return out.toAbsolutePath().normalize().resolve(DIR).resolve(LOGS).resolve(task + ".log");
    }

    private static void append(Path cell, String line) throws IOException {
        Files.createDirectories(cell);
        Files.writeString(cell.resolve(TASKS), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * The array script: task {@code i} trains {@code cells.get(i)}, resuming from its checkpoint when it has one.
     * The shell waits for train's exit code and records it, so a failure is visible in the cell, not only in Slurm.
     */
    String script(Path root, List<ExperimentCommand.Cell> cells, int threads, boolean quiet, List<String> sbatch) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# cpo-node experiment --scheduler slurm: array task i trains cell i below ").append(root)
                .append('\n');
        s.append("# (written at each submission; sbatch keeps a copy of the one it runs). Submitted as:\n");
        s.append("#   ").append(sbatch.stream().map(SlurmGrid::quote).collect(Collectors.joining(" "))).append('\n');
        s.append("#SBATCH --job-name=cpo-node-").append(root.getFileName()).append('\n');
        s.append("#SBATCH --output=").append(root.resolve(DIR).resolve(LOGS)).append("/%A_%a.log\n");
        s.append("#SBATCH --cpus-per-task=").append(cpusPerTask == null ? threads : cpusPerTask).append('\n');
        if (partition != null) {
            s.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            s.append("#SBATCH --time=").append(time).append('\n');
        }
        if (mem != null) {
            s.append("#SBATCH --mem=").append(mem).append('\n');
        }
        s.append("set -u\n");
        s.append("launcher=(").append(launcher()).append(")\n");
        s.append("options=(--threads ").append(threads).append(quiet ? " --quiet" : "").append(")\n");
        s.append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        for (int i = 0; i < cells.size(); i++) {
            ExperimentCommand.Cell c = cells.get(i);
            s.append("  ").append(i).append(") cell=").append(quote(c.dir().toAbsolutePath().normalize().toString()))
                    .append("; target=").append(c.config().iterations()).append('\n');
            s.append("     settings=(").append(TrainCommand.settingOptions(c.config()).stream().map(SlurmGrid::quote)
                    .collect(Collectors.joining(" "))).append(") ;;\n");
        }
        s.append("  *) echo \"array task $SLURM_ARRAY_TASK_ID is not a cell of this submission\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        s.append("""
                task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
                mkdir -p "$cell"
                record() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $task $*" >> "$cell/TASKS"; }
                record started "$(hostname)"
                # A cell with a checkpoint (preempted, timed out, killed, or resubmitted with a new target) resumes.
                if [ -e "$cell/CHECKPOINT" ]; then
                  args=(train --resume --out "$cell" --iterations "$target" "${options[@]}")
                else
                  args=(train "${settings[@]}" --out "$cell" "${options[@]}")
                fi
                echo "cell $cell on $(hostname): ${launcher[*]} ${args[*]}"
                # Slurm signals the JVM itself (time limit, preemption, scancel); a signal to the shell alone is
                # passed on. The shell waits for train's own exit code either way and records it.
                "${launcher[@]}" "${args[@]}" &
                pid=$!
                trap 'kill -TERM "$pid" 2>/dev/null' TERM
                wait "$pid"; code=$?
                while kill -0 "$pid" 2>/dev/null; do wait "$pid"; code=$?; done
                record exit "$code"
                exit "$code"
                """.replace("TASKS", TASKS).replace("CHECKPOINT", Trainer.CHECKPOINT));
        return s.toString();
    }

    /**
     * The launcher's shell words: {@code --launcher} as given, else this JVM's java, its options (the Vector API
     * module, heap settings) and the jar this class was loaded from, by absolute path.
     */
    String launcher() {
        if (launcher != null) {
            if (launcher.isBlank()) {
                throw new IllegalArgumentException("--launcher must name a command");
            }
            return launcher;
        }
        Path jar;
        try {
            jar = Path.of(SlurmGrid.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            jar = Path.of("");
        }
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new IllegalArgumentException("cpo-node runs from " + jar + ", not a jar, so the array tasks"
                    + " cannot run it: give --launcher, e.g. --launcher"
                    + " '/shared/jdk-25/bin/java -jar /shared/cpo-node.jar'");
        }
        List<String> words = new ArrayList<>();
        words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        words.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        words.add("-jar");
        words.add(jar.toAbsolutePath().normalize().toString());
        return words.stream().map(SlurmGrid::quote).collect(Collectors.joining(" "));
    }

    /** One shell word: {@code 'text'}, with single quotes inside spelled {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A finished command's exit code and output. */
    record Output(int exit, String out, String err) {}

    /**
     * Runs a Slurm command. One that is not installed exits 127 with a message saying so, as a shell's would; one
     * that does not answer is an error.
     */
    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new Output(127, "", command.get(0) + " cannot be run (" + e.getMessage() + "): run this on a"
                    + " machine with the Slurm commands, such as the cluster's login node");
        }
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not answer within " + COMMAND_SECONDS
                    + " s");
        }
        return new Output(p.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
