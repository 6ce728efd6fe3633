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
    void loggerNamesJoinNamespaceAndNodeWithDotsAsRclDoes() {
        assertEquals("cpo", names("cpo", "/").loggerName());
        assertEquals("robot1.cpo", names("cpo", "/robot1").loggerName());
        assertEquals("fleet.r2.ctl", names("cpo", "/", "__ns:=/fleet/r2", "__node:=ctl").loggerName());
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
        for (String bad : List.of("", "/", "a//b", "a/", "1abc", "a b", "~x", "/a/{nope}", "a-b")) {
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
    void substitutionsAndTildeFollowRcl() {
        TopicNames n = names("cpo", "/robot1");
        assertEquals("/robot1/cpo/x", n.resolve("{node}/x"));
        assertEquals("/robot1/x", n.resolve("{ns}/x"));
        assertEquals("/robot1/cpo_state", n.resolve("{namespace}/{node}_state"));
        assertEquals("/robot1/cpo/cpo", n.resolve("~/{node}"));
        assertEquals("/robot1/cmd_vel_nav", names("cpo", "/robot1", "{node}_in:=cmd_vel_nav").resolve("cpo_in"));
        // rcl_validate_topic_name's rules, checked before expansion
        for (String bad : List.of("{node", "node}", "{a/b}", "{{node}}", "{4x}", "{a-b}", "a~", "~a", "~a/b", "a/~/b",
                "a/4b", "4b", "{}", "{unknown}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.resolve(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid topic name '" + bad + "'"), e.getMessage());
        }
        // the root namespace substituted into an absolute name doubles the slash, which the full-name rules refuse
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/").resolve("/{ns}/x"));
    }

    @Test
    void lengthLimitsAreRmwsAndLongNamesGiveShortMessages() {
        TopicNames root = names("cpo", "/");
        // RMW_TOPIC_MAX_NAME_LENGTH: 255 minus 8 reserved for prefixes such as rt/, counted on the full name
        String longest = "/" + "x".repeat(TopicNames.MAX_TOPIC_NAME_LENGTH - 1);
        assertEquals(247, TopicNames.MAX_TOPIC_NAME_LENGTH);
        assertEquals(longest, root.resolve(longest));
        assertEquals("rt" + longest, root.ddsTopic(longest.substring(1)));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> root.resolve(longest + "x"));
        assertTrue(tooLong.getMessage().contains("248 characters") && tooLong.getMessage().contains("247"),
                tooLong.getMessage());
        // the namespace counts: a relative name that fits alone can be too long under it
        String relative = "y".repeat(240);
        assertEquals(241, root.resolve(relative).length());
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/robot1").resolve(relative));
        // 65,536 characters crashed libddsc inside dds_create_topic; here it is one short line
        String huge = "x".repeat(65_536);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.resolve(huge));
        assertTrue(e.getMessage().contains("65537 characters") && e.getMessage().length() < 300, e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> root.resolve(huge + "-")).getMessage().length() < 300);
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/", "a:=" + huge));

        assertEquals(255, TopicNames.MAX_NODE_NAME_LENGTH);
        String node = "n".repeat(255);
        assertEquals("/" + node, names(node, "/").fullyQualifiedNode());
        IllegalArgumentException longNode = assertThrows(IllegalArgumentException.class, () -> names(node + "n", "/"));
        assertTrue(longNode.getMessage().contains("node name") && longNode.getMessage().contains("255"),
                longNode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/", "__node:=" + node + "n"));

        // RMW_NAMESPACE_MAX_LENGTH: two characters fewer, for the shortest topic under it ("/x")
        assertEquals(245, TopicNames.MAX_NAMESPACE_LENGTH);
        String ns = "/" + "s".repeat(244);
        assertEquals(ns, names("cpo", ns).namespace());
        IllegalArgumentException longNs = assertThrows(IllegalArgumentException.class, () -> names("cpo", ns + "s"));
        assertTrue(longNs.getMessage().contains("namespace") && longNs.getMessage().contains("245"), longNs.getMessage());
        assertThrows(IllegalArgumentException.class, () -> names("cpo", "/", "__ns:=" + ns + "s"));
    }

    @Test
    void validatorsReportTheFirstProblemOrNull() {
        assertEquals(null, TopicNames.topicNameProblem("~/a/{node}_b"));
        assertTrue(TopicNames.topicNameProblem("a b").contains("index 1"), TopicNames.topicNameProblem("a b"));
        assertEquals(null, TopicNames.nodeNameProblem("cpo_node2"));
        assertTrue(TopicNames.nodeNameProblem("2cpo").contains("must not start with a number"));
        assertTrue(TopicNames.nodeNameProblem("").contains("empty"));
        assertEquals(null, TopicNames.namespaceProblem("/"));
        assertEquals(null, TopicNames.namespaceProblem("/a/b"));
        for (String bad : List.of("a", "/a/", "/a//b", "/a/1b", "/a-b", "")) {
            assertTrue(TopicNames.namespaceProblem(bad) != null, bad);
        }
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
