package org.cponode;

import java.lang.management.ManagementFactory;

/**
 * Bytes a piece of code allocates on the calling thread, for the tests that check a hot path allocates nothing
 * once warm. A late JIT compile or deoptimisation can put a few hundred bytes on the thread once (seen in CI),
 * while an allocation per call shows in every run; so the code runs up to {@code runs} times and the fewest bytes
 * count, stopping at the first run below {@code clean}.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /** The fewest bytes {@code body} allocated on this thread in up to {@code runs} runs. */
    public static long fewest(int runs, long clean, Runnable body) {
        long fewest = Long.MAX_VALUE;
        for (int r = 0; r < runs && fewest >= clean; r++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            body.run();
            fewest = Math.min(fewest, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return fewest;
    }
}
