package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The property {@link Tanh} exists for: the same inputs give the same bits in an interpreter-only JVM
 * ({@code -Xint}) as in this one once the JIT has compiled the kernels. The Vector API's own {@code TANH} gave
 * different last bits in the two, which made training runs drift apart after some iterations.
 */
class TanhAcrossJitTiersTest {

    private static final int VALUES = 4096;

    /** Prints the kernel name and a hash of the tanh bits of the fixed inputs, for the child JVM. */
    public static void main(String[] args) {
        System.out.println(Kernels.best().name() + " " + bitsHash(Kernels.best()));
    }

    private static int bitsHash(Kernels kernels) {
        double[] a = new double[VALUES];
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian() * (i % 4 == 0 ? 8 : 1);
        }
        kernels.tanh(a, 0, a.length);
        long[] bits = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Double.doubleToRawLongBits(a[i]);
        }
        return Arrays.hashCode(bits);
    }

    @Test
    void anInterpreterOnlyJvmGivesTheBitsOfCompiledCode() throws Exception {
        Kernels best = Kernels.best();
        int compiled = 0;
        for (int round = 0; round < 3_000; round++) { // long enough for C2 to compile the kernel
            compiled = bitsHash(best);
        }
        assertEquals(compiled, bitsHash(new ScalarKernels()), "scalar and vector kernels");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xint",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                TanhAcrossJitTiersTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        String line = out.lines().filter(l -> l.startsWith("vector")).findFirst().orElse("(none) " + out);
        assertEquals(best.name() + " " + compiled, line, "interpreted vector kernel");
    }
}
