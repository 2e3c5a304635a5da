package com.munityapps.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API as a Java caller uses it: no Kotlin types, builders and static factories, plain getters. */
class JavaApiTest {
    static final String WORKSPACE = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
    static final String INTEGRATION = "99999999-8888-4777-a666-555555555555";
    static final Instant NOW = Instant.ofEpochSecond(1_732_752_000L);

    static Signer signer;
    static Verifier verifier;

    static Path vectors() {
        return Path.of(System.getProperty("munity.repoRoot", "..")).toAbsolutePath().normalize().resolve("tests/vectors");
    }

    static String key(String file) throws IOException {
        return Files.readString(vectors().resolve("keys").resolve(file));
    }

    @BeforeAll
    static void open() throws IOException {
        signer = new Signer(key("TEST-ONLY-main-private-pkcs8.pem"));
        verifier = new Verifier(key("TEST-ONLY-main-public-spki.pem"));
    }

    @AfterAll
    static void close() {
        signer.close();
        verifier.close();
    }

    @Test
    void mintsTheConformanceBytesWithTheBuilder() throws IOException {
        JsonNode all = new ObjectMapper().readTree(vectors().resolve("secrets.json").toFile());
        int checked = 0;
        for (JsonNode c : all.get("mint")) {
            JsonNode o = c.get("options");
            if (!c.get("result").asText().equals("valid") || !c.get("key").asText().equals("main_private_pkcs8")
                    || !o.has("expires_in") || !o.has("now")) {
                continue;
            }
            JsonNode claims = c.get("claims");
            MintOptions.Builder options = MintOptions.builder()
                    .expiresIn(Duration.ofSeconds(o.get("expires_in").asLong()))
                    .now(Instant.ofEpochSecond(o.get("now").asLong()));
            if (o.has("key_id")) {
                options.keyId(o.get("key_id").asText());
            }
            String name = claims.has("name") ? claims.get("name").asText() : null;
            String workspace = claims.get("workspace_id").asText();
            String customer = claims.get("customer_id").asText();
            String secret = c.get("kind").asText().equals("renew")
                    ? signer.renewSecret(new RenewRequest(customer, workspace, claims.get("integration_id").asText(), name), options.build())
                    : signer.connectSecret(new ConnectRequest(customer, workspace, name), options.build());
            assertEquals(c.get("secret").asText(), secret, c.get("id").asText());
            checked++;
        }
        assertTrue(checked >= 2, "vectors with expires_in and now: " + checked);
    }

    @Test
    void boundSignerMintsAndVerifiesWithExpectAndLeeway() throws IOException {
        try (Signer bound = new Signer(key("TEST-ONLY-main-private-pkcs8.pem"), WORKSPACE.toUpperCase());
             Verifier own = bound.verifier()) {
            assertEquals(WORKSPACE, bound.getWorkspaceId());
            assertEquals(signer.getFingerprint(), bound.getFingerprint());
            MintOptions tenMinutes = MintOptions.builder().expiresIn(Duration.ofMinutes(10)).now(NOW).build();
            String renew = bound.renewSecret(new RenewRequest("customer1234", INTEGRATION), tenMinutes);

            VerifiedSecret v = own.verify(renew, VerifyOptions.builder().expect(SecretKind.RENEW).now(NOW).build());
            assertEquals(SecretKind.RENEW, v.getKind());
            assertEquals("customer1234", v.getCustomerId());
            assertEquals(WORKSPACE, v.getWorkspaceId());
            assertEquals(INTEGRATION, v.getIntegrationId());
            assertEquals(NOW.plusSeconds(600), v.getExpiresAt());
            assertNull(v.getName());
            assertEquals(bound.getFingerprint(), v.getFingerprint());

            // Within the default leeway (60 s) after exp it passes; with a leeway of zero it is Expired.
            Instant late = NOW.plusSeconds(630);
            own.verify(renew, VerifyOptions.builder().now(late).build());
            MunitySecretException.Expired e = assertThrows(MunitySecretException.Expired.class,
                    () -> own.verify(renew, VerifyOptions.builder().now(late).leeway(Duration.ZERO).build()));
            assertEquals("EXPIRED", e.getCode());
            assertEquals("EXPIRED", e.getKind());
            assertNull(e.getClaim());
            assertNull(e.getReason());
            assertEquals(NOW.plusSeconds(600), e.getExpiresAt());
            assertEquals(late, e.getNow());
            assertEquals(Duration.ZERO, e.getLeeway());

            // expect: a renew secret where a connect secret is required.
            MunitySecretException.InvalidClaim kind = assertThrows(MunitySecretException.InvalidClaim.class,
                    () -> own.verify(renew, VerifyOptions.expecting(SecretKind.CONNECT)));
            assertEquals("integration_id", kind.getClaim());
            assertEquals("wrong_kind", kind.getReason());

            // Another workspace than the bound one.
            MunitySecretException.InvalidClaim other = assertThrows(MunitySecretException.InvalidClaim.class,
                    () -> bound.connectSecret(new ConnectRequest("c1", "00000000-0000-0000-0000-000000000000")));
            assertEquals("INVALID_CLAIM/workspace_id", other.getCode());
            assertEquals("other_workspace", other.getReason());
        }
    }

