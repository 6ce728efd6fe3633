package org.cponode.ros.dds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DDS Security for one participant: an SROS 2 enclave's files and Cyclone DDS's three security plugins, as the
 * participant QoS properties rmw_cyclonedds sets ({@code dds.sec.auth.*}, {@code dds.sec.access.*},
 * {@code dds.sec.crypto.*}; rmw_cyclonedds_cpp {@code rmw_node.cpp}, {@code configure_qos_for_security}). The
 * files go in as {@code file:} URIs: Cyclone's plugins read and check them when the participant is created, so
 * a participant with these properties exists only if its identity, permissions and governance are valid.
 *
 * @param enclave         the enclave's directory ({@code <keystore>/enclaves/<name>}), absolute
 * @param pluginDirectory the directory of {@code libdds_security_{auth,ac,crypto}.so}, or null to pass the
 *                        plugins' bare names ({@code dds_security_auth} …) for the system loader to find, as
 *                        rmw_cyclonedds does
 */
public record DdsSecurity(Path enclave, Path pluginDirectory) {

    /** Identity CA certificate (PEM): the CA that signed every participant's {@link #CERTIFICATE}. */
    public static final String IDENTITY_CA = "identity_ca.cert.pem";
    /** This participant's identity certificate (PEM), subject {@code CN=<enclave>} in SROS 2. */
    public static final String CERTIFICATE = "cert.pem";
    /** The certificate's private key (unencrypted PEM). */
    public static final String PRIVATE_KEY = "key.pem";
    /** Permissions CA certificate (PEM): the CA that signed {@link #GOVERNANCE} and every {@link #PERMISSIONS}. */
    public static final String PERMISSIONS_CA = "permissions_ca.cert.pem";
    /** Domain-wide rules (S/MIME-signed XML): authentication, access control and protection kinds. */
    public static final String GOVERNANCE = "governance.p7s";
    /** What this participant may publish and subscribe to (S/MIME-signed XML). */
    public static final String PERMISSIONS = "permissions.p7s";
    /** Optional certificate revocation list, passed on when present (as rmw_cyclonedds does). */
    public static final String CRL = "crl.pem";

    /** The files an enclave must have, in the layout {@code ros2 security create_enclave} writes. */
    public static final List<String> FILES = List.of(IDENTITY_CA, CERTIFICATE, PRIVATE_KEY, PERMISSIONS_CA,
            GOVERNANCE, PERMISSIONS);

    /** The plugins: property prefix, library name, init and finalize functions (Cyclone 0.10's names). */
    private static final String[][] PLUGINS = {
        {"dds.sec.auth", "dds_security_auth", "init_authentication", "finalize_authentication"},
        {"dds.sec.crypto", "dds_security_crypto", "init_crypto", "finalize_crypto"},
        {"dds.sec.access", "dds_security_ac", "init_access_control", "finalize_access_control"},
    };

    public DdsSecurity {
        enclave = enclave.toAbsolutePath().normalize();
    }

    /**
     * Security with the enclave in {@code enclave} and the plugins that belong to the loaded libddsc
     * ({@link #pluginDirectoryOf}).
     *
     * @throws DdsUnavailableException if libddsc cannot be loaded
     */
    public static DdsSecurity forEnclave(Path enclave) {
        return new DdsSecurity(enclave, DdsLibrary.loadedFile().map(DdsSecurity::pluginDirectoryOf).orElse(null));
    }

    /**
     * Where the security plugins of the libddsc at {@code libddsc} are: beside it (ROS 2 installs, source
     * builds), or in Debian's {@code libddsc0debian} folder beside it (package {@code libddsc0debian}); null if
     * neither holds {@code libdds_security_auth.so}.
     */
    public static Path pluginDirectoryOf(Path libddsc) {
        Path dir = libddsc.toAbsolutePath().getParent();
        for (Path candidate : List.of(dir, dir.resolve("libddsc0debian"))) {
            if (Files.isRegularFile(candidate.resolve("lib" + PLUGINS[0][1] + ".so"))) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Why the enclave cannot be used as it is, or null: it is not a directory, or one of {@link #FILES} does not
     * exist, is not a file or cannot be read. The message names the path. Whether the files are valid is
     * Cyclone's to decide ({@link SecurityDiagnosis} says which one it refused).
     */
    public static String missingFile(Path enclave) {
        if (!Files.isDirectory(enclave)) {
            return "enclave directory " + enclave + " does not exist";
        }
        for (String name : FILES) {
            Path file = enclave.resolve(name);
            if (!Files.exists(file)) {
                return file + " does not exist";
            }
            if (!Files.isRegularFile(file)) {
                return file + " is not a file";
            }
            if (!Files.isReadable(file)) {
                return file + " is not readable";
            }
        }
        return null;
    }

    /** The participant QoS properties, in the order rmw_cyclonedds sets them. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dds.sec.auth.identity_ca", uri(IDENTITY_CA));
        p.put("dds.sec.auth.identity_certificate", uri(CERTIFICATE));
        p.put("dds.sec.auth.private_key", uri(PRIVATE_KEY));
        p.put("dds.sec.access.permissions_ca", uri(PERMISSIONS_CA));
        p.put("dds.sec.access.governance", uri(GOVERNANCE));
        p.put("dds.sec.access.permissions", uri(PERMISSIONS));
        for (String[] plugin : PLUGINS) {
            p.put(plugin[0] + ".library.path", pluginDirectory == null ? plugin[1]
                    : pluginDirectory.resolve("lib" + plugin[1] + ".so").toString());
            p.put(plugin[0] + ".library.init", plugin[2]);
            p.put(plugin[0] + ".library.finalize", plugin[3]);
        }
        if (Files.isRegularFile(enclave.resolve(CRL))) {
            p.put("org.eclipse.cyclonedds.sec.auth.crl", uri(CRL));
        }
        return p;
    }

    private String uri(String file) {
        return "file:" + enclave.resolve(file);
    }
}
