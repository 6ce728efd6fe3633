package org.cponode.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        assertEquals(dir.resolve("permissions_ca.cert.pem") + " does not exist",
                SecurityDiagnosis.diagnose(dir, DOMAIN));
        assertEquals("enclave directory " + tmp.resolve("nowhere") + " does not exist",
                SecurityDiagnosis.diagnose(tmp.resolve("nowhere"), DOMAIN));
    }

    /** A copy of {@link #enclave} (named {@code copy}) whose {@code file} is replaced by {@code source}. */
    record Swap(String copy, String file, Path source, String says) {}

    /** Each swap's copy is diagnosed as a problem of the swapped file, with {@code says} in the reason. */
    static void assertDiagnosed(Swap... swaps) throws IOException {
        for (Swap s : swaps) {
            Path dir = copy(enclave, s.copy());
            Files.copy(s.source(), dir.resolve(s.file()), StandardCopyOption.REPLACE_EXISTING);
            String d = diagnosis(dir, s.file());
            assertTrue(d.contains(s.says()), () -> s.copy() + ": " + d);
        }
    }

    @Test
    void filesThatAreNotWhatTheirNameSays() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate\n");
        assertDiagnosed(
                new Swap("garbage", "cert.pem", garbage, "has no PEM CERTIFICATE block (-----BEGIN CERTIFICATE-----)"),
                new Swap("keyless", "key.pem", enclave.resolve("cert.pem"), "has no PEM private key"),
                new Swap("swapped", "permissions.p7s", enclave.resolve("governance.p7s"), "is not <dds><permissions>"),
                new Swap("unsigned", "permissions.p7s", enclave.resolve("permissions.xml"),
                        "not an S/MIME multipart/signed document"));
    }

    @Test
    void credentialsOfAnotherCaOrEnclave() throws Exception {
        Path foreignEnclave = foreign.enclave("/cpo_node");
        assertDiagnosed(
                new Swap("foreign-cert", "cert.pem", foreignEnclave.resolve("cert.pem"),
                        "not signed by identity_ca.cert.pem (issuer CN=sros2testCA; a certificate from another CA?)"),
                new Swap("other-key", "key.pem", other.resolve("key.pem"), "does not belong to cert.pem"),
                new Swap("foreign-governance", "governance.p7s", foreignEnclave.resolve("governance.p7s"),
                        "carries no certificate issued by permissions_ca"),
                new Swap("other-grant", "permissions.p7s", other.resolve("permissions.p7s"),
                        "has no grant for cert.pem's subject CN=/cpo_node"));
    }

    @Test
    void aSignedFileChangedAfterSigning() throws IOException {
        Path dir = copy(enclave, "altered");
        Path p7s = dir.resolve("permissions.p7s");
        String text = Files.readString(p7s, StandardCharsets.ISO_8859_1);
        Files.writeString(p7s, text.replace("<topic>rt/*</topic>", "<topic>rt/**</topic>"),
                StandardCharsets.ISO_8859_1);
        assertTrue(diagnosis(dir, "permissions.p7s").endsWith("its content does not match its signature (changed after"
                + " signing?)"));
    }

    @Test
    void aGrantWhoseDatesCycloneCannotRead() throws Exception {
        Path dir = keystore.enclave("/short_dates");
        String xml = Files.readString(dir.resolve("permissions.xml"));
        // the seconds dropped: 2030-01-01T00:00
        keystore.signPermissions(dir, xml.replaceAll("<not_after>([0-9T:-]{16}):\\d\\d</not_after>",
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
