package com.munityapps.secrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.munityapps.secrets.SecretKind;
import com.munityapps.secrets.VerifiedSecret;
import com.munityapps.secrets.Verifier;
import com.munityapps.secrets.VerifyOptions;
import com.munityapps.secrets.spring.testapp.secured.SecuredApplication;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The endpoint in a Spring Security application (HTTP Basic), over real HTTP on a loopback port. */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"munity.endpoint.enabled=true", "server.address=127.0.0.1"})
@ExtendWith(OutputCaptureExtension.class)
class SecuredEndpointTest {

    @DynamicPropertySource
    static void munity(DynamicPropertyRegistry registry) {
        registry.add("munity.certificate", TestKeys.PAIR::getPrivateKeyPem);
        registry.add("munity.workspace-id", () -> TestKeys.WORKSPACE);
    }

    @LocalServerPort
    int port;

    @Autowired
    Verifier verifier;

    private HttpResponse<String> get(String query, String... headers) throws Exception {
        return Http.get(port, "/munity/secret" + query, headers);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotEmpty();
        assertThat(body.has("secret")).isFalse();
    }

    @Test
    void mintsForTheAuthenticatedUser() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = get("?connector=jira", "Authorization", Http.basic("alice", "alice-password"));
        Instant after = Instant.now();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Http.json(response);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("secret", "expiresAt");

        VerifiedSecret claims = verifier.verify(body.get("secret").asText(), VerifyOptions.expecting(SecretKind.CONNECT));
        // The default CustomerIdResolver: hex SHA-256 of the principal's name ("alice").
        assertThat(claims.getCustomerId()).isEqualTo("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90");
        assertThat(claims.getWorkspaceId()).isEqualTo(TestKeys.WORKSPACE);
        assertThat(claims.getName()).isNull();

        // expiresAt: ISO 8601 UTC, equal to the secret's exp, one hour (the default) after the request.
        String expiresAt = body.get("expiresAt").asText();
        assertThat(expiresAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(expiresAt)).isEqualTo(claims.getExpiresAt());
        assertThat(claims.getExpiresAt()).isBetween(before.plusSeconds(3600), after.plusSeconds(3600));
    }

    @Test
    void unauthenticatedIs401() throws Exception {
        assertError(get("?connector=jira"), 401, "UNAUTHENTICATED");
    }

    @Test
    void userWithoutCustomerIs401() throws Exception {
        assertError(get("?connector=jira", "Authorization", Http.basic("nobody", "nobody-password")), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void badCredentialsAreSpringSecuritys401() throws Exception {
        HttpResponse<String> response = get("?connector=jira", "Authorization", Http.basic("alice", "wrong"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).has("secret")).isFalse();
    }

    @Test
    void connectorMustBeGivenOnceAndFollowTheRule() throws Exception {
        String alice = Http.basic("alice", "alice-password");
        for (String query : new String[] {"", "?connector=", "?connector=jira&connector=slack", "?connector=a%20b",
                "?connector=" + "x".repeat(65)}) {
            assertError(get(query, "Authorization", alice), 400, "INVALID_CONNECTOR");
        }
        assertThat(get("?connector=" + "x".repeat(64), "Authorization", alice).statusCode()).isEqualTo(200);
        assertThat(get("?connector=google-drive.v2_x", "Authorization", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void customerIdTheCoreRefusesIs500AndLogged(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("?connector=jira", "Authorization", Http.basic("mallory", "mallory-password"));
        assertError(response, 500, "SECRET_UNAVAILABLE");
        assertThat(response.body()).doesNotContain("customer-1234");
        assertThat(output.getAll()).contains("munity-secrets: no secret minted: INVALID_CLAIM/customer_id");
    }
}
