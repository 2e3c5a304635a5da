package com.munityapps.secrets.spring;

import com.munityapps.secrets.KeyPair;
import com.munityapps.secrets.MunitySecrets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Keys for the tests: one generated pair, shared. */
public final class TestKeys {
    public static final String WORKSPACE = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
    public static final KeyPair PAIR = MunitySecrets.generateKeyPair();

    private TestKeys() {}

    /** A 1024-bit RSA private key, PKCS#8 PEM (the core refuses it: too_small). */
    public static String smallKeyPem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The base64 lines of a PEM (what must never appear in a message or a log). */
    public static String[] bodyLines(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----") && !line.isBlank()).toArray(String[]::new);
    }
}
