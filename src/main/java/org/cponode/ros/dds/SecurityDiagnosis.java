package org.cponode.ros.dds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Which file of an enclave Cyclone DDS's security plugins refuse, and why, found with the JDK alone, so that a
 * refused participant is reported as one line naming the file. Advisory only: it runs after Cyclone refused and
 * never decides whether a participant is secured (Cyclone's plugins do, with OpenSSL); when it finds nothing the
 * caller says so and points at Cyclone's own log.
 *
 * <p>What it checks, in this order: the files exist; the three certificates are PEM X.509; {@code cert.pem} is
 * signed by {@code identity_ca.cert.pem} and valid today; {@code key.pem} is an unencrypted PEM key and (PKCS#8,
 * as SROS 2 writes it) belongs to {@code cert.pem}; governance and permissions are S/MIME {@code multipart/signed}
 * documents whose PKCS#7 signature is by {@code permissions_ca.cert.pem} over their content; the governance has a
 * rule for the domain; the permissions have a grant for {@code cert.pem}'s subject that is valid today and names
 * the domain.
 */
public final class SecurityDiagnosis {

    private static final HexFormat HEX = HexFormat.of();
    /** Encoded OIDs (content bytes of the DER OBJECT IDENTIFIER). */
    private static final String OID_SIGNED_DATA = "2a864886f70d010702";
    private static final String OID_MESSAGE_DIGEST = "2a864886f70d010904";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DATE = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.\\d{1,12})?(Z|[+-]\\d\\d:\\d\\d)?");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private SecurityDiagnosis() {}

    /**
     * The first problem with the enclave's files for a participant on {@code domainId}, as
     * {@code "<file>: <problem>"}, or null if none is found here.
     */
    public static String diagnose(Path enclave, int domainId) {
        String missing = DdsSecurity.missingFile(enclave);
        if (missing != null) {
            return missing;
        }
        try {
            return new SecurityDiagnosis.Run(enclave.toAbsolutePath().normalize(), domainId).firstProblem();
        } catch (Problem p) {
            return p.getMessage();
        }
    }

    /** A problem with one file: its message is the diagnosis line. */
    private static final class Problem extends Exception {
        Problem(Path file, String what) {
            super(file + ": " + what, null, false, false);
        }
    }

    private record Run(Path dir, int domainId) {

        String firstProblem() throws Problem {
            X509Certificate identityCa = certificate(DdsSecurity.IDENTITY_CA);
            X509Certificate cert = certificate(DdsSecurity.CERTIFICATE);
            Path certFile = dir.resolve(DdsSecurity.CERTIFICATE);
            if (!signedBy(cert, identityCa)) {
                throw new Problem(certFile, "not signed by " + DdsSecurity.IDENTITY_CA + " (issuer "
                        + cert.getIssuerX500Principal().getName() + "; a certificate from another CA?)");
            }
            try {
                cert.checkValidity();
            } catch (CertificateExpiredException e) {
                throw new Problem(certFile, "expired on " + cert.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new Problem(certFile, "not valid before " + cert.getNotBefore().toInstant());
            }
            checkKey(cert);
            X509Certificate permissionsCa = certificate(DdsSecurity.PERMISSIONS_CA);
            Element governance = signedDocument(DdsSecurity.GOVERNANCE, permissionsCa, "domain_access_rules");
            if (rulesFor(governance, "domain_rule").isEmpty()) {
                throw new Problem(dir.resolve(DdsSecurity.GOVERNANCE), "has no domain_rule for DDS domain " + domainId);
            }
            Element permissions = signedDocument(DdsSecurity.PERMISSIONS, permissionsCa, "permissions");
            checkGrant(permissions, cert);
            return null;
        }

        private X509Certificate certificate(String name) throws Problem {
            Path file = dir.resolve(name);
            byte[] der = pem(file, "CERTIFICATE");
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
            } catch (GeneralSecurityException e) {
                throw new Problem(file, "not an X.509 certificate (" + e.getMessage() + ")");
            }
        }

        /** The DER bytes of the first PEM block of {@code type} in {@code file}. */
        private static byte[] pem(Path file, String type) throws Problem {
            String text = read(file);
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(type)) {
                    try {
                        return Base64.getMimeDecoder().decode(m.group(2));
                    } catch (IllegalArgumentException e) {
                        throw new Problem(file, "its PEM " + type + " block is not valid base64");
                    }
                }
            }
            throw new Problem(file, "has no PEM " + type + " block (-----BEGIN " + type + "-----)");
        }

        private static String read(Path file) throws Problem {
            try {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new Problem(file, "cannot be read (" + e.getMessage() + ")");
            }
        }

        private void checkKey(X509Certificate cert) throws Problem {
            Path file = dir.resolve(DdsSecurity.PRIVATE_KEY);
            String text = read(file);
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new Problem(file, "is encrypted; SROS 2 keys are unencrypted and the node passes no password");
            }
            if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
                if (!text.matches("(?s).*-----BEGIN [A-Z]+ PRIVATE KEY-----.*")) {
                    throw new Problem(file, "has no PEM private key");
                }
                return; // SEC1 or PKCS#1: OpenSSL reads those; the JDK cannot tell whether it matches
            }
            PublicKey publicKey = cert.getPublicKey();
            PrivateKey key;
            try {
                key = KeyFactory.getInstance(publicKey.getAlgorithm())
                        .generatePrivate(new PKCS8EncodedKeySpec(pem(file, "PRIVATE KEY")));
            } catch (GeneralSecurityException e) {
                throw new Problem(file, "not a " + publicKey.getAlgorithm() + " private key as cert.pem's ("
                        + e.getMessage() + ")");
            }
            try {
                String algorithm = "SHA256with" + (publicKey.getAlgorithm().equals("EC") ? "ECDSA" : "RSA");
                byte[] probe = new byte[32];
                new SecureRandom().nextBytes(probe);
                Signature s = Signature.getInstance(algorithm);
                s.initSign(key);
                s.update(probe);
                byte[] signature = s.sign();
                s.initVerify(publicKey);
                s.update(probe);
                if (!s.verify(signature)) {
                    throw new Problem(file, "does not belong to " + DdsSecurity.CERTIFICATE);
                }
            } catch (GeneralSecurityException e) {
                throw new Problem(file, "cannot sign with it (" + e.getMessage() + ")");
            }
        }

        /**
         * The root element of the S/MIME document {@code name}, once its PKCS#7 signature verifies against
         * {@code ca} and its root holds {@code section}.
         */
        private Element signedDocument(String name, X509Certificate ca, String section) throws Problem {
            Path file = dir.resolve(name);
            Smime smime = Smime.parse(file, read(file));
            smime.verify(file, ca);
            Document doc;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(smime.xml()));
            } catch (ParserConfigurationException | SAXException | IOException e) {
                throw new Problem(file, "its signed content is not XML (" + e.getMessage() + ")");
            }
            Element root = doc.getDocumentElement();
            Element body = child(root, section);
            if (!root.getTagName().equals("dds") || body == null) {
                throw new Problem(file, "its signed XML is not <dds><" + section + ">… (the other file's content?)");
            }
            return body;
        }

        private void checkGrant(Element permissions, X509Certificate cert) throws Problem {
            Path file = dir.resolve(DdsSecurity.PERMISSIONS);
            X500Principal subject = cert.getSubjectX500Principal();
            for (Element grant : children(permissions, "grant")) {
                Element subjectName = child(grant, "subject_name");
                if (subjectName == null || !sameSubject(subjectName.getTextContent().strip(), subject)) {
                    continue;
                }
                Element validity = child(grant, "validity");
                Instant notBefore = time(file, subject, validity, "not_before");
                Instant notAfter = time(file, subject, validity, "not_after");
                Instant now = Instant.now();
                if (now.isBefore(notBefore) || now.isAfter(notAfter)) {
                    throw new Problem(file, "the grant for " + subject.getName() + " is valid only from " + notBefore
                            + " to " + notAfter);
                }
                List<Element> rules = rulesFor(grant, "allow_rule");
                rules.addAll(rulesFor(grant, "deny_rule"));
                if (rules.isEmpty()) {
                    throw new Problem(file, "the grant for " + subject.getName() + " has no rule for DDS domain "
                            + domainId);
                }
                return;
            }
            throw new Problem(file, "has no grant for " + DdsSecurity.CERTIFICATE + "'s subject " + subject.getName());
        }

        private static boolean sameSubject(String name, X500Principal subject) {
            try {
                return new X500Principal(name).equals(subject);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * The grant's {@code tag} time, read as Cyclone reads it: {@code YYYY-MM-DDTHH:MM:SS}, optional fraction,
         * optional {@code Z} or {@code ±HH:MM}; anything else Cyclone takes as invalid.
         */
        private static Instant time(Path file, X500Principal subject, Element validity, String tag) throws Problem {
            Element e = validity == null ? null : child(validity, tag);
            String text = e == null ? "" : e.getTextContent().strip();
            Matcher m = XML_DATE.matcher(text);
            if (!m.matches()) {
                throw new Problem(file, "the grant for " + subject.getName() + " has " + tag + " '" + text
                        + "', not of the form 2030-01-01T00:00:00 that Cyclone reads");
            }
            return OffsetDateTime.parse(m.group(1) + (m.group(3) == null || m.group(3).equals("Z") ? "Z" : m.group(3)))
                    .toInstant();
        }

        /** The {@code tag} children of {@code parent} whose {@code <domains>} include this run's domain. */
        private List<Element> rulesFor(Element parent, String tag) {
            List<Element> found = new java.util.ArrayList<>();
            for (Element rule : children(parent, tag)) {
                Element domains = child(rule, "domains");
                if (domains != null && covers(domains)) {
                    found.add(rule);
                }
            }
            return found;
        }

        private boolean covers(Element domains) {
            for (Element id : children(domains, "id")) {
                if (number(id) == domainId) {
                    return true;
                }
            }
            for (Element range : children(domains, "id_range")) {
                Element min = child(range, "min");
                Element max = child(range, "max");
                long lo = min == null ? 0 : number(min);
                long hi = max == null ? Long.MAX_VALUE : number(max);
                if (lo <= domainId && domainId <= hi) {
                    return true;
                }
            }
            return false;
        }

        private static long number(Element e) {
            try {
                return Long.parseLong(e.getTextContent().strip());
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Element child(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.getFirst();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new java.util.ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * An S/MIME {@code multipart/signed} document as {@code openssl smime -sign -text} and sros2 write it: the
     * signed part (a {@code text/plain} header, then the XML) and a detached PKCS#7 signature over that part with
     * its line ends made CRLF, which is how OpenSSL canonicalises text before hashing it.
     */
    private record Smime(String signedPart, byte[] xml, byte[] pkcs7) {

        static Smime parse(Path file, String text) throws Problem {
            int headerEnd = headerEnd(text, 0);
            Matcher b = BOUNDARY.matcher(headerEnd < 0 ? "" : text.substring(0, headerEnd));
            if (headerEnd < 0 || !text.substring(0, headerEnd).toLowerCase(Locale.ROOT).contains("multipart/signed")
                    || !b.find()) {
                throw new Problem(file, "not an S/MIME multipart/signed document (as openssl smime -sign writes)");
            }
            String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
            String[] parts = text.substring(headerEnd).split(Pattern.quote(delimiter), -1);
            if (parts.length < 4) { // preamble, signed part, signature, epilogue after the closing delimiter
                throw new Problem(file, "its S/MIME document lacks the signed part or the signature");
            }
            String signed = stripDelimiterEols(parts[1]);
            String signature = stripDelimiterEols(parts[2]);
            int xmlStart = headerEnd(signed, 0);
            int sigStart = headerEnd(signature, 0);
            if (xmlStart < 0 || sigStart < 0) {
                throw new Problem(file, "its S/MIME parts have no header/body separator");
            }
            byte[] pkcs7;
            try {
                pkcs7 = Base64.getMimeDecoder().decode(signature.substring(sigStart).strip());
            } catch (IllegalArgumentException e) {
                throw new Problem(file, "its PKCS#7 signature is not valid base64");
            }
            return new Smime(signed, signed.substring(xmlStart).getBytes(StandardCharsets.ISO_8859_1), pkcs7);
        }

        /** Index after the blank line that ends a header block, or -1. */
        private static int headerEnd(String text, int from) {
            Matcher m = Pattern.compile("\\r?\\n\\r?\\n").matcher(text);
            return m.find(from) ? m.end() : -1;
        }

        /** A part lies between the EOL after one delimiter line and the EOL before the next delimiter. */
        private static String stripDelimiterEols(String part) {
            String s = part.startsWith("\r\n") ? part.substring(2) : part.startsWith("\n") ? part.substring(1) : part;
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2)
                    : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }

        private static String crlf(String s) {
            return s.replace("\r\n", "\n").replace("\n", "\r\n");
        }

        /** Checks the signature: signer certified by {@code ca}, message digest of the part, signature value. */
        void verify(Path file, X509Certificate ca) throws Problem {
            X509Certificate signer = null;
            try {
                for (Certificate c : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(pkcs7))) {
                    if (c instanceof X509Certificate x && signedBy(x, ca)) {
                        signer = x;
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new Problem(file, "its PKCS#7 signature cannot be read (" + e.getMessage() + ")");
            }
            if (signer == null) {
                throw new Problem(file, "its signature carries no certificate issued by " + DdsSecurity.PERMISSIONS_CA
                        + " (signed with another permissions CA?)");
            }
            SignerInfo info = SignerInfo.first(file, pkcs7);
            try {
                // OpenSSL hashes text with CRLF line ends; the part as stored is tried too, so that a signer that
                // canonicalised differently is not reported as altered
                MessageDigest md = MessageDigest.getInstance(info.digestAlgorithm());
                byte[] canonical = md.digest(crlf(signedPart).getBytes(StandardCharsets.ISO_8859_1));
                byte[] stored = md.digest(signedPart.getBytes(StandardCharsets.ISO_8859_1));
                if (!MessageDigest.isEqual(canonical, info.messageDigest())
                        && !MessageDigest.isEqual(stored, info.messageDigest())) {
                    throw new Problem(file, "its content does not match its signature (changed after signing?)");
                }
                Signature s = Signature.getInstance(info.digestAlgorithm().replace("-", "") + "with"
                        + (signer.getPublicKey().getAlgorithm().equals("EC") ? "ECDSA" : "RSA"));
                s.initVerify(signer.getPublicKey());
                s.update(info.signedAttributes());
                if (!s.verify(info.signature())) {
                    throw new Problem(file, "its PKCS#7 signature value does not verify");
                }
            } catch (GeneralSecurityException e) {
                throw new Problem(file, "its PKCS#7 signature cannot be checked (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * The first SignerInfo of a PKCS#7 SignedData (RFC 2315 §9): digest algorithm, the signed attributes
     * re-tagged as the SET OF that was signed, their messageDigest, and the signature value.
     */
    private record SignerInfo(String digestAlgorithm, byte[] signedAttributes, byte[] messageDigest, byte[] signature) {

        static SignerInfo first(Path file, byte[] der) throws Problem {
            try {
                Der contentInfo = Der.at(der, 0).expect(0x30);
                Der type = contentInfo.firstChild().expect(0x06);
                if (!HEX.formatHex(type.content()).equals(OID_SIGNED_DATA)) {
                    throw new Problem(file, "its PKCS#7 structure is not SignedData");
                }
                Der signedData = type.next().expect(0xa0).firstChild().expect(0x30);
                Der item = signedData.firstChild().expect(0x02); // version
                item = item.next().expect(0x31); // digestAlgorithms
                item = item.next().expect(0x30); // contentInfo
                item = item.next();
                while (item.tag() == 0xa0 || item.tag() == 0xa1) { // certificates, crls
                    item = item.next();
                }
                Der signerInfo = item.expect(0x31).firstChild().expect(0x30);
                Der digestAlg = signerInfo.firstChild().expect(0x02).next().expect(0x30).next().expect(0x30);
                Der attributes = digestAlg.next().expect(0xa0);
                byte[] messageDigest = null;
                for (Der attr = attributes.firstChild(); attr != null; attr = attr.nextOrNull()) {
                    Der oid = attr.expect(0x30).firstChild().expect(0x06);
                    if (HEX.formatHex(oid.content()).equals(OID_MESSAGE_DIGEST)) {
                        messageDigest = oid.next().expect(0x31).firstChild().expect(0x04).content();
                    }
                }
                Der signature = attributes.next().expect(0x30).next().expect(0x04);
                if (messageDigest == null) {
                    throw new Problem(file, "its PKCS#7 signature has no messageDigest attribute");
                }
                byte[] signedAttributes = attributes.encoded();
                signedAttributes[0] = 0x31; // signed as a SET OF, stored with an implicit [0] tag
                return new SignerInfo(digestName(file, digestAlg.firstChild().expect(0x06).content()), signedAttributes,
                        messageDigest, signature.content());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new Problem(file, "its PKCS#7 signature is malformed (" + e.getMessage() + ")");
            }
        }

        private static String digestName(Path file, byte[] oid) throws Problem {
            return switch (HEX.formatHex(oid)) {
                case "608648016503040201" -> "SHA-256";
                case "608648016503040202" -> "SHA-384";
                case "608648016503040203" -> "SHA-512";
                case "2b0e03021a" -> "SHA-1";
                default -> throw new Problem(file, "its signature uses an unknown digest (OID bytes "
                        + HEX.formatHex(oid) + ")");
            };
        }
    }

    /** One DER element inside {@code buf}: tag at {@code start}, content at {@code contentStart} of {@code length}. */
    private record Der(byte[] buf, int start, int contentStart, int length, int limit) {

        static Der at(byte[] buf, int start) {
            return at(buf, start, buf.length);
        }

        static Der at(byte[] buf, int start, int limit) {
            if (start + 2 > limit) {
                throw new IllegalArgumentException("truncated at byte " + start);
            }
            int len = buf[start + 1] & 0xff;
            int p = start + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > limit) {
                    throw new IllegalArgumentException("bad length at byte " + start);
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = len << 8 | buf[p++] & 0xff;
                }
            }
            if (p + len > limit) {
                throw new IllegalArgumentException("element at byte " + start + " overruns its container");
            }
            return new Der(buf, start, p, len, limit);
        }

        int tag() {
            return buf[start] & 0xff;
        }

        Der expect(int tag) {
            if (tag() != tag) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "tag 0x%02x at byte %d, expected 0x%02x",
                        tag(), start, tag));
            }
            return this;
        }

        Der firstChild() {
            return at(buf, contentStart, contentStart + length);
        }

        Der next() {
            return at(buf, contentStart + length, limit);
        }

        Der nextOrNull() {
            return contentStart + length < limit ? next() : null;
        }

        byte[] content() {
            return Arrays.copyOfRange(buf, contentStart, contentStart + length);
        }

        byte[] encoded() {
            return Arrays.copyOfRange(buf, start, contentStart + length);
        }
    }
}
