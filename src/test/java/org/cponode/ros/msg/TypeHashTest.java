package org.cponode.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Type hashes against the values ROS publishes for the same types (REP 2011, {@code ros2 topic info -v}). */
class TypeHashTest {

    @Test
    void schemaTypesHashToThePublishedValues() {
        assertEquals("RIHS01_9c45bf16fe0983d80e3cfe750d6835843d265a9a6c46bd2e609fcddde6fb8d2a", TypeHash.of("geometry_msgs/msg/Twist"));
        assertEquals("RIHS01_3cc97dc7fb7502f8714462c526d369e35b603cfc34d946e3f2eda2766dfec6e0", TypeHash.of("nav_msgs/msg/Odometry"));
        assertEquals("RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18", TypeHash.of("std_msgs/msg/String"));
        assertEquals("RIHS01_20b625256f32d5dbc0d04fee44f43c41e51c70d3502f84b4a08e7a9c26a96312", TypeHash.of("std_msgs/msg/Empty"));
        assertEquals("RIHS01_e28ce254ca8abc06abf92773b74602cdbf116ed34fbaf294fb9f81da9f318eac", TypeHash.of("rcl_interfaces/msg/Log"));
        assertEquals(TypeHash.of("rcl_interfaces/msg/Log"), Log.TYPE.typeHash(), "the hash /rosout's endpoints carry");
    }

    @Test
    void referencedTypesAreListedOnceSortedByName() {
        String json = TypeHash.json(MessageSchema.standard(), "nav_msgs/msg/Odometry");
        assertTrue(json.startsWith("{\"type_description\": {\"type_name\": \"nav_msgs/msg/Odometry\", \"fields\": [{\"name\": \"header\", "
                + "\"type\": {\"type_id\": 1, \"capacity\": 0, \"string_capacity\": 0, \"nested_type_name\": \"std_msgs/msg/Header\"}}"), json);
        int time = json.indexOf("\"type_name\": \"builtin_interfaces/msg/Time\"");
        int point = json.indexOf("\"type_name\": \"geometry_msgs/msg/Point\"");
        int header = json.indexOf("\"type_name\": \"std_msgs/msg/Header\"");
        assertTrue(0 < time && time < point && point < header, json);
        assertEquals(time, json.lastIndexOf("\"type_name\": \"builtin_interfaces/msg/Time\""));
    }
}
