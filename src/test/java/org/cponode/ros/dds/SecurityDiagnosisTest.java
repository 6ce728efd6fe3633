package org.cponode.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cponode.ros.TestKeystore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis names the file Cyclone would refuse, for keystores made with openssl as sros2 makes them: nothing
 * for a valid enclave, and each kind of broken or foreign file by name. No DDS needed.
 */
class SecurityDiagnosisTest {

    static final int DOMAIN = 17;
    @TempDir
    static Path tmp;
    static TestKeystore keystore;
    static TestKeystore foreign;
    static Path enclave;
    static Path other;

    @BeforeAll
    static void keystores() throws Exception {
        keystore = TestKeystore.create(tmp.resolve("ks"), DOMAIN);
        foreign = TestKeystore.create(tmp.resolve("foreign"), DOMAIN);
        enclave = keystore.enclave("/cpo_node");
        other = keystore.enclave("/robots/other");
    }

    /** A copy of the enclave with links resolved, so that one file can be replaced. */
    static Path copy(Path dir, String name) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("copies").resolve(name));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, out.resolve(f.getFileName()));
            }
        }
        return out;
    }

    static String diagnosis(Path dir, String file) {
        String d = SecurityDiagnosis.diagnose(dir, DOMAIN);
        assertTrue(d != null && d.startsWith(dir.resolve(file).toAbsolutePath() + ": "), () -> "diagnosis: " + d);
        return d;
    }

    @Test
    void aValidEnclaveHasNoProblem() {
        assertNull(SecurityDiagnosis.diagnose(enclave, DOMAIN));
        assertNull(SecurityDiagnosis.diagnose(other, DOMAIN));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path dir = copy(enclave, "missing");
        Files.delete(dir.resolve("permissions_ca.cert.pem"));
        assertEquals(dir.resolve("permissions_ca.cert.pem") + " does not exist", SecurityDiagnosis.diagnose(dir, DOMAIN));
        assertEquals("enclave directory " + tmp.resolve("nowhere") + " does not exist",
                SecurityDiagnosis.diagnose(tmp.resolve("nowhere"), DOMAIN));
    }

    @Test
    void filesThatAreNotWhatTheirNameSays() throws IOException {
        Path dir = copy(enclave, "garbage");
        Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        assertTrue(diagnosis(dir, "cert.pem").endsWith("has no PEM CERTIFICATE block (-----BEGIN CERTIFICATE-----)"));
        Path keyless = copy(enclave, "keyless");
        Files.copy(keyless.resolve("cert.pem"), keyless.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(keyless, "key.pem").endsWith("has no PEM private key"));
        Path swapped = copy(enclave, "swapped");
        Files.copy(enclave.resolve("governance.p7s"), swapped.resolve("permissions.p7s"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(swapped, "permissions.p7s").contains("is not <dds><permissions>"));
        Path unsigned = copy(enclave, "unsigned");
        Files.copy(enclave.resolve("permissions.xml"), unsigned.resolve("permissions.p7s"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(unsigned, "permissions.p7s").contains("not an S/MIME multipart/signed document"));
    }

    @Test
    void credentialsOfAnotherCaOrEnclave() throws Exception {
        Path foreignEnclave = foreign.enclave("/cpo_node");
        Path cert = copy(enclave, "foreign-cert");
        Files.copy(foreignEnclave.resolve("cert.pem"), cert.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(foreignEnclave.resolve("key.pem"), cert.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(cert, "cert.pem").contains("not signed by identity_ca.cert.pem"));

        Path key = copy(enclave, "other-key");
        Files.copy(other.resolve("key.pem"), key.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(key, "key.pem").endsWith("does not belong to cert.pem"));

        Path governance = copy(enclave, "foreign-governance");
        Files.copy(foreignEnclave.resolve("governance.p7s"), governance.resolve("governance.p7s"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(governance, "governance.p7s").contains("carries no certificate issued by permissions_ca"));

        Path grant = copy(enclave, "other-grant");
        Files.copy(other.resolve("permissions.p7s"), grant.resolve("permissions.p7s"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(diagnosis(grant, "permissions.p7s").endsWith("has no grant for cert.pem's subject CN=/cpo_node"));
    }

    @Test
    void aSignedFileChangedAfterSigning() throws IOException {
        Path dir = copy(enclave, "altered");
        Path p7s = dir.resolve("permissions.p7s");
        String text = Files.readString(p7s, StandardCharsets.ISO_8859_1);
        Files.writeString(p7s, text.replace("<topic>rt/*</topic>", "<topic>rt/**</topic>"), StandardCharsets.ISO_8859_1);
        assertTrue(diagnosis(dir, "permissions.p7s").endsWith("its content does not match its signature (changed after signing?)"));
    }

    @Test
    void aGrantWhoseDatesCycloneCannotRead() throws Exception {
        Path dir = keystore.enclave("/short_dates");
        String xml = Files.readString(dir.resolve("permissions.xml"));
        keystore.signPermissions(dir, xml.replaceAll("<not_after>(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d):\\d\\d</not_after>",
                "<not_after>$1</not_after>"));
        assertTrue(diagnosis(dir, "permissions.p7s").matches(".*the grant for CN=/short_dates has not_after "
                + "'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d', not of the form 2030-01-01T00:00:00 that Cyclone reads"));
    }

    @Test
    void aDomainTheFilesDoNotCover() {
        String d = SecurityDiagnosis.diagnose(enclave, DOMAIN + 1);
        assertEquals(enclave.resolve("governance.p7s").toAbsolutePath() + ": has no domain_rule for DDS domain "
                + (DOMAIN + 1), d);
    }

    @Test
    void theFileListMatchesWhatCreateEnclaveWrites() throws IOException {
        try (Stream<Path> files = Files.list(enclave)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.containsAll(DdsSecurity.FILES), names::toString);
        }
    }
}
