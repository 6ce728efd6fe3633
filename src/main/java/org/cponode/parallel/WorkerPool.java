package org.cponode.parallel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run indexed tasks {@code 0..count-1}. Work is split into tasks by index,
 * never by thread, and each task writes only its own slot of the result, so results do not depend on thread
 * count or timing (reductions over task slots happen afterwards, in index order).
 *
 * <p>The calling thread works too, so a pool of {@code threads} uses exactly that many cores.
 */
public final class WorkerPool implements AutoCloseable {

    private static volatile WorkerPool shared;

    private final int threads;
    private final Thread[] helpers;
    private final Object lock = new Object();
    private Job job;
    private long generation;
    private boolean closed;

    /** Creates a pool that uses {@code threads} cores, the caller included. */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            Thread t = new Thread(this::helperLoop, "cpo-worker-" + (i + 1));
            t.setDaemon(true);
            helpers[i] = t;
            t.start();
        }
    }

    /** A process-wide pool with one thread per available core. */
    public static WorkerPool shared() {
        WorkerPool p = shared;
        if (p == null) {
            synchronized (WorkerPool.class) {
                p = shared;
                if (p == null) {
                    p = new WorkerPool(Runtime.getRuntime().availableProcessors());
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Number of threads that run tasks, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)} and returns when all have finished.
     * The first exception thrown by a task is rethrown here. Calls must not be nested or concurrent.
     */
    public void run(int count, IntConsumer task) {
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        Job j = new Job(count, task, helpers.length);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            job = j;
            generation++;
            lock.notifyAll();
        }
        j.work();
        try {
            j.helpersDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        }
        if (j.failure != null) {
            if (j.failure instanceof RuntimeException re) {
                throw re;
            }
            if (j.failure instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(j.failure);
        }
    }

    private void helperLoop() {
        long seen = 0;
        while (true) {
            Job j;
            synchronized (lock) {
                while (!closed && generation == seen) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                j = job;
            }
            j.work();
            j.helpersDone.countDown();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    private static final class Job {
        final int count;
        final IntConsumer task;
        final AtomicInteger next = new AtomicInteger();
        final CountDownLatch helpersDone;
        volatile Throwable failure;

        Job(int count, IntConsumer task, int helpers) {
            this.count = count;
            this.task = task;
            this.helpersDone = new CountDownLatch(helpers);
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                if (failure != null) {
                    continue;
                }
                try {
                    task.accept(i);
                } catch (Throwable t) {
                    failure = t;
                }
            }
        }
    }
}
