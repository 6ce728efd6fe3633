package org.cponode.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for an {@code ssl://} broker from PEM files: the CA certificate(s) to trust
 * and, for mutual TLS, a client certificate with its unencrypted PKCS#8 key (what {@code openssl genpkey}
 * writes; convert a PKCS#1 "RSA PRIVATE KEY" with {@code openssl pkcs8 -topk8 -nocrypt}). Hostname
 * verification stays on (set by {@link FleetConnection}).
 */
final class TlsContexts {

    private static final Pattern PKCS8_PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** A keystore needs some password, even in memory; this one never leaves the process. */
    private static final char[] IN_MEMORY_PASSWORD = "cponode-fleet".toCharArray();

    private TlsContexts() {
    }

    /**
     * @param config a configuration with an {@code ssl://} broker.
     * @return the socket factory, trusting only {@link FleetConfig#tlsCaFile()} if set, else the JVM defaults.
     * @throws IllegalArgumentException if a PEM file cannot be read or parsed (the message names the file).
     */
    static SSLSocketFactory socketFactory(FleetConfig config) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.tlsCaFile() != null) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                int n = 0;
                for (Certificate ca : readCertificates("fleet.tls.ca_file", config.tlsCaFile())) {
                    trusted.setCertificateEntry("ca-" + n++, ca);
                }
                trust.init(trusted);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (config.tlsCertFile() != null) {
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                Certificate[] chain = readCertificates("fleet.tls.cert_file", config.tlsCertFile())
                        .toArray(Certificate[]::new);
                PrivateKey key = readPrivateKey(config.tlsKeyFile(), chain[0].getPublicKey().getAlgorithm());
                identity.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, IN_MEMORY_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for " + config.brokerUri() + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(String parameter, Path file)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(parameter + " " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(parameter + " " + file + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PKCS8_PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("fleet.tls.key_file " + file + " is not an unencrypted PKCS#8 PEM key"
                    + " (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("fleet.tls.key_file " + file + " is not a " + algorithm
                    + " key matching fleet.tls.cert_file: " + e.getMessage(), e);
        }
    }
}
