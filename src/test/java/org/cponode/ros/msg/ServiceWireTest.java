package org.cponode.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.dds.CdrCapture;
import org.cponode.ros.dds.DdsParticipant;
import org.junit.jupiter.api.Test;

/** rmw_cyclonedds' request header on the wire, byte for byte, and the service types' names and hashes. */
class ServiceWireTest {

    @Test
    void getParametersReplyIsTheWorkedExampleOfTheSharedNotes() throws Throwable {
        DdsTestSupport.assumeCyclone();
        MessageType<ServiceSample<GetParametersResponse>> wire = ServiceType.GET_PARAMETERS.responseWire();
        assertEquals("rcl_interfaces::srv::dds_::GetParameters_Response_", wire.ddsTypeName());
        ParameterValue twenty = new ParameterValue((byte) 3, false, 0, 20.0, "", new byte[0], new boolean[0],
                new long[0], new double[0], List.of());
        byte[] cdr;
        try (DdsParticipant p = DdsParticipant.create(DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG)) {
            cdr = CdrCapture.serialize(p, wire, new ServiceSample<>(0x1122334455667788L, 5,
                    new GetParametersResponse(List.of(twenty))));
        }
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0, 1, 0, 0});                      // CDR little endian, no padding
        b.putLong(0x1122334455667788L).putLong(5);            // 0 guid, 8 seq
        b.putInt(1);                                          // 16 one value
        b.put((byte) 3).put((byte) 0).put(new byte[2]);       // 20 type DOUBLE, 21 bool_value, 22 padding
        b.putLong(0).putDouble(20.0);                         // 24 integer_value, 32 double_value
        b.putInt(1).put((byte) 0).put(new byte[3]);           // 40 string_value "", padding
        b.putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);  // 48..64 five empty sequences
        assertEquals(68, cdr.length - 4, HexFormat.of().formatHex(cdr));
        assertArrayEquals(b.array(), cdr, HexFormat.of().formatHex(cdr));
    }

    @Test
    void anEmptyRequestIsTheHeaderAndRosidlsPlaceholderByte() throws Throwable {
        DdsTestSupport.assumeCyclone();
        byte[] cdr;
        try (DdsParticipant p = DdsParticipant.create(DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG)) {
            cdr = CdrCapture.serialize(p, ServiceType.TRIGGER.requestWire(), new ServiceSample<>(9, 2, new TriggerRequest()));
        }
        ByteBuffer b = ByteBuffer.wrap(cdr).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0100, b.getShort(0) & 0xffff, HexFormat.of().formatHex(cdr));
        assertEquals(9, b.getLong(4));
        assertEquals(2, b.getLong(12));
        assertEquals(0, cdr[20]);
        // 17 bytes of data; Cyclone pads to a multiple of 4 and says how much in the options
        assertEquals(3, cdr[3], HexFormat.of().formatHex(cdr));
        assertEquals(24, cdr.length);
    }

    @Test
    void triggerResponseCarriesItsFieldsAfterTheHeader() throws Throwable {
        DdsTestSupport.assumeCyclone();
        byte[] cdr;
        try (DdsParticipant p = DdsParticipant.create(DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG)) {
            cdr = CdrCapture.serialize(p, ServiceType.TRIGGER.responseWire(),
                    new ServiceSample<>(-1, Long.MAX_VALUE, new TriggerResponse(true, "ok")));
        }
        ByteBuffer b = ByteBuffer.wrap(cdr).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1, b.getLong(4));
        assertEquals(Long.MAX_VALUE, b.getLong(12));
        assertEquals(1, cdr[20]);                 // 16 success
        assertEquals(3, b.getInt(24));            // 20 message length (aligned), "ok" and NUL
        assertEquals("ok", new String(cdr, 28, 2, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void namesFollowRosidl() {
        assertEquals("std_srvs::srv::dds_::SetBool_Request_", ServiceType.SET_BOOL.requestWire().ddsTypeName());
        assertEquals("std_srvs::srv::dds_::SetBool_Response_", ServiceType.SET_BOOL.responseWire().ddsTypeName());
        assertEquals(ServiceType.TRIGGER, ServiceType.forName("std_srvs/Trigger"));
        assertEquals(ServiceType.SET_BOOL, ServiceType.forName("std_srvs/srv/SetBool"));
        assertThrows(IllegalArgumentException.class, () -> ServiceType.forName("std_srvs/srv/Empty"));
        assertEquals(ServiceType.SET_PARAMETERS_ATOMICALLY, ServiceType.forName("rcl_interfaces/SetParametersAtomically"));
        assertEquals("rcl_interfaces::srv::dds_::DescribeParameters_Request_",
                ServiceType.DESCRIBE_PARAMETERS.requestWire().ddsTypeName());
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceType<>("std_srvs/srv/Trigger", SetBoolRequest.TYPE, TriggerResponse.TYPE));
    }

    @Test
    void serviceHashDescribesRequestResponseAndEvent() {
        String json = TypeHash.json(MessageSchema.standard().extend("""
                service_msgs/msg/ServiceEventInfo
                  uint8 event_type
                  builtin_interfaces/msg/Time stamp
                  char[16] client_gid
                  int64 sequence_number
                """), "service_msgs/msg/ServiceEventInfo");
        assertEquals(true, json.contains("{\"name\": \"client_gid\", \"type\": {\"type_id\": 51, \"capacity\": 16"), json);
        String h = ServiceType.TRIGGER.typeHash();
        assertEquals(TypeHash.PREFIX.length() + 64, h.length());
        assertEquals(false, h.equals(ServiceType.SET_BOOL.typeHash()));
        assertEquals(false, h.equals(TriggerRequest.TYPE.typeHash()));
    }
}
