package org.cponode.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The participant properties rmw_cyclonedds sets, and where the plugins of a libddsc are. */
class DdsSecurityTest {

    @Test
    void thePropertiesRmwCycloneddsSets(@TempDir Path tmp) throws Exception {
        Path enclave = Files.createDirectories(tmp.resolve("enclaves/cpo_node"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("dds.sec.auth.identity_ca", "file:" + enclave.resolve("identity_ca.cert.pem"));
        expected.put("dds.sec.auth.identity_certificate", "file:" + enclave.resolve("cert.pem"));
        expected.put("dds.sec.auth.private_key", "file:" + enclave.resolve("key.pem"));
        expected.put("dds.sec.access.permissions_ca", "file:" + enclave.resolve("permissions_ca.cert.pem"));
        expected.put("dds.sec.access.governance", "file:" + enclave.resolve("governance.p7s"));
        expected.put("dds.sec.access.permissions", "file:" + enclave.resolve("permissions.p7s"));
        expected.put("dds.sec.auth.library.path", "/plugins/libdds_security_auth.so");
        expected.put("dds.sec.auth.library.init", "init_authentication");
        expected.put("dds.sec.auth.library.finalize", "finalize_authentication");
        expected.put("dds.sec.crypto.library.path", "/plugins/libdds_security_crypto.so");
        expected.put("dds.sec.crypto.library.init", "init_crypto");
        expected.put("dds.sec.crypto.library.finalize", "finalize_crypto");
        expected.put("dds.sec.access.library.path", "/plugins/libdds_security_ac.so");
        expected.put("dds.sec.access.library.init", "init_access_control");
        expected.put("dds.sec.access.library.finalize", "finalize_access_control");
        DdsSecurity security = new DdsSecurity(enclave, Path.of("/plugins"));
        assertEquals(expected, security.properties());
        assertEquals(expected.keySet().stream().toList(), security.properties().keySet().stream().toList(), "order");

        Files.writeString(enclave.resolve("crl.pem"), "");
        assertEquals("file:" + enclave.resolve("crl.pem"),
                security.properties().get("org.eclipse.cyclonedds.sec.auth.crl"));
        // without a plugin directory the bare names go to the system loader, as rmw_cyclonedds passes them
        assertEquals("dds_security_ac", new DdsSecurity(enclave, null).properties().get("dds.sec.access.library.path"));
    }

    @Test
    void pluginsBesideLibddscOrInDebiansFolder(@TempDir Path tmp) throws Exception {
        Path ros = Files.createDirectories(tmp.resolve("opt/ros/jazzy/lib"));
        Files.writeString(ros.resolve("libdds_security_auth.so"), "");
        assertEquals(ros, DdsSecurity.pluginDirectoryOf(ros.resolve("libddsc.so.0.10.2")));
        Path debian = Files.createDirectories(tmp.resolve("usr/lib/x86_64-linux-gnu/libddsc0debian"));
        Files.writeString(debian.resolve("libdds_security_auth.so"), "");
        assertEquals(debian, DdsSecurity.pluginDirectoryOf(debian.getParent().resolve("libddsc.so.0.10.2")));
        assertNull(DdsSecurity.pluginDirectoryOf(tmp.resolve("libddsc.so.0")));
    }

    @Test
    void theLoadedLibraryIsFound() {
        assumeTrue(DdsLibrary.isAvailable(), "Cyclone DDS not installed");
        Path lib = DdsLibrary.loadedFile().orElseThrow();
        assertTrue(lib.getFileName().toString().startsWith("libddsc.so") && Files.isRegularFile(lib), lib::toString);
    }
}
