package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cponode.ros.dds.DdsLibrary;
import org.cponode.ros.dds.DdsSecurity;

/**
 * An SROS 2 keystore made with the openssl command line, laid out and signed as {@code ros2 security
 * create_keystore} and {@code create_enclave} do: one EC P-256 CA ({@code public/ca.cert.pem}) that
 * {@code identity_ca.cert.pem} and {@code permissions_ca.cert.pem} link to, a governance for one domain signed
 * as S/MIME by the permissions CA (sros2's default rules: no unauthenticated participants, join access control,
 * discovery, liveliness, metadata and data encrypted, RTPS messages signed), and per enclave a certificate with
 * subject {@code CN=<enclave>}, its key, links to the CAs and the governance, and a signed permissions file.
 */
public final class TestKeystore {

    /** What an enclave may publish and subscribe to: DDS topic names or patterns ({@code rt/odom}, {@code rt/*}). */
    public record Permissions(List<String> publish, List<String> subscribe) {
        /** Every ROS topic, service and the graph topic, both ways: what sros2's default policy grants. */
        public static final Permissions ALL = new Permissions(List.of("rt/*", "rq/*", "rr/*", "ros_discovery_info"),
                List.of("rt/*", "rq/*", "rr/*", "ros_discovery_info"));
    }

    /** Where the OMG's DDS Security schemas are, as sros2's files name them. */
    private static final String SCHEMAS = "http://www.omg.org/spec/DDS-SECURITY/20170901";

    private final Path root;
    private final int domainId;

    private TestKeystore(Path root, int domainId) {
        this.root = root;
        this.domainId = domainId;
    }

    /** Skips the test unless openssl is installed (CI installs it). */
    public static void assumeOpenssl() {
        assumeTrue(NativePeer.onPath("openssl"), "openssl not installed (Debian: openssl); CI installs it");
    }

    /**
     * The directory of Cyclone's security plugins for the libddsc this JVM loads; skips the test if there is none
     * (Debian's libddsc0debian ships them).
     */
    public static Path plugins() {
        DdsTestSupport.assumeCyclone();
        Path dir = DdsSecurity.forEnclave(Path.of("/")).pluginDirectory();
        assumeTrue(dir != null, "Cyclone DDS security plugins (libdds_security_auth.so) not found beside "
                + DdsLibrary.loadedFile().orElse(null));
        return dir;
    }

    /** The independent C peer (src/test/native/peer), built, with the security plugins it will need found. */
    public static Path securedPeer() throws IOException, InterruptedException {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        plugins();
        return peer;
    }