    @Test
    void staticFactoriesAndDefaults() {
        assertEquals(Duration.ofHours(1), MunitySecrets.DEFAULT_EXPIRES_IN);
        assertEquals(Duration.ofSeconds(60), MunitySecrets.DEFAULT_LEEWAY);
        assertEquals("MUNITY_CERTIFICATE", MunitySecrets.CERTIFICATE_ENV);
        assertEquals("MUNITY_WORKSPACE_ID", MunitySecrets.WORKSPACE_ID_ENV);
        assertEquals("MUNITY_PUBLIC_KEY", MunitySecrets.PUBLIC_KEY_ENV);
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), MunitySecrets.MAX_NUMERIC_DATE);
        assertEquals(2048, MunitySecrets.DEFAULT_KEY_BITS);

        ConnectRequest request = new ConnectRequest("c1", WORKSPACE);
        VerifyOptions at = VerifyOptions.builder().now(NOW).build();
        // Expires in one hour when nothing is said.
        String byDefault = signer.connectSecret(request, MintOptions.builder().now(NOW).build());
        assertEquals(NOW.plusSeconds(3600), verifier.verify(byDefault, at).getExpiresAt());
        assertEquals(byDefault, signer.connectSecret(request, MintOptions.builder().expiresIn(Duration.ofHours(1)).now(NOW).build()));
        // No expiry is an explicit choice.
        String never = signer.connectSecret(request, MintOptions.builder().noExpiry().now(NOW).build());
        assertNull(verifier.verify(never, at).getExpiresAt());
        assertNull(verifier.verify(signer.connectSecret(request, MintOptions.noExpiry())).getExpiresAt());
        // An absolute expiry.
        Instant when = Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertEquals(when, verifier.verify(signer.connectSecret(request, MintOptions.expiringAt(when))).getExpiresAt());
        // The one-call functions give the same bytes as the objects.
        MintOptions fixed = MintOptions.builder().expiresIn(Duration.ofMinutes(5)).now(NOW).build();
        String once = MunitySecrets.connectSecret(keyUnchecked("TEST-ONLY-main-private-pkcs8.pem"), request, fixed);
        assertEquals(signer.connectSecret(request, fixed), once);
        assertEquals("c1", MunitySecrets.verifySecret(keyUnchecked("TEST-ONLY-main-public-spki.pem"), once, at).getCustomerId());
        assertEquals(MunitySecrets.getVersion(), MunitySecrets.nativeVersion());
    }

    static String keyUnchecked(String file) {
        try {
            return key(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyExceptionSubclassWithItsFields() throws IOException {
        MunitySecretException.InvalidKey invalidKey = assertThrows(MunitySecretException.InvalidKey.class,
                () -> new Signer(key("TEST-ONLY-main-public-spki.pem")));
        assertEquals("INVALID_KEY/not_private", invalidKey.getCode());
        assertEquals("INVALID_KEY", invalidKey.getKind());
        assertEquals("not_private", invalidKey.getReason());
        assertNull(invalidKey.getClaim());

        MunitySecretException.InvalidClaim claim = assertThrows(MunitySecretException.InvalidClaim.class,
                () -> signer.connectSecret(new ConnectRequest("customer-1234", WORKSPACE)));
        assertEquals("INVALID_CLAIM/customer_id", claim.getCode());
        assertEquals("INVALID_CLAIM", claim.getKind());
        assertEquals("customer_id", claim.getClaim());
        assertEquals("invalid_character", claim.getReason());

        // Options are checked by the core like claims: never truncated, never an IllegalArgumentException.
        MunitySecretException.InvalidClaim fractional = assertThrows(MunitySecretException.InvalidClaim.class,
                () -> signer.connectSecret(new ConnectRequest("c1", WORKSPACE), MintOptions.expiringIn(Duration.ofMillis(500))));
        assertEquals("expires_in", fractional.getClaim());
        assertEquals("fractional", fractional.getReason());
        MunitySecretException.InvalidClaim leeway = assertThrows(MunitySecretException.InvalidClaim.class,
                () -> verifier.verify("a.b.c", VerifyOptions.builder().leeway(Duration.ofSeconds(-1)).build()));
        assertEquals("INVALID_CLAIM/leeway", leeway.getCode());
        assertEquals("out_of_range", leeway.getReason());

        MunitySecretException.MalformedSecret malformed = assertThrows(MunitySecretException.MalformedSecret.class,
                () -> verifier.verify("not a secret"));
        assertEquals("MALFORMED_SECRET", malformed.getCode());
        assertEquals("MALFORMED_SECRET", malformed.getKind());
        assertNull(malformed.getReason());

        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"customer_id\":\"c1\"}") + ".";
        MunitySecretException.UnsupportedAlgorithm alg = assertThrows(MunitySecretException.UnsupportedAlgorithm.class,
                () -> verifier.verify(none));
        assertEquals("UNSUPPORTED_ALGORITHM", alg.getCode());
        assertTrue(alg.getAlgorithm().contains("none"));

        try (Signer other = new Signer(key("TEST-ONLY-other-private-pkcs8.pem"))) {
            String foreign = other.connectSecret(new ConnectRequest("c1", WORKSPACE));
            MunitySecretException.BadSignature bad = assertThrows(MunitySecretException.BadSignature.class,
                    () -> verifier.verify(foreign));
            assertEquals("BAD_SIGNATURE", bad.getCode());
        }

        String withKid = signer.connectSecret(new ConnectRequest("c1", WORKSPACE), MintOptions.builder().keyId("nope").build());
        MunitySecretException.UnknownKey unknown = assertThrows(MunitySecretException.UnknownKey.class,
                () -> verifier.verify(withKid));
        assertEquals("UNKNOWN_KEY", unknown.getCode());
        assertEquals("nope", unknown.getKeyId());

        String notYet = Peers.INSTANCE.nimbusSign(key("TEST-ONLY-main-private-pkcs8.pem"),
                java.util.Map.of("customer_id", "c1", "workspace_id", WORKSPACE, "nbf", 2_000_000_000L));
        MunitySecretException.NotYetValid early = assertThrows(MunitySecretException.NotYetValid.class,
                () -> verifier.verify(notYet, VerifyOptions.builder().now(NOW).build()));
        assertEquals("NOT_YET_VALID", early.getCode());
        assertEquals(Instant.ofEpochSecond(2_000_000_000L), early.getNotBefore());
        assertEquals(NOW, early.getNow());
        assertEquals(Duration.ofSeconds(60), early.getLeeway());

        // One catch clause for all of them: every one is a MunitySecretException (unchecked).
        try {
            verifier.verify("x");
        } catch (MunitySecretException e) {
            assertTrue(e instanceof MunitySecretException.MalformedSecret);
            assertTrue(e instanceof RuntimeException);
        }
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void verifierFromSeveralTextsAndJwks() throws IOException {
        try (Verifier both = new Verifier(List.of(key("TEST-ONLY-main-public-spki.pem"), key("TEST-ONLY-other-public-spki.pem")));
             Verifier jwks = Verifier.fromJwks(key("TEST-ONLY-rotation-jwks.json"))) {
            assertEquals(2, both.getFingerprints().size());
            assertEquals(signer.getFingerprint(), both.getFingerprints().get(0));
            assertEquals(java.util.Arrays.asList(null, null), both.getKeyIds());
            assertEquals("c1", both.verify(signer.connectSecret(new ConnectRequest("c1", WORKSPACE))).getCustomerId());
            assertEquals(jwks.getFingerprints().size(), jwks.getKeyIds().size());
            assertTrue(jwks.getKeyIds().stream().allMatch(id -> id != null));
        }
        MunitySecretException.InvalidKey none = assertThrows(MunitySecretException.InvalidKey.class, () -> new Verifier(List.of()));
        assertEquals("no_key", none.getReason());
    }
}
