package com.munityapps.secrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.munityapps.secrets.SecretKind;
import com.munityapps.secrets.Signer;
import com.munityapps.secrets.VerifiedSecret;
import com.munityapps.secrets.Verifier;
import com.munityapps.secrets.VerifyOptions;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The beans, their conditions and the properties, with Spring Boot's ApplicationContextRunner. */
class AutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS =
            AutoConfigurations.of(MunityAutoConfiguration.class, MunityEndpointAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    private ApplicationContextRunner configured() {
        return runner.withPropertyValues("munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem(),
                "munity.workspace-id=" + TestKeys.WORKSPACE);
    }

    @Test
    void signerVerifierIssuerAndResolverFromProperties() {
        configured().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Signer.class).hasSingleBean(Verifier.class)
                    .hasSingleBean(MunitySecretIssuer.class).hasSingleBean(CustomerIdResolver.class)
                    .doesNotHaveBean(MunitySecretController.class);
            Signer signer = context.getBean(Signer.class);
            assertThat(signer.getWorkspaceId()).isEqualTo(TestKeys.WORKSPACE);
            try (Signer direct = new Signer(TestKeys.PAIR.getPrivateKeyPem())) {
                assertThat(signer.getFingerprint()).isEqualTo(direct.getFingerprint());
            }
            assertThat(context.getBean(Verifier.class).getFingerprints()).containsExactly(signer.getFingerprint());
            assertThat(context.getBean(CustomerIdResolver.class)).isInstanceOf(HashedCustomerIdResolver.class);
        });
    }

    @Test
    void issuesSecretsThatExpireInOneHourByDefault() {
        configured().run(context -> {
            MunitySecretIssuer issuer = context.getBean(MunitySecretIssuer.class);
            assertThat(issuer.getExpiresIn()).isEqualTo(Duration.ofHours(1));
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            IssuedSecret issued = issuer.issue("customer1234");
            Instant after = Instant.now();
            VerifiedSecret claims = context.getBean(Verifier.class)
                    .verify(issued.secret(), VerifyOptions.expecting(SecretKind.CONNECT));
            assertThat(claims.getCustomerId()).isEqualTo("customer1234");
            assertThat(claims.getWorkspaceId()).isEqualTo(TestKeys.WORKSPACE);
            assertThat(claims.getExpiresAt()).isEqualTo(issued.expiresAt());
            assertThat(issued.expiresAt()).isBetween(before.plusSeconds(3600), after.plusSeconds(3600));
            assertThat(issued.toString()).doesNotContain(issued.secret());
        });
    }

    @Test
    void expiresInTakesDurationsAndBareSeconds() {
        configured().withPropertyValues("munity.expires-in=10m").run(context ->
                assertThat(context.getBean(MunitySecretIssuer.class).getExpiresIn()).isEqualTo(Duration.ofSeconds(600)));
        configured().withPropertyValues("munity.expires-in=90").run(context -> {
            MunitySecretIssuer issuer = context.getBean(MunitySecretIssuer.class);
            assertThat(issuer.getExpiresIn()).isEqualTo(Duration.ofSeconds(90));
            IssuedSecret issued = issuer.issue("customer1");
            assertThat(context.getBean(Verifier.class).verify(issued.secret()).getExpiresAt())
                    .isEqualTo(issued.expiresAt());
        });
    }

    @Test
    void readsMunityVariablesFromTheEnvironment() {
        Map<String, Object> environment = Map.of("MUNITY_CERTIFICATE", TestKeys.PAIR.getPrivateKeyPem(),
                "MUNITY_WORKSPACE_ID", TestKeys.WORKSPACE.toUpperCase(), "MUNITY_EXPIRES_IN", "120");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // The core writes the workspace lowercase.
                    assertThat(context.getBean(Signer.class).getWorkspaceId()).isEqualTo(TestKeys.WORKSPACE);
                    assertThat(context.getBean(MunitySecretIssuer.class).getExpiresIn()).isEqualTo(Duration.ofSeconds(120));
                });
    }

    @Test
    void certificateAsEnvironmentVariablesCarryIt() {
        // Literal \n instead of line breaks, in quotes: the core's normalisation reads it.
        String escaped = "\"" + TestKeys.PAIR.getPrivateKeyPem().replace("\n", "\\n") + "\"";
        runner.withPropertyValues("munity.certificate=" + escaped, "munity.workspace-id=" + TestKeys.WORKSPACE)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Signer.class));
    }

    @Test
    void applicationBeansTakePrecedence() {
        Signer own = new Signer(TestKeys.PAIR.getPrivateKeyPem(), TestKeys.WORKSPACE);
        CustomerIdResolver resolver = principal -> "tenant42";
        // No munity.certificate: the application's signer is used, and none is parsed from the properties.
        runner.withBean(Signer.class, () -> own).withBean(CustomerIdResolver.class, () -> resolver).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Signer.class)).isSameAs(own);
            assertThat(context.getBean(CustomerIdResolver.class)).isSameAs(resolver);
            assertThat(context.getBean(MunitySecretIssuer.class).issue("c1").secret()).isNotEmpty();
        });
    }

    @Test
    void endpointOnlyWhenEnabledInAServletApplication() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem(),
                        "munity.workspace-id=" + TestKeys.WORKSPACE);
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MunitySecretController.class));
        web.withPropertyValues("munity.endpoint.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MunitySecretController.class));
        web.withPropertyValues("munity.endpoint.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(MunitySecretController.class));
        configured().withPropertyValues("munity.endpoint.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MunitySecretController.class));
    }

    @Test
    void defaultCustomerIdIsTheHexSha256OfThePrincipalName() {
        HashedCustomerIdResolver resolver = new HashedCustomerIdResolver();
        Principal alice = () -> "alice";
        // printf alice | sha256sum
        assertThat(resolver.customerId(alice))
                .isEqualTo("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90");
        Principal empty = () -> "";
        assertThat(resolver.customerId(empty)).isNull();
        // Any name gives an id the core accepts: an e-mail address, a UUID, spaces, non-ASCII.
        try (Signer signer = new Signer(TestKeys.PAIR.getPrivateKeyPem(), TestKeys.WORKSPACE)) {
            for (String name : new String[] {"bob@example.com", "0b4e7a0e-5b3c-4f1a-9d2e-7c6b5a4f3e2d", "Zoë Émile"}) {
                Principal principal = () -> name;
                String id = resolver.customerId(principal);
                assertThat(id).hasSize(64);
                assertThat(new MunitySecretIssuer(signer, null, Duration.ofMinutes(1), java.time.Clock.systemUTC())
                        .issue(id).secret()).isNotEmpty();
            }
        }
    }
}