    /**
     * A keystore at {@code root} (created) whose governance covers DDS domain {@code domainId}, with
     * {@code enclaves} that may use every ROS topic.
     */
    public static TestKeystore create(Path root, int domainId, String... enclaves) throws IOException,
            InterruptedException {
        assumeOpenssl();
        TestKeystore ks = new TestKeystore(root, domainId);
        for (String dir : List.of("public", "private", "enclaves")) {
            Files.createDirectories(root.resolve(dir));
        }
        ks.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out",
                "private/ca.key.pem");
        ks.openssl("req", "-x509", "-new", "-key", "private/ca.key.pem", "-subj", "/CN=sros2testCA", "-days", "3650",
                "-sha256", "-addext", "basicConstraints=critical,CA:TRUE,pathlen:1", "-out", "public/ca.cert.pem");
        for (String ca : List.of("identity_ca", "permissions_ca")) {
            Files.createSymbolicLink(root.resolve("public/" + ca + ".cert.pem"), Path.of("ca.cert.pem"));
            Files.createSymbolicLink(root.resolve("private/" + ca + ".key.pem"), Path.of("ca.key.pem"));
        }
        Files.writeString(root.resolve("enclaves/governance.xml"), ks.governance(), StandardCharsets.UTF_8);
        ks.sign("enclaves/governance.xml", "enclaves/governance.p7s");
        for (String enclave : enclaves) {
            ks.enclave(enclave);
        }
        return ks;
    }

    /** The directory of enclave {@code name}. */
    public Path enclaveDirectory(String name) {
        return root.resolve("enclaves/" + name.substring(1));
    }

    /** SROS 2 on, {@code Enforce}, with this keystore and {@code enclave}. */
    public RosSecurity enforced(String enclave) {
        return new RosSecurity(enclave, true, true, root.toString(), null);
    }

    /** The keystore's root (what ROS_SECURITY_KEYSTORE names). */
    public Path root() {
        return root;
    }

    /** An enclave that may use every ROS topic; see {@link #enclave(String, Permissions)}. */
    public Path enclave(String name) throws IOException, InterruptedException {
        return enclave(name, Permissions.ALL);
    }

    /**
     * Creates enclave {@code name} (absolute, e.g. {@code /cpo_node}) with {@code permissions} for this keystore's
     * domain and returns its directory.
     */
    public Path enclave(String name, Permissions permissions) throws IOException, InterruptedException {
        Path dir = enclaveDirectory(name);
        String rel = root.relativize(dir).toString();
        Files.createDirectories(dir);
        for (String ca : List.of("identity_ca", "permissions_ca")) {
            link(dir.resolve(ca + ".cert.pem"), root.resolve("public/" + ca + ".cert.pem"));
        }
        link(dir.resolve("governance.p7s"), root.resolve("enclaves/governance.p7s"));
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", rel + "/key.pem");
        // openssl -subj separates attributes with '/': the slashes of the enclave name are escaped
        openssl("req", "-new", "-key", rel + "/key.pem", "-subj", "/CN=" + name.replace("/", "\\/"), "-out",
                rel + "/cert.csr");
        openssl("x509", "-req", "-in", rel + "/cert.csr", "-CA", "public/identity_ca.cert.pem", "-CAkey",
                "private/identity_ca.key.pem", "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1,
                Long.MAX_VALUE)), "-days", "365", "-sha256", "-out", rel + "/cert.pem");
        Files.delete(dir.resolve("cert.csr"));
        Files.writeString(dir.resolve("permissions.xml"), permissionsXml(name, permissions), StandardCharsets.UTF_8);
        sign(rel + "/permissions.xml", rel + "/permissions.p7s");
        return dir;
    }

    /** A relative symbolic link at {@code link} to {@code target}, as sros2 makes them. */
    private static void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, link.getParent().relativize(target));
    }

    /** Replaces the permissions of the enclave in {@code dir} with {@code xml}, signed by this keystore's CA. */
    public void signPermissions(Path dir, String xml) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("permissions.xml"), xml, StandardCharsets.UTF_8);
        sign(root.relativize(dir.resolve("permissions.xml")).toString(),
                root.relativize(dir.resolve("permissions.p7s")).toString());
    }

    /** Signs {@code xml} as S/MIME with the permissions CA, as sros2 does (text/plain, detached, SHA-256). */
    void sign(String xml, String p7s) throws IOException, InterruptedException {
        openssl("smime", "-sign", "-text", "-md", "sha256", "-in", xml, "-out", p7s, "-signer",
                "public/permissions_ca.cert.pem", "-inkey", "private/permissions_ca.key.pem");
    }

    private String governance() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <dds xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:noNamespaceSchemaLocation="%s/omg_shared_ca_governance.xsd">
                  <domain_access_rules>
                    <domain_rule>
                      <domains><id>%d</id></domains>
                      <allow_unauthenticated_participants>false</allow_unauthenticated_participants>
                      <enable_join_access_control>true</enable_join_access_control>
                      <discovery_protection_kind>ENCRYPT</discovery_protection_kind>
                      <liveliness_protection_kind>ENCRYPT</liveliness_protection_kind>
                      <rtps_protection_kind>SIGN</rtps_protection_kind>
                      <topic_access_rules>
                        <topic_rule>
                          <topic_expression>*</topic_expression>
                          <enable_discovery_protection>true</enable_discovery_protection>
                          <enable_liveliness_protection>true</enable_liveliness_protection>
                          <enable_read_access_control>true</enable_read_access_control>
                          <enable_write_access_control>true</enable_write_access_control>
                          <metadata_protection_kind>ENCRYPT</metadata_protection_kind>
                          <data_protection_kind>ENCRYPT</data_protection_kind>
                        </topic_rule>
                      </topic_access_rules>
                    </domain_rule>
                  </domain_access_rules>
                </dds>
                """.formatted(SCHEMAS, domainId);
    }

    private String permissionsXml(String name, Permissions p) {
        // always with seconds, as sros2's isoformat() writes it: Cyclone reads no shorter form
        DateTimeFormatter xmlDate = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <dds xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:noNamespaceSchemaLocation="%7$s/omg_shared_ca_permissions.xsd">
                  <permissions>
                    <grant name="%1$s">
                      <subject_name>CN=%1$s</subject_name>
                      <validity><not_before>%2$s</not_before><not_after>%3$s</not_after></validity>
                      <allow_rule>
                        <domains><id>%4$d</id></domains>
                        <publish><topics>%5$s</topics></publish>
                        <subscribe><topics>%6$s</topics></subscribe>
                      </allow_rule>
                      <default>DENY</default>
                    </grant>
                  </permissions>
                </dds>
                """.formatted(name, now.minusDays(1).format(xmlDate), now.plusYears(1).format(xmlDate), domainId,
                topics(p.publish()), topics(p.subscribe()), SCHEMAS);
    }

    private static String topics(List<String> names) {
        return names.stream().map(n -> "<topic>" + n + "</topic>").collect(Collectors.joining());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
