package org.cponode.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code string[]} fields and bounded sequences of structs, as rcl_interfaces needs them: layout, Cyclone
 * ops, codec and type hash (ParameterEvent against its published hash).
 */
class StringSequenceTest {

    /** The schema's rcl_interfaces with a test type of a bounded struct and a bounded string sequence. */
    static final MessageSchema RCL = MessageSchema.standard().extend("""
            test_msgs/msg/Ranged
              rcl_interfaces/msg/FloatingPointRange[<=1] floating_point_range
              string[<=3] names
            """);

    @Test
    void parameterEventHashesToThePublishedValue() {
        assertEquals("RIHS01_043e627780fcad87a22d225bc2a037361dba713fca6a6b9f4b869a5aa0393204",
                ParameterEvent.TYPE.typeHash());
    }

    @Test
    void stringSequenceIsADdsSequenceOfCharPointers() {
        MessageLayout value = MessageLayout.of(RCL, "rcl_interfaces/msg/ParameterValue");
        // type, bool, pad, int64 @8, double @16, char* @24, then five 24-byte dds_sequence_t
        assertEquals(32, value.offsetOf("byte_array_value"));
        assertEquals(128, value.offsetOf("string_array_value"));
        assertEquals(152, value.size());
        assertFalse(value.fixedSize());
        int[] words = OpsProgram.of(RCL, "rcl_interfaces/msg/ParameterValue").words();
        // the last instruction before RTS: ADR | SEQ | subtype STR at 128 (what idlc emits for sequence<string>)
        assertArrayEquals(new int[] {0x01070500, 128, 0}, java.util.Arrays.copyOfRange(words, words.length - 3, words.length));
        int[] ranged = OpsProgram.of(RCL, "test_msgs/msg/Ranged").words();
        // BSQ of STU @0 bound 1, element size 24, then BSQ of STR @24 bound 3
        assertEquals(0x010b0a00, ranged[0]);
        assertEquals(1, ranged[2]);
        assertEquals(24, ranged[3]);
        assertArrayEquals(new int[] {0x010b0500, 24, 3}, java.util.Arrays.copyOfRange(ranged, 5, 8));
    }

    @Test
    void stringsSurviveNativeMemoryAndRespectTheBound() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seq = arena.allocate(MessageLayout.SEQUENCE_SIZE, 8);
            SampleWriter out = new SampleWriter(arena);
            SampleReader in = new SampleReader(1 << 16, 1 << 20);
            List<String> names = List.of("cost_limit", "", "sp\u00e9ed");
            out.strings(seq.address(), names, 3);
            assertEquals(names, in.strings(seq.address(), 3));
            out.strings(seq.address(), List.of(), 0);
            assertEquals(List.of(), in.strings(seq.address(), 0));
            assertThrows(IllegalArgumentException.class, () -> out.strings(seq.address(), names, 2));
        }
    }

    @Test
    void fixedArraysOfStringsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("a/msg/B\n  string[2] s\n"));
    }
}
