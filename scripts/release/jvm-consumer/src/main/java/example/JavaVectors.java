package example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.munityapps.secrets.ConnectRequest;
import com.munityapps.secrets.MintOptions;
import com.munityapps.secrets.MunitySecretException;
import com.munityapps.secrets.MunitySecrets;
import com.munityapps.secrets.RenewRequest;
import com.munityapps.secrets.SecretKind;
import com.munityapps.secrets.Signer;
import com.munityapps.secrets.VerifiedSecret;
import com.munityapps.secrets.Verifier;
import com.munityapps.secrets.VerifyOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A Java user's program: runs every case of secrets.json (mint byte for byte, verify claims and error codes,
 * key loading) through the installed jar and prints "java: N passed, N failed". Exits 1 on any failure.
 *   java -cp ... example.JavaVectors VECTORS_DIR
 */
public final class JavaVectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path dir;
    private final JsonNode vectors;

    private JavaVectors(Path dir) throws Exception {
        this.dir = dir;
        this.vectors = MAPPER.readTree(Files.readString(dir.resolve("secrets.json")));
    }

    public static void main(String[] args) throws Exception {
        System.out.println("java: " + Platform.describe());
        JavaVectors run = new JavaVectors(Path.of(args[0]));
        int passed = 0;
        List<String> failed = new ArrayList<>();
        for (String section : List.of("mint", "verify", "key_loading")) {
            for (JsonNode c : run.vectors.get(section)) {
                String id = section + "/" + c.get("id").asText();
                try {
                    switch (section) {
                        case "mint": run.mint(c); break;
                        case "verify": run.verify(c); break;
                        default: run.keyLoading(c); break;
                    }
                    passed++;
                } catch (Throwable e) {
                    failed.add(id + ": " + e);
                }
            }
        }
        failed.forEach(f -> System.out.println("java: FAILED " + f));
        System.out.println("java: " + passed + " passed, " + failed.size() + " failed");
        System.exit(failed.isEmpty() && passed > 100 ? 0 : 1);
    }

    private String keyText(String name) throws Exception {
        return Files.readString(dir.resolve(vectors.get("keys").get(name).get("file").asText()), StandardCharsets.UTF_8);
    }

    private static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : Instant.ofEpochSecond(v.asLong());
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    /** The case's error: the exception's code and reason, and its class matching the code's kind. */
    private static void expectError(JsonNode c, Callable<?> call) {
        try {
            call.call();
        } catch (MunitySecretException e) {
            check(c.get("error").asText().equals(e.getCode()), "code " + e.getCode() + " != " + c.get("error"));
            String reason = str(c, "reason");
            if (reason != null) check(reason.equals(e.getReason()), "reason " + e.getReason() + " != " + reason);
            check(e.getKind().equals(e.getCode().split("/")[0]), "kind " + e.getKind());
            String kind = e.getCode().split("/")[0];
            Class<?> expected = Map.<String, Class<?>>of(
                    "INVALID_KEY", MunitySecretException.InvalidKey.class,
                    "INVALID_CLAIM", MunitySecretException.InvalidClaim.class,
                    "MALFORMED_SECRET", MunitySecretException.MalformedSecret.class,
                    "UNSUPPORTED_ALGORITHM", MunitySecretException.UnsupportedAlgorithm.class,
                    "BAD_SIGNATURE", MunitySecretException.BadSignature.class,
                    "UNKNOWN_KEY", MunitySecretException.UnknownKey.class,
                    "EXPIRED", MunitySecretException.Expired.class,
                    "NOT_YET_VALID", MunitySecretException.NotYetValid.class).get(kind);
            check(e.getClass() == expected, "class " + e.getClass() + " for " + kind);
            return;
        } catch (Exception e) {
            throw new AssertionError("not a MunitySecretException: " + e);
        }
        throw new AssertionError("no error; expected " + c.get("error"));
    }

    private void mint(JsonNode c) throws Exception {
        JsonNode claims = c.get("claims");
        JsonNode o = c.get("options");
        MintOptions.Builder b = MintOptions.builder();
        if (o.has("expires_in")) b.expiresIn(Duration.ofSeconds(o.get("expires_in").asLong()));
        if (o.has("expires_at")) b.expiresAt(Instant.ofEpochSecond(o.get("expires_at").asLong()));
        if (o.path("no_expiry").asBoolean(false)) b.noExpiry();
        b.now(instant(o, "now")).keyId(str(o, "key_id"));
        MintOptions options = b.build();
        try (Signer signer = new Signer(keyText(c.get("key").asText()))) {
            Callable<String> mint = () -> "renew".equals(c.get("kind").asText())
                    ? signer.renewSecret(new RenewRequest(str(claims, "customer_id"), str(claims, "workspace_id"),
                            str(claims, "integration_id"), str(claims, "name")), options)
                    : signer.connectSecret(new ConnectRequest(str(claims, "customer_id"), str(claims, "workspace_id"),
                            str(claims, "name")), options);
            if ("valid".equals(c.get("result").asText())) {
                check(c.get("secret").asText().equals(mint.call()), "secret bytes differ");
            } else {
                expectError(c, mint);
            }
        }
    }

    /** One verifier over every key file of a case: PEM texts as a list; JWK files merged into one set. */
    private Verifier verifierFor(JsonNode names) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode n : names) texts.add(keyText(n.asText()));
        if (texts.stream().noneMatch(t -> t.strip().startsWith("{"))) return new Verifier(String.join("\n", texts));
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (String t : texts) {
            JsonNode node = MAPPER.readTree(t);
            if (node.has("keys")) all.addAll((ArrayNode) node.get("keys")); else all.add(node);
        }
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.set("keys", all);
        return new Verifier(MAPPER.writeValueAsString(set));
    }

    private void verify(JsonNode c) throws Exception {
        JsonNode o = c.get("options");
        VerifyOptions.Builder b = VerifyOptions.builder().now(instant(o, "now"));
        if (o.has("leeway")) b.leeway(Duration.ofSeconds(o.get("leeway").asLong()));
        String expect = str(o, "expect");
        if (expect != null) b.expect("renew".equals(expect) ? SecretKind.RENEW : SecretKind.CONNECT);
        VerifyOptions options = b.build();
        String secret = c.get("secret").asText();
        try (Verifier verifier = verifierFor(c.get("keys"))) {
            if (!"valid".equals(c.get("result").asText())) {
                expectError(c, () -> verifier.verify(secret, options));
                return;
            }
            VerifiedSecret v = verifier.verify(secret, options);
            Map<String, Object> actual = new LinkedHashMap<>();
            actual.put("kind", v.getKind().getWireName());
            actual.put("customer_id", v.getCustomerId());
            actual.put("workspace_id", v.getWorkspaceId());
            actual.put("name", v.getName());
            actual.put("integration_id", v.getIntegrationId());
            actual.put("expires_at", v.getExpiresAt() == null ? null : v.getExpiresAt().getEpochSecond());
            actual.put("issued_at", v.getIssuedAt() == null ? null : v.getIssuedAt().getEpochSecond());
            actual.put("not_before", v.getNotBefore() == null ? null : v.getNotBefore().getEpochSecond());
            actual.put("key_id", v.getKeyId());
            actual.put("fingerprint", v.getFingerprint());
            JsonNode expected = c.get("claims");
            List<String> fields = new ArrayList<>();
            expected.fieldNames().forEachRemaining(fields::add);
            check(fields.equals(new ArrayList<>(actual.keySet())), "claim fields " + fields);
            for (Map.Entry<String, Object> e : actual.entrySet()) {
                String got = MAPPER.valueToTree(e.getValue()).toString();
                check(expected.get(e.getKey()).toString().equals(got), e.getKey() + ": " + got);
            }
        }
    }

    private static String transform(String text, String how) {
        if (how == null) return text;
        switch (how) {
            case "escaped_newlines": return text.replace("\n", "\\n");
            case "double_escaped_newlines": return text.replace("\n", "\\\\n");
            case "quoted": return "\"" + text + "\"";
            case "crlf": return text.replace("\n", "\r\n");
            case "base64": return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            case "surrounding_whitespace": return "  \n" + text + "  \n";
            default: throw new AssertionError("unknown transform " + how);
        }
    }

    private void keyLoading(JsonNode c) throws Exception {
        String text = transform(keyText(c.get("key").asText()), str(c, "transform"));
        Callable<String> load = "signer".equals(c.get("role").asText())
                ? () -> { try (Signer s = new Signer(text)) { return s.getFingerprint(); } }
                : () -> { try (Verifier v = new Verifier(text)) { return v.getFingerprints().get(0); } };
        if ("valid".equals(c.get("result").asText())) {
            check(c.get("fingerprint").asText().equals(load.call()), "fingerprint");
        } else {
            expectError(c, load);
        }
    }
}
