package com.munityapps.secrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.munityapps.secrets.Verifier;
import com.munityapps.secrets.spring.testapp.filter.FilterPrincipalApplication;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without Spring Security (the principal from a servlet filter), on another path and with another lifetime.
 */
@SpringBootTest(classes = FilterPrincipalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"munity.endpoint.enabled=true", "munity.endpoint.path=/api/munity-secret",
                "munity.expires-in=10m", "server.address=127.0.0.1"})
class FilterPrincipalEndpointTest {

    @DynamicPropertySource
    static void munity(DynamicPropertyRegistry registry) {
        registry.add("munity.certificate", TestKeys.PAIR::getPrivateKeyPem);
        registry.add("munity.workspace-id", () -> TestKeys.WORKSPACE);
    }

    @LocalServerPort
    int port;

    @Autowired
    Verifier verifier;

    @Test
    void mintsOnTheConfiguredPathWithTheConfiguredLifetime() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = Http.get(port, "/api/munity-secret?connector=jira",
                FilterPrincipalApplication.USER_HEADER, "bob@example.com");
        Instant after = Instant.now();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        JsonNode body = Http.json(response);
        var claims = verifier.verify(body.get("secret").asText());
        // printf bob@example.com | sha256sum
        assertThat(claims.getCustomerId()).isEqualTo("5ff860bf1190596c7188ab851db691f0f3169c453936e9e1eba2f9a47f7a0018");
        Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
        assertThat(expiresAt).isEqualTo(claims.getExpiresAt());
        assertThat(expiresAt).isBetween(before.plusSeconds(600), after.plusSeconds(600));
    }

    @Test
    void noPrincipalIs401() throws Exception {
        HttpResponse<String> response = Http.get(port, "/api/munity-secret?connector=jira");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(Http.json(response).get("error").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void theDefaultPathIsNotServed() throws Exception {
        assertThat(Http.get(port, "/munity/secret?connector=jira", FilterPrincipalApplication.USER_HEADER, "bob")
                .statusCode()).isEqualTo(404);
    }
}
