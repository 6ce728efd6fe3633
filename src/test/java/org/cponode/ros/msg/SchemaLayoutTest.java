package org.cponode.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layouts and ops programs against the tables idlc writes for the same types, and generator freshness. */
class SchemaLayoutTest {

    @Test
    void layoutsMatchTheVerifiedCLayouts() {
        assertEquals(48, MessageLayout.of("geometry_msgs/msg/Twist").size());
        assertTrue(MessageLayout.of("geometry_msgs/msg/Twist").fixedSize());
        MessageLayout odom = MessageLayout.of("nav_msgs/msg/Odometry");
        assertEquals(704, odom.size());
        assertEquals(8, odom.align());
        assertFalse(odom.fixedSize());
        assertEquals(16, odom.offsetOf("child_frame_id"));
        assertEquals(24, odom.offsetOf("pose"));
        assertEquals(368, odom.offsetOf("twist"));
        assertEquals(56, MessageLayout.of("geometry_msgs/msg/PoseWithCovariance").offsetOf("covariance"));
        assertEquals(8, MessageLayout.of("std_msgs/msg/Header").offsetOf("frame_id"));
        assertEquals(64, MessageLayout.of("geometry_msgs/msg/TwistStamped").size());
        assertEquals(8, MessageLayout.of("rosgraph_msgs/msg/Clock").size());
        assertEquals(1, MessageLayout.of("std_msgs/msg/Empty").size());
    }

    @Test
    void twistAndOdometryProgramsEqualTheDocumentedFlatPrograms() {
        int d = 0x01040002;
        OpsProgram twist = OpsProgram.of("geometry_msgs/msg/Twist");
        assertArrayEquals(new int[] {d, 0, d, 8, d, 16, d, 24, d, 32, d, 40, 0}, twist.words());
        assertEquals(7, twist.instructions());
        OpsProgram odom = OpsProgram.of("nav_msgs/msg/Odometry");
        assertArrayEquals(new int[] {0x01030004, 0, 0x01030000, 4, 0x01050000, 8, 0x01050000, 16,
                d, 24, d, 32, d, 40, d, 48, d, 56, d, 64, d, 72, 0x01080402, 80, 36,
                d, 368, d, 376, d, 384, d, 392, d, 400, d, 408, 0x01080402, 416, 36, 0}, odom.words());
        assertEquals(20, odom.instructions());
    }

    @Test
    void sequenceOfStructsJumpsToItsElementProgramAfterTheRts() {
        OpsProgram status = OpsProgram.of("diagnostic_msgs/msg/DiagnosticStatus");
        // level, name, message, hardware_id, then SEQ|STU @32, element size 16, (4 << 16) + 5, RTS, KeyValue
        assertArrayEquals(new int[] {0x01010000, 0, 0x01050000, 8, 0x01050000, 16, 0x01050000, 24,
                0x01070a00, 32, 16, (4 << 16) | 5, 0, 0x01050000, 0, 0x01050000, 8, 0}, status.words());
        assertEquals(9, status.instructions());
    }

    @Test
    void schemaErrorsNameTheLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MessageSchema.parse("a/msg/A\n  b/msg/B x\n"));
        assertTrue(unknown.getMessage().contains("line 2") && unknown.getMessage().contains("unknown message type b/msg/B"));
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("a/msg/A\n  float64[0] x\n"));
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("a/msg/A\n  float64 x\n  int32 x\n"));
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("  float64 x\n"));
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("a/msg/A\n  string s x\n"));
        assertThrows(IllegalArgumentException.class, () -> MessageSchema.parse("a/msg/A\n  float64 w one\n"));
        assertEquals("1", MessageSchema.parse("a/msg/A\n  float64 w 1\n").message("a/msg/A").fields().get(0).defaultValue());
    }

    @Test
    void boundedStringsAndSequencesGetIdlcForms() {
        MessageSchema s = MessageSchema.parse("a/msg/K\n  string k\na/msg/A\n  bool b\n  float32[3] f\n  float32[] r\n"
                + "  string<=256 bs\n  uint8[24] u\n  a/msg/K[<=10] bq\n  int64 l\n");
        MessageLayout l = MessageLayout.of(s, "a/msg/A");
        assertEquals(360, l.size());
        // the words idlc 0.10.2 emits for this struct (element size 8 here: this K has one string)
        assertArrayEquals(new int[] {0x010e0000, 0, 0x01080302, 4, 3, 0x01070302, 16, 0x01060000, 40, 257,
                0x01080100, 297, 24, 0x010b0a00, 328, 10, 8, (5 << 16) | 8, 0x01040004, 352, 0, 0x01050000, 0, 0},
                OpsProgram.of(s, "a/msg/A").words());
    }

    @Test
    void checkedInRecordsAreWhatTheGeneratorProduces() throws IOException {
        Path dir = Path.of("src/main/java/org/cponode/ros/msg");
        for (Map.Entry<String, String> e : MessageGenerator.generate(MessageSchema.standard()).entrySet()) {
            assertEquals(e.getValue(), Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8),
                    e.getKey() + " is stale: run MessageGenerator");
        }
    }
}
