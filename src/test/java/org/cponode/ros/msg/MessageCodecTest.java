package org.cponode.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.cponode.Allocations;
import org.cponode.ros.FixturesAccess;
import org.junit.jupiter.api.Test;

/** Encode/decode of every message through native memory, without DDS. */
class MessageCodecTest {

    @Test
    void everyTypeSurvivesEncodeThenDecode() {
        try (Arena arena = Arena.ofConfined()) {
            SampleWriter out = new SampleWriter(arena);
            SampleReader in = new SampleReader(1 << 16, 1 << 20);
            for (MessageType<?> type : Messages.ALL) {
                roundTrip(type, arena, out, in);
            }
        }
    }

    private static <T> void roundTrip(MessageType<T> type, Arena arena, SampleWriter out, SampleReader in) {
        T value = type.javaClass().cast(FixturesAccess.sample(type, 3));
        MemorySegment sample = arena.allocate(type.layout().size(), type.layout().align());
        out.reset();
        type.encode(value, out, sample.address());
        FixturesAccess.assertDeepEquals(value, type.decode(in, sample.address()));
    }

    @Test
    @SuppressWarnings("restricted") // reads the encoder's string pointer
    void odometryLandsAtTheDocumentedOffsets() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(704, 8);
            SampleWriter out = new SampleWriter(arena);
            Odometry.TYPE.encode((Odometry) FixturesAccess.sample(Odometry.TYPE, 5), out, s.address());
            assertEquals(5, s.get(ValueLayout.JAVA_INT, 0));
            assertEquals(5 + 1.1, s.get(ValueLayout.JAVA_DOUBLE, 24));
            assertEquals(5 + 2.4, s.get(ValueLayout.JAVA_DOUBLE, 72));
            assertEquals(5 + 0.01 * 35, s.get(ValueLayout.JAVA_DOUBLE, 80 + 35 * 8));
            assertEquals(5 + 10.3, s.get(ValueLayout.JAVA_DOUBLE, 408));
            assertEquals(5 - 0.01 * 35, s.get(ValueLayout.JAVA_DOUBLE, 416 + 35 * 8));
            assertEquals("base_link_5", MemorySegment.ofAddress(s.get(ValueLayout.JAVA_LONG, 16)).reinterpret(64).getString(0));
        }
    }

    @Test
    void invalidUtf8IsRejectedNotReplaced() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(8);
            text.setAtIndex(ValueLayout.JAVA_BYTE, 0, (byte) 'o');
            text.setAtIndex(ValueLayout.JAVA_BYTE, 1, (byte) 0xc3); // lead byte without continuation
            text.setAtIndex(ValueLayout.JAVA_BYTE, 2, (byte) 'k');
            MemorySegment sample = arena.allocate(8, 8);
            sample.set(ValueLayout.JAVA_LONG, 0, text.address());
            MalformedSampleException e = assertThrows(MalformedSampleException.class,
                    () -> StringMessage.TYPE.decode(new SampleReader(100, 100), sample.address()));
            assertTrue(e.getMessage().contains("invalid UTF-8 at byte 1"), e.getMessage());
            assertEquals(MalformedSampleException.Problem.INVALID_UTF8, e.problem());
            assertEquals("data", e.fieldPath());
            for (byte[] bad : List.of(new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82})) {
                assertEquals(0, Utf8.firstInvalid(bad, bad.length), "overlong, surrogate, > U+10FFFF or truncated");
            }
            byte[] good = "a\u00fc\u2713\uD83D\uDE00".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(-1, Utf8.firstInvalid(good, good.length));
        }
    }

    @Test
    void sequencesLongerThanTheLimitAreRejected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sample = arena.allocate(LaserScan.TYPE.layout().size(), 8);
            SampleWriter out = new SampleWriter(arena);
            LaserScan.TYPE.encode((LaserScan) FixturesAccess.sample(LaserScan.TYPE, 1), out, sample.address());
            MalformedSampleException e = assertThrows(MalformedSampleException.class,
                    () -> LaserScan.TYPE.decode(new SampleReader(100, 359), sample.address()));
            assertTrue(e.getMessage().contains("360 elements exceeds the limit of 359"), e.getMessage());
            assertEquals(MalformedSampleException.Problem.SEQUENCE_TOO_LONG, e.problem());
            assertEquals("ranges", e.fieldPath());
        }
    }

    /** The drop log names the field: through nested messages by path, inside a sequence's elements not at all. */
    @Test
    @SuppressWarnings("restricted") // corrupts the encoder's strings
    void malformedSamplesNameTheFieldReachedThroughNestedMessages() {
        try (Arena arena = Arena.ofConfined()) {
            SampleWriter out = new SampleWriter(arena);
            SampleReader in = new SampleReader(100, 100);
            MemorySegment odom = arena.allocate(Odometry.TYPE.layout().size(), 8);
            Odometry.TYPE.encode((Odometry) FixturesAccess.sample(Odometry.TYPE, 5), out, odom.address());
            for (String field : List.of("header.frame_id", "child_frame_id")) {
                MemorySegment text = MemorySegment.ofAddress(odom.get(ValueLayout.JAVA_LONG,
                        Odometry.TYPE.field(field).offset())).reinterpret(1);
                byte was = text.get(ValueLayout.JAVA_BYTE, 0);
                text.set(ValueLayout.JAVA_BYTE, 0, (byte) 0xff);
                MalformedSampleException e = assertThrows(MalformedSampleException.class,
                        () -> Odometry.TYPE.decode(in, odom.address()));
                text.set(ValueLayout.JAVA_BYTE, 0, was);
                assertEquals(field, e.fieldPath());
                assertTrue(e.getMessage().endsWith("-byte string in field " + field), e.getMessage());
            }
            MemorySegment diag = arena.allocate(DiagnosticArray.TYPE.layout().size(), 8);
            out.reset();
            DiagnosticArray.TYPE.encode((DiagnosticArray) FixturesAccess.sample(DiagnosticArray.TYPE, 5), out,
                    diag.address());
            MalformedSampleException e = assertThrows(MalformedSampleException.class,
                    () -> DiagnosticArray.TYPE.decode(new SampleReader(100, 2), diag.address()));
            assertEquals("sequence of 3 elements exceeds the limit of 2 in field status", e.getMessage());
            long status = diag.get(ValueLayout.JAVA_LONG, DiagnosticArray.TYPE.layout().offsets()[1]
                    + MessageLayout.SEQUENCE_BUFFER);
            MemorySegment name = MemorySegment.ofAddress(MemorySegment.ofAddress(status).reinterpret(64)
                    .get(ValueLayout.JAVA_LONG, DiagnosticStatus.TYPE.field("name").offset())).reinterpret(1);
            name.set(ValueLayout.JAVA_BYTE, 0, (byte) 0xff);
            e = assertThrows(MalformedSampleException.class, () -> DiagnosticArray.TYPE.decode(in, diag.address()));
            assertEquals(null, e.fieldPath(), "status[0].name lives in the status list's buffer, not in the sample");
            assertEquals("invalid UTF-8 at byte 0 of a 6-byte string", e.getMessage());
        }
    }

    @Test
    void writerRejectsWhatCCannotCarry() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sample = arena.allocate(64, 8);
            SampleWriter out = new SampleWriter(arena);
            IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                    () -> StringMessage.TYPE.encode(new StringMessage("a\0b"), out, sample.address()));
            assertTrue(nul.getMessage().contains("NUL"));
            assertThrows(IllegalArgumentException.class,
                    () -> StringMessage.TYPE.encode(new StringMessage("\uD800x"), out, sample.address()));
            IllegalArgumentException shortCov = assertThrows(IllegalArgumentException.class,
                    () -> new PoseWithCovariance(new Pose(new Point(0, 0, 0), new Quaternion(0, 0, 0, 1)), new double[35]));
            assertTrue(shortCov.getMessage().contains("covariance needs 36 elements, got 35"));
        }
    }

    @Test
    void encodingAllocatesNothingAfterWarmUp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sample = arena.allocate(DiagnosticArray.TYPE.layout().size(), 8);
            SampleWriter out = new SampleWriter(arena);
            DiagnosticArray diag = (DiagnosticArray) FixturesAccess.sample(DiagnosticArray.TYPE, 2);
            Odometry odom = (Odometry) FixturesAccess.sample(Odometry.TYPE, 2);
            MemorySegment odomSample = arena.allocate(704, 8);
            for (int i = 0; i < 20_000; i++) {
                out.reset();
                DiagnosticArray.TYPE.encode(diag, out, sample.address());
                Odometry.TYPE.encode(odom, out, odomSample.address());
            }
            long perMessage = Allocations.fewest(3, 16 * 1000, () -> {
                for (int i = 0; i < 1000; i++) {
                    out.reset();
                    DiagnosticArray.TYPE.encode(diag, out, sample.address());
                    Odometry.TYPE.encode(odom, out, odomSample.address());
                }
            }) / 1000;
            assertTrue(perMessage < 16, "encoding allocated " + perMessage + " bytes per message");
        }
    }
}
