package org.cponode.ros.msg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.cponode.ros.msg.MessageSchema.FixedArray;
import org.cponode.ros.msg.MessageSchema.Message;
import org.cponode.ros.msg.MessageSchema.Nested;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageSchema.Scalar;
import org.cponode.ros.msg.MessageSchema.Sequence;
import org.cponode.ros.msg.MessageSchema.Text;

/**
 * Cyclone DDS 0.10.x serialisation program ({@code m_ops}) for a message, built from its schema and layout.
 *
 * <p>Nested structs are flattened (one instruction per leaf at its absolute offset): a final struct adds
 * nothing to the CDR stream, so the bytes equal those of idlc's nested program. Sequences of structs cannot
 * be flattened; their element programs are appended after the main program's RTS and reached by the
 * relative jump in the sequence instruction, exactly where idlc puts them. Opcode values are from
 * {@code dds/ddsc/dds_opcodes.h} 0.10.2.
 *
 * @param words        the program
 * @param instructions number of instructions including every RTS (Cyclone's {@code m_nops})
 */
public record OpsProgram(int[] words, int instructions) {

    /** Opcodes, type codes and flags of {@code dds_opcodes.h} 0.10.2 that this builder emits. */
    public static final int RTS = 0x00000000;
    public static final int ADR = 0x01000000;
    public static final int VAL_1BY = 0x01, VAL_2BY = 0x02, VAL_4BY = 0x03, VAL_8BY = 0x04, VAL_STR = 0x05,
            VAL_BST = 0x06, VAL_SEQ = 0x07, VAL_ARR = 0x08, VAL_STU = 0x0a, VAL_BSQ = 0x0b, VAL_EXT = 0x0d,
            VAL_BLN = 0x0e;
    public static final int FLAG_FP = 1 << 1;
    public static final int FLAG_SGN = 1 << 2;
    /** Topic descriptor flag: the sample is pointer-free with a fixed serialised size. */
    public static final int TOPIC_FIXED_SIZE = 1 << 4;

    /** The program for {@code rosName} in the standard schema. */
    public static OpsProgram of(String rosName) {
        return of(MessageSchema.standard(), rosName);
    }

    /** The program for {@code rosName} in {@code schema}. */
    public static OpsProgram of(MessageSchema schema, String rosName) {
        Builder b = new Builder(schema);
        b.struct(schema.message(rosName), 0);
        b.rts();
        while (!b.pending.isEmpty()) {
            PendingElement p = b.pending.removeFirst();
            int start = b.words.size();
            // low 16 bits: jump from the sequence instruction to its element program
            b.words.set(p.jumpWordIndex, b.words.get(p.jumpWordIndex) | (start - p.instructionIndex));
            b.struct(p.element, 0);
            b.rts();
        }
        int[] words = new int[b.words.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.words.get(i);
        }
        return new OpsProgram(words, b.instructions);
    }

    private record PendingElement(int instructionIndex, int jumpWordIndex, Message element) {}

    private static final class Builder {
        final MessageSchema schema;
        final List<Integer> words = new ArrayList<>();
        final Deque<PendingElement> pending = new ArrayDeque<>();
        int instructions;

        Builder(MessageSchema schema) {
            this.schema = schema;
        }

        void rts() {
            words.add(RTS);
            instructions++;
        }

        void struct(Message message, long base) {
            MessageLayout layout = MessageLayout.of(schema, message.rosName());
            if (message.fields().isEmpty()) {
                // rosidl's `uint8 structure_needs_at_least_one_member`
                emit(ADR | type(VAL_1BY), base);
                return;
            }
            for (int i = 0; i < message.fields().size(); i++) {
                long at = base + layout.offsets()[i];
                switch (message.fields().get(i).type()) {
                    case Scalar s -> emit(ADR | type(code(s.primitive())) | flags(s.primitive()), at);
                    case Text t when t.bound() == 0 -> emit(ADR | type(VAL_STR), at);
                    case Text t -> emit(ADR | type(VAL_BST), at, t.bound() + 1L);
                    case Nested n -> struct(schema.message(n.typeName()), at);
                    case FixedArray a -> emit(ADR | type(VAL_ARR) | subtype(code(a.element())) | flags(a.element()),
                            at, a.length());
                    case MessageSchema.StringSequence q when q.bound() == 0 -> emit(ADR | type(VAL_SEQ) | subtype(VAL_STR), at);
                    case MessageSchema.StringSequence q -> emit(ADR | type(VAL_BSQ) | subtype(VAL_STR), at, q.bound());
                    case Sequence q when q.primitive() != null -> {
                        int op = ADR | type(q.bound() == 0 ? VAL_SEQ : VAL_BSQ) | subtype(code(q.primitive()))
                                | flags(q.primitive());
                        if (q.bound() == 0) {
                            emit(op, at);
                        } else {
                            emit(op, at, q.bound());
                        }
                    }
                    case Sequence q -> {
                        Message element = schema.message(q.messageType());
                        long elementSize = MessageLayout.of(schema, element.rosName()).size();
                        int instructionIndex = words.size();
                        words.add(ADR | type(q.bound() == 0 ? VAL_SEQ : VAL_BSQ) | subtype(VAL_STU));
                        words.add(Math.toIntExact(at));
                        if (q.bound() != 0) {
                            words.add(q.bound());
                        }
                        words.add(Math.toIntExact(elementSize));
                        int length = words.size() + 1 - instructionIndex;
                        // high 16 bits: length of this instruction; low 16 bits patched when the element lands
                        words.add(length << 16);
                        pending.addLast(new PendingElement(instructionIndex, words.size() - 1, element));
                        instructions++;
                    }
                }
            }
        }

        private void emit(int op, long... operands) {
            words.add(op);
            for (long operand : operands) {
                words.add(Math.toIntExact(operand));
            }
            instructions++;
        }
    }

    static int type(int val) {
        return val << 16;
    }

    static int subtype(int val) {
        return val << 8;
    }

    static int code(Primitive p) {
        if (p == Primitive.BOOL) {
            return VAL_BLN;
        }
        return switch (p.size) {
            case 1 -> VAL_1BY;
            case 2 -> VAL_2BY;
            case 4 -> VAL_4BY;
            default -> VAL_8BY;
        };
    }

    static int flags(Primitive p) {
        return (p.isFloatingPoint() ? FLAG_FP : 0) | (p.isSigned() ? FLAG_SGN : 0);
    }
}
