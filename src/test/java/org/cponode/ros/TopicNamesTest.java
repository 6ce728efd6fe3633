package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cponode.ros.TopicNames.Remap;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    private static TopicNames names(String node, String ns, String... rules) {
        return new TopicNames(node, ns, java.util.Arrays.stream(rules).map(Remap::parse).toList());
    }

    @Test
    void relativeAbsoluteAndPrivateNamesExpand() {
        TopicNames n = names("cpo", "/robot1");
        assertEquals("/robot1/cmd_vel", n.resolve("cmd_vel"));
        assertEquals("/clock", n.resolve("/clock"));
        assertEquals("/robot1/cpo/state", n.resolve("~/state"));
        assertEquals("/robot1/cpo", n.resolve("~"));
        assertEquals("rt/robot1/cmd_vel", n.ddsTopic("cmd_vel"));
        assertEquals("rt/odom", names("cpo", "").ddsTopic("odom"));
        assertEquals("/a/b/scan", names("cpo", "a/b").resolve("scan"));
        assertEquals("/cpo", names("cpo", "/").fullyQualifiedNode());
    }

    @Test
    void remapsMatchExpandedNamesFirstRuleWins() {
        TopicNames n = names("cpo", "/robot1", "cmd_vel:=cmd_vel_nav", "/robot1/cmd_vel:=ignored", "odom:=/ground_truth");
        assertEquals("/robot1/cmd_vel_nav", n.resolve("cmd_vel"));
        assertEquals("/robot1/cmd_vel_nav", n.resolve("/robot1/cmd_vel"));
        assertEquals("/ground_truth", n.resolve("odom"));
        assertEquals("/robot1/scan", n.resolve("scan"));
        assertEquals("/robot1/cpo/x", names("cpo", "/robot1", "~/y:=~/x").resolve("~/y"));
    }

    @Test
    void nodeSpecificRulesAndNodeRenames() {
        TopicNames n = names("cpo", "/", "other:scan:=nope", "ctl:scan:=front_scan", "cpo:odom:=stale", "__ns:=/fleet/r2",
                "cpo:__node:=ctl", "__node:=ignored");
        assertEquals("/fleet/r2/ctl", n.fullyQualifiedNode());
        assertEquals("ctl", n.node());
        // topic rules with a node prefix name the node by its final name (rcl_node_get_name)
        assertEquals("/fleet/r2/front_scan", n.resolve("scan"));
        assertEquals("/fleet/r2/odom", n.resolve("odom"));
        assertEquals("/fleet/r2/ctl/p", n.resolve("~/p"));
        assertEquals("/a", names("cpo", "/", "other:__ns:=/b", "__ns:=/a", "__ns:=/c").namespace());
    }

    @Test
    void invalidNamesAndRulesAreRejectedWithReasons() {
        TopicNames n = names("cpo", "/");
        for (String bad : List.of("", "/", "a//b", "a/", "1abc", "a b", "~x", "/a/{node}", "a-b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.resolve(bad), bad);
            assertTrue(e.getMessage().contains("topic name"), e.getMessage());
        }
        for (String bad : List.of("nofrom", ":=x", "a:=", "a:=b:=c", "bad-node:a:=b")) {
            assertThrows(IllegalArgumentException.class, () -> Remap.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> names("9cpo", "/"));
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/a/"));
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/", "x:=bad//name"));
    }

    @Test
    void localhostOnlyMeansALoopbackCycloneConfigUnlessOneIsGiven() {
        assertEquals(null, RosNode.cycloneConfigFromEnvironment(Map.of()));
        assertEquals(null, RosNode.cycloneConfigFromEnvironment(Map.of("ROS_LOCALHOST_ONLY", "0")));
        String xml = RosNode.cycloneConfigFromEnvironment(Map.of("ROS_LOCALHOST_ONLY", "1"));
        org.junit.jupiter.api.Assertions.assertTrue(xml != null && xml.contains("127.0.0.1"), String.valueOf(xml));
        assertEquals(null, RosNode.cycloneConfigFromEnvironment(
                Map.of("ROS_LOCALHOST_ONLY", "1", "CYCLONEDDS_URI", "file:///etc/cyclone.xml")));
    }

    @Test
    void domainIdComesFromTheEnvironment() {
        assertEquals(0, RosNode.domainIdFromEnvironment(Map.of()));
        assertEquals(42, RosNode.domainIdFromEnvironment(Map.of("ROS_DOMAIN_ID", " 42 ")));
        for (String bad : List.of("233", "-1", "x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RosNode.domainIdFromEnvironment(Map.of("ROS_DOMAIN_ID", bad)));
            assertTrue(e.getMessage().contains("ROS_DOMAIN_ID"));
        }
    }
}
