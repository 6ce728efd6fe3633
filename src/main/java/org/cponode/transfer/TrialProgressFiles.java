package org.cponode.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cponode.learn.Checkpoint;
import org.cponode.transfer.TransferTrial.Update;
import org.cponode.transfer.TransferTrial.Window;

/**
 * Saves a running trial into its report directory as it goes: {@code windows.csv} and {@code updates.csv} after
 * every window, the fine-tuned {@code policy.bin} after every update (each file replaced atomically). A trial on a
 * real robot runs for tens of minutes; stopped part-way (a killed process, a failing robot) it keeps what it
 * measured and learnt. The final report ({@link TransferReport#write}) rewrites the same files and adds the rest.
 */
public final class TrialProgressFiles implements TransferTrial.Listener {

    private final Path dir;
    private final List<String> constraints;
    private final TransferTrial.Listener next;
    private final List<Window> windows = new ArrayList<>();
    private final List<Update> updates = new ArrayList<>();

    /**
     * @param dir the report directory
     * @param constraints the names of the trial task's constraints, in its order (the tables' columns)
     * @param next also told of every window and policy (progress output), or null
     */
    public TrialProgressFiles(Path dir, List<String> constraints, TransferTrial.Listener next) {
        this.dir = dir;
        this.constraints = List.copyOf(constraints);
        this.next = next;
    }

    @Override
    public void windowDone(Window window, Update updateOrNull) {
        windows.add(window);
        if (updateOrNull != null) {
            updates.add(updateOrNull);
        }
        try {
            TransferReport.writeTables(constraints, windows, updates, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trial's progress in " + dir, e);
        }
        if (next != null) {
            next.windowDone(window, updateOrNull);
        }
    }

    @Override
    public void policyUpdated(Checkpoint policy) {
        try {
            policy.write(dir.resolve(TransferReport.POLICY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the fine-tuned policy in " + dir, e);
        }
        if (next != null) {
            next.policyUpdated(policy);
        }
    }
}
