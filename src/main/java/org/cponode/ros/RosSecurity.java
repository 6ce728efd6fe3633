package org.cponode.ros;

import java.nio.file.Path;
import java.util.Map;
import org.cponode.ros.dds.DdsSecurity;
import org.cponode.ros.dds.SecurityDiagnosis;
import org.cponode.yaml.YamlErrors;

/**
 * SROS 2 settings of a process, read as rcl reads them ({@code rcl/src/rcl/security.c}, {@code init.c}):
 * security is on only when {@code ROS_SECURITY_ENABLE} is exactly {@code true}; the strategy is Enforce only
 * when {@code ROS_SECURITY_STRATEGY} is exactly {@code Enforce}, anything else is Permissive; the enclave is
 * {@code --enclave} (default {@code /}); its files are in {@code $ROS_SECURITY_KEYSTORE/enclaves/<enclave>}
 * ({@code enclaves} itself for {@code /}), or under {@code ROS_SECURITY_ENCLAVE_OVERRIDE} when that is set.
 *
 * <p>What happens then ({@link #plan}): with security on and every file present, the participant is secured
 * with them; Cyclone's plugins check them when it is created. Enforce refuses to run unsecured: a missing
 * keystore, directory or file, or files Cyclone refuses, stop the node with one line naming the path
 * ({@link RosSecurityException}). Permissive runs unsecured instead, with a warning. With security off, the
 * node runs unsecured as before and says once that the domain is open.
 *
 * @param enclave         the enclave name, as in {@code --enclave} ({@code /} by default); goes into the
 *                        participant's USER_DATA as {@code enclave=<name>;}
 * @param enabled         {@code ROS_SECURITY_ENABLE=true}
 * @param enforce         {@code ROS_SECURITY_STRATEGY=Enforce}
 * @param keystore        {@code ROS_SECURITY_KEYSTORE}, or null when unset or empty
 * @param enclaveOverride {@code ROS_SECURITY_ENCLAVE_OVERRIDE}, or null when unset or empty
 */
public record RosSecurity(String enclave, boolean enabled, boolean enforce, String keystore, String enclaveOverride) {

    /** Security off, enclave {@code /}: what a node gets when nothing asks for SROS 2. */
    public static final RosSecurity OFF = new RosSecurity("/", false, false, null, null);

    /** rcl's RCL_ENCLAVE_NAME_MAX_LENGTH. */
    public static final int MAX_ENCLAVE_LENGTH = 255;

    /** Checks the enclave names. */
    public RosSecurity {
        enclave = checkedEnclave(enclave, "enclave");
        if (enclaveOverride != null) {
            checkedEnclave(enclaveOverride, "ROS_SECURITY_ENCLAVE_OVERRIDE");
        }
    }

    /**
     * The settings in {@code env} for enclave {@code enclave} (null: {@code /}).
     *
     * @throws IllegalArgumentException if the enclave or the override is not a valid enclave name
     */
    public static RosSecurity fromEnvironment(Map<String, String> env, String enclave) {
        return new RosSecurity(enclave == null ? "/" : enclave, "true".equals(env.get("ROS_SECURITY_ENABLE")),
                "Enforce".equals(env.get("ROS_SECURITY_STRATEGY")), nonEmpty(env.get("ROS_SECURITY_KEYSTORE")),
                nonEmpty(env.get("ROS_SECURITY_ENCLAVE_OVERRIDE")));
    }

    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * Why {@code name} is not a valid enclave name, or null: rcl_validate_enclave_name's rules, those of an
     * absolute namespace ({@link TopicNames#namespaceProblem}) with a limit of {@value #MAX_ENCLAVE_LENGTH}.
     */
    public static String enclaveProblem(String name) {
        if (name.length() > MAX_ENCLAVE_LENGTH) {
            return "is longer than the " + MAX_ENCLAVE_LENGTH + " characters rcl allows";
        }
        return name.equals("/") ? null : TopicNames.absolutePathProblem(name, MAX_ENCLAVE_LENGTH);
    }

    private static String checkedEnclave(String name, String what) {
        String problem = enclaveProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + YamlErrors.shown(name) + " is not a valid enclave name ("
                    + problem + ")");
        }
        return name;
    }

    /** The same settings for another enclave (e.g. from {@code --enclave}). */
    public RosSecurity withEnclave(String name) {
        return new RosSecurity(name == null ? "/" : name, enabled, enforce, keystore, enclaveOverride);
    }

    /** The participant's USER_DATA, as rmw_cyclonedds writes it. */
    public String userData() {
        return "enclave=" + enclave + ";";
    }

    /** {@code Enforce} or {@code Permissive}. */
    public String strategy() {
        return enforce ? "Enforce" : "Permissive";
    }

    /**
     * The enclave's directory: rcl's exact match of the override, else of the enclave, under
     * {@code <keystore>/enclaves}; null without a keystore.
     */
    public Path enclaveDirectory() {
        if (keystore == null) {
            return null;
        }
        String name = enclaveOverride != null ? enclaveOverride : enclave;
        Path enclaves = Path.of(keystore, "enclaves");
        return name.equals("/") ? enclaves : enclaves.resolve(name.substring(1));
    }

    /** What to create: a secured participant with {@code files}, or an unsecured one and the warning to give. */
    public record Plan(DdsSecurity files, String warning) {}

    /**
     * What these settings make of a participant on {@code domainId}.
     *
     * @throws RosSecurityException with Enforce, when the keystore is not set or the enclave's directory or one
     *     of its files is missing (the message names it)
     * @throws org.cponode.ros.dds.DdsUnavailableException if libddsc cannot be loaded (its plugins are looked
     *     for beside it)
     */
    public Plan plan(int domainId) {
        if (!enabled) {
            return new Plan(null, "DDS domain " + domainId + " is open (ROS_SECURITY_ENABLE is not \"true\"): any"
                    + " participant on it can publish to this node's topics and read them; SROS 2 setup: docs/ROS.md");
        }
        String missing = keystore == null ? "ROS_SECURITY_KEYSTORE is not set"
                : DdsSecurity.missingFile(enclaveDirectory());
        if (missing != null) {
            return new Plan(null, unusable(missing, domainId));
        }
        return new Plan(DdsSecurity.forEnclave(enclaveDirectory()), null);
    }

    /**
     * The warning after Cyclone DDS refused to create a participant secured with {@code files}: the file at fault
     * and why when {@link SecurityDiagnosis} finds it, else the enclave's directory and Cyclone's error (its own
     * log names the cause).
     *
     * @throws RosSecurityException with Enforce
     */
    String refused(DdsSecurity files, int domainId, String cycloneError) {
        String why = SecurityDiagnosis.diagnose(files.enclave(), domainId);
        if (why == null) {
            why = "the files in " + files.enclave() + " (" + cycloneError + "; Cyclone's log above says why"
                    + (files.pluginDirectory() == null ? "; no libdds_security_auth.so was found beside libddsc or"
                            + " in its libddsc0debian folder, so its plugins were left to the system loader" : "")
                    + ")";
        }
        return unusable("Cyclone DDS refused " + why, domainId);
    }

    /**
     * The warning for security that cannot be used: Permissive runs unsecured with it; Enforce refuses.
     *
     * @throws RosSecurityException with Enforce
     */
    String unusable(String reason, int domainId) {
        if (enforce) {
            throw new RosSecurityException("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave " + enclave + "): " + reason
                    + "; not starting unsecured");
        }
        return "SROS 2 (ROS_SECURITY_STRATEGY=Permissive, enclave " + enclave + "): " + reason
                + "; running unsecured, DDS domain " + domainId + " is open";
    }
}
