package com.munityapps.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** java.security keys, as nimbus and jjwt users hold them: their encoded form goes to the core, whose rules apply. */
class JavaKeysTest {
    static byte[] der(String pem) {
        StringBuilder body = new StringBuilder();
        for (String line : pem.split("\n")) {
            if (!line.startsWith("-----")) {
                body.append(line.trim());
            }
        }
        return Base64.getDecoder().decode(body.toString());
    }

    static PrivateKey privateKey(String file) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(JavaApiTest.key(file))));
    }

    @Test
    void privateAndPublicKeysFromTheJdk() throws Exception {
        String pem = JavaApiTest.key("TEST-ONLY-main-private-pkcs8.pem");
        try (Signer fromPem = new Signer(pem);
             Signer fromKey = new Signer(privateKey("TEST-ONLY-main-private-pkcs8.pem"), JavaApiTest.WORKSPACE)) {
            assertEquals(fromPem.getFingerprint(), fromKey.getFingerprint());
            ConnectRequest request = new ConnectRequest("c1", JavaApiTest.WORKSPACE);
            MintOptions options = MintOptions.builder().now(JavaApiTest.NOW).build();
            assertEquals(fromPem.connectSecret(request, options), fromKey.connectSecret(new ConnectRequest("c1"), options));
        }

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        try (Signer signer = new Signer(pair.getPrivate());
             Verifier verifier = new Verifier(pair.getPublic());
             Verifier several = Verifier.fromPublicKeys(List.of(pair.getPublic(), generator.generateKeyPair().getPublic()))) {
            assertEquals(List.of(signer.getFingerprint()), verifier.getFingerprints());
            String secret = signer.connectSecret(new ConnectRequest("c1", JavaApiTest.WORKSPACE));
            assertEquals("c1", verifier.verify(secret).getCustomerId());
            assertEquals(signer.getFingerprint(), several.verify(secret).getFingerprint());
        }
    }

    @Test
    void x509Certificate() throws Exception {
        String pem = JavaApiTest.key("TEST-ONLY-main-certificate.pem");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        try (Verifier fromCertificate = new Verifier(certificate);
             Verifier fromList = Verifier.fromCertificates(List.of(certificate));
             Signer signer = new Signer(JavaApiTest.key("TEST-ONLY-main-private-pkcs8.pem"))) {
            assertEquals(List.of(signer.getFingerprint()), fromCertificate.getFingerprints());
            assertEquals(fromCertificate.getFingerprints(), fromList.getFingerprints());
        }
    }

    @Test
    void theCoresRulesStillApply() throws Exception {
        // Not RSA: the core's InvalidKey/not_rsa.
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecPair = ec.generateKeyPair();
        assertEquals("not_rsa", assertThrows(MunitySecretException.InvalidKey.class, () -> new Signer(ecPair.getPrivate())).getReason());
        assertEquals("not_rsa", assertThrows(MunitySecretException.InvalidKey.class, () -> new Verifier(ecPair.getPublic())).getReason());
        // Too small.
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        PrivateKey small = rsa.generateKeyPair().getPrivate();
        assertEquals("INVALID_KEY/too_small", assertThrows(MunitySecretException.InvalidKey.class, () -> new Signer(small)).getCode());
        // A key that cannot be exported (a hardware keystore's): no encoding, the core's InvalidKey.
        PrivateKey opaque = new OpaqueKey(null);
        assertEquals("INVALID_KEY/no_key", assertThrows(MunitySecretException.InvalidKey.class, () -> new Signer(opaque)).getCode());
        // An encrypted PKCS#8 structure posing as a private key's encoding: the core's InvalidKey.
        PrivateKey encrypted = new OpaqueKey(der(JavaApiTest.key("TEST-ONLY-main-private-encrypted.pem")));
        assertEquals("INVALID_KEY/malformed", assertThrows(MunitySecretException.InvalidKey.class, () -> new Signer(encrypted)).getCode());
    }

    /** A PrivateKey whose encoding is whatever it is given. */
    static final class OpaqueKey implements PrivateKey {
        private final byte[] encoded;

        OpaqueKey(byte[] encoded) {
            this.encoded = encoded;
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return encoded == null ? null : "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            return encoded;
        }
    }
}
