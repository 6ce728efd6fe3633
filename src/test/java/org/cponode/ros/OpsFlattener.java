package org.cponode.ros;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a Cyclone 0.10 ops program into a canonical flat listing so that idlc's nested program
 * ({@code ADR|TYPE_EXT} subroutines, shared element programs) and the Java-built one can be compared:
 * each leaf becomes "opcode @absolute-offset [operands]", each sequence of structs "SEQ-STU @off size {…}".
 */
final class OpsFlattener {

    private OpsFlattener() {}

    static List<String> flatten(int[] ops) {
        List<String> out = new ArrayList<>();
        walk(ops, 0, 0, out, 0);
        return out;
    }

    private static void walk(int[] ops, int pc, long base, List<String> out, int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("ops program nests deeper than 16");
        }
        while (true) {
            int op = ops[pc];
            if (op == 0) {
                return;
            }
            if ((op >>> 24) != 1) {
                throw new IllegalArgumentException("unsupported opcode 0x" + Integer.toHexString(op) + " at " + pc);
            }
            int type = (op >> 16) & 0x7f;
            int subtype = (op >> 8) & 0xff;
            long at = base + ops[pc + 1];
            String word = String.format("0x%08x", op & ~0x00800000);
            switch (type) {
                case 0x01, 0x02, 0x03, 0x04, 0x05, 0x0e -> {
                    out.add(word + " @" + at);
                    pc += 2;
                }
                case 0x06 -> {
                    out.add(word + " @" + at + " max " + ops[pc + 2]);
                    pc += 3;
                }
                case 0x08 -> {
                    if (subtype == 0x0a) {
                        throw new IllegalArgumentException("arrays of structs are not used by the schema");
                    }
                    out.add(word + " @" + at + " n " + ops[pc + 2]);
                    pc += 3;
                }
                case 0x07, 0x0b -> {
                    boolean bounded = type == 0x0b;
                    if (subtype == 0x0a) {
                        int bound = bounded ? ops[pc + 2] : 0;
                        int size = ops[pc + (bounded ? 3 : 2)];
                        int jump = ops[pc + (bounded ? 4 : 3)];
                        out.add(word + " @" + at + (bounded ? " bound " + bound : "") + " size " + size + " {");
                        walk(ops, pc + (short) (jump & 0xffff), 0, out, depth + 1);
                        out.add("}");
                        pc += jump >>> 16;
                    } else {
                        out.add(word + " @" + at + (bounded ? " bound " + ops[pc + 2] : ""));
                        pc += bounded ? 3 : 2;
                    }
                }
                case 0x0d -> {
                    int jump = ops[pc + 2];
                    walk(ops, pc + (short) (jump & 0xffff), at, out, depth + 1);
                    pc += jump >>> 16;
                }
                default -> throw new IllegalArgumentException("unsupported type " + type + " at " + pc);
            }
        }
    }
}
