package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cponode.ros.dds.DdsSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SROS 2 settings as rcl reads them, and what they make of a participant before any DDS call. */
class RosSecurityTest {

    static final Map<String, String> ENFORCE = Map.of("ROS_SECURITY_ENABLE", "true", "ROS_SECURITY_STRATEGY", "Enforce",
            "ROS_SECURITY_KEYSTORE", "/ks");

    @Test
    void readsTheEnvironmentAsRclDoes() {
        RosSecurity s = RosSecurity.fromEnvironment(ENFORCE, "/robot1/cpo_node");
        assertEquals(new RosSecurity("/robot1/cpo_node", true, true, "/ks", null), s);
        assertEquals(Path.of("/ks/enclaves/robot1/cpo_node"), s.enclaveDirectory());
        assertEquals("enclave=/robot1/cpo_node;", s.userData());
        // exact matches only: rcl compares with strcmp
        assertFalse(RosSecurity.fromEnvironment(Map.of("ROS_SECURITY_ENABLE", "True"), null).enabled());
        assertFalse(RosSecurity.fromEnvironment(Map.of("ROS_SECURITY_ENABLE", "true", "ROS_SECURITY_STRATEGY",
                "enforce"), null).enforce());
        RosSecurity defaults = RosSecurity.fromEnvironment(Map.of("ROS_SECURITY_KEYSTORE", "",
                "ROS_SECURITY_ENCLAVE_OVERRIDE", ""), null);
        assertEquals(RosSecurity.OFF, defaults);
        assertEquals("enclave=/;", defaults.userData());
        assertNull(defaults.enclaveDirectory());
    }

    @Test
    void theRootEnclaveIsTheEnclavesFolderAndTheOverrideWins() {
        assertEquals(Path.of("/ks/enclaves"), RosSecurity.fromEnvironment(ENFORCE, null).enclaveDirectory());
        Map<String, String> env = new java.util.HashMap<>(ENFORCE);
        env.put("ROS_SECURITY_ENCLAVE_OVERRIDE", "/shared");
        RosSecurity s = RosSecurity.fromEnvironment(env, "/cpo_node");
        assertEquals(Path.of("/ks/enclaves/shared"), s.enclaveDirectory());
        assertEquals("enclave=/cpo_node;", s.userData(), "USER_DATA keeps the enclave, as rmw does");
    }

    @Test
    void enclaveNamesFollowRclsRules() {
        assertNull(RosSecurity.enclaveProblem("/"));
        assertNull(RosSecurity.enclaveProblem("/a" + "b".repeat(250)), "up to 255 characters, more than a namespace");
        assertEquals("is longer than the 255 characters rcl allows", RosSecurity.enclaveProblem("/" + "a".repeat(255)));
        assertEquals("must be absolute (start with '/')", RosSecurity.enclaveProblem("cpo_node"));
        assertEquals("must not end with a forward slash", RosSecurity.enclaveProblem("/cpo_node/"));
        assertTrue(RosSecurity.enclaveProblem("/../etc").startsWith("must contain only letters, digits, '_' and '/'"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RosSecurity.fromEnvironment(Map.of(), "cpo_node"));
        assertEquals("enclave 'cpo_node' is not a valid enclave name (must be absolute (start with '/'))",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RosSecurity.fromEnvironment(Map.of("ROS_SECURITY_ENCLAVE_OVERRIDE", "/1st"), null));
        assertTrue(e.getMessage().startsWith("ROS_SECURITY_ENCLAVE_OVERRIDE '/1st' is not a valid enclave name"),
                e.getMessage());
    }

    @Test
    void offSaysTheDomainIsOpen() {
        RosSecurity.Plan plan = RosSecurity.OFF.plan(7);
        assertNull(plan.files());
        assertEquals("DDS domain 7 is open (ROS_SECURITY_ENABLE is not \"true\"): any participant on it can publish to"
                + " this node's topics and read them; SROS 2 setup: docs/ROS.md", plan.warning());
    }

    @Test
    void enforceWithSomethingMissingRefusesNamingIt(@TempDir Path ks) throws Exception {
        RosSecurity noKeystore = new RosSecurity("/cpo_node", true, true, null, null);
        assertEquals("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave /cpo_node): ROS_SECURITY_KEYSTORE is not set;"
                + " not starting unsecured",
                assertThrows(RosSecurityException.class, () -> noKeystore.plan(3)).getMessage());
        RosSecurity noDir = new RosSecurity("/cpo_node", true, true, ks.toString(), null);
        assertEquals("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave /cpo_node): enclave directory "
                + ks.resolve("enclaves/cpo_node") + " does not exist; not starting unsecured",
                assertThrows(RosSecurityException.class, () -> noDir.plan(3)).getMessage());
        Path dir = Files.createDirectories(ks.resolve("enclaves/cpo_node"));
        for (String f : DdsSecurity.FILES) {
            if (!f.equals(DdsSecurity.PRIVATE_KEY)) {
                Files.writeString(dir.resolve(f), "x");
            }
        }
        assertEquals("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave /cpo_node): " + dir.resolve("key.pem")
                + " does not exist; not starting unsecured",
                assertThrows(RosSecurityException.class, () -> noDir.plan(3)).getMessage());
    }

    @Test
    void permissiveWithSomethingMissingRunsOpenWithAWarning(@TempDir Path ks) {
        RosSecurity.Plan plan = new RosSecurity("/cpo_node", true, false, ks.toString(), null).plan(3);
        assertNull(plan.files());
        assertEquals("SROS 2 (ROS_SECURITY_STRATEGY=Permissive, enclave /cpo_node): enclave directory "
                + ks.resolve("enclaves/cpo_node") + " does not exist; running unsecured, DDS domain 3 is open",
                plan.warning());
    }
}
