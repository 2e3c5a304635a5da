package com.munityapps.secrets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.munityapps.secrets.MunitySecretException;
import com.munityapps.secrets.spring.testapp.plain.PlainApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The application does not start when the core refuses the certificate, the workspace or the lifetime; the
 * failure names the property and the core's code and reason, and never shows the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MunityAutoConfiguration.class));

    /** Runs the context with {@code properties} and returns the start-up failure's Munity cause. */
    private MunityConfigurationException failure(String... properties) {
        MunityConfigurationException[] found = new MunityConfigurationException[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause != null && !(cause instanceof MunityConfigurationException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a MunityConfigurationException in the cause chain").isNotNull();
            found[0] = (MunityConfigurationException) cause;
        });
        return found[0];
    }

    private static void assertKey(MunityConfigurationException failure, String reason) {
        assertThat(failure.getProperty()).isEqualTo("munity.certificate");
        assertThat(failure.getError()).isInstanceOf(MunitySecretException.InvalidKey.class);
        assertThat(failure.getCode()).isEqualTo("INVALID_KEY/" + reason);
        assertThat(failure.getReason()).isEqualTo(reason);
    }

    private static void assertClaim(MunityConfigurationException failure, String property, String claim, String reason) {
        assertThat(failure.getProperty()).isEqualTo(property);
        assertThat(failure.getError()).isInstanceOf(MunitySecretException.InvalidClaim.class);
        assertThat(failure.getError().getClaim()).isEqualTo(claim);
        assertThat(failure.getCode()).isEqualTo("INVALID_CLAIM/" + claim);
        assertThat(failure.getReason()).isEqualTo(reason);
    }

    @Test
    void missingCertificate() {
        assertKey(failure("munity.workspace-id=" + TestKeys.WORKSPACE), "no_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyCertificate(String value) {
        assertKey(failure("munity.certificate=" + value, "munity.workspace-id=" + TestKeys.WORKSPACE), "no_key");
    }

    @Test
    void malformedCertificate() {
        assertKey(failure("munity.certificate=-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdr\n-----END PRIVATE KEY-----",
                "munity.workspace-id=" + TestKeys.WORKSPACE), "malformed");
    }

    @Test
    void publicKeyInsteadOfTheCertificate() {
        MunityConfigurationException failure = failure("munity.certificate=" + TestKeys.PAIR.getPublicKeyPem(),
                "munity.workspace-id=" + TestKeys.WORKSPACE);
        assertKey(failure, "not_private");
        FailureAnalysis analysis = new MunityFailureAnalyzer().analyze(failure);
        for (String line : TestKeys.bodyLines(TestKeys.PAIR.getPublicKeyPem())) {
            assertThat(analysis.getDescription()).doesNotContain(line);
            assertThat(analysis.getAction()).doesNotContain(line);
        }
    }

    @Test
    void keyUnder2048Bits() throws Exception {
        assertKey(failure("munity.certificate=" + TestKeys.smallKeyPem(), "munity.workspace-id=" + TestKeys.WORKSPACE),
                "too_small");
    }

    @Test
    void workspaceIdThatIsNotAUuid() {
        assertClaim(failure("munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem(), "munity.workspace-id=acme"),
                "munity.workspace-id", "workspace_id", "invalid_uuid");
    }

    @Test
    void missingWorkspaceId() {
        assertClaim(failure("munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem()),
                "munity.workspace-id", "workspace_id", "missing");
    }

    @Test
    void lifetimeOutOfRange() {
        String[] base = {"munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem(), "munity.workspace-id=" + TestKeys.WORKSPACE};
        assertClaim(failure(base[0], base[1], "munity.expires-in=0"), "munity.expires-in", "expires_in", "out_of_range");
        assertClaim(failure(base[0], base[1], "munity.expires-in=400d"), "munity.expires-in", "expires_in", "out_of_range");
        assertClaim(failure(base[0], base[1], "munity.expires-in=1500ms"), "munity.expires-in", "expires_in", "fractional");
    }

    @Test
    void analysisNamesThePropertyCodeAndReason() {
        MunityConfigurationException failure = failure("munity.workspace-id=" + TestKeys.WORKSPACE);
        FailureAnalysis analysis = new MunityFailureAnalyzer().analyze(new IllegalStateException("wrapped", failure));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getCause()).isSameAs(failure);
        assertThat(analysis.getDescription()).contains("munity.certificate", "INVALID_KEY/no_key");
        assertThat(analysis.getAction()).contains("munity.certificate", "MUNITY_CERTIFICATE");

        FailureAnalysis claim = new MunityFailureAnalyzer().analyze(failure(
                "munity.certificate=" + TestKeys.PAIR.getPrivateKeyPem(), "munity.workspace-id=acme"));
        assertThat(claim.getDescription()).contains("munity.workspace-id", "INVALID_CLAIM/workspace_id (reason invalid_uuid)");
        assertThat(claim.getAction()).contains("munity.workspace-id", "MUNITY_WORKSPACE_ID");
    }

    @Test
    void springApplicationStopsWithTheFailureReport(CapturedOutput output) {
        String pem = TestKeys.PAIR.getPublicKeyPem();
        SpringApplicationBuilder application = new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE)
                .properties("munity.certificate=" + pem, "munity.workspace-id=" + TestKeys.WORKSPACE);
        assertThatThrownBy(application::run).hasRootCauseInstanceOf(MunitySecretException.InvalidKey.class);
        // Spring Boot's report, written by the failure analyzer registered in META-INF/spring.factories.
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START", "Description:",
                "Action:", "munity.certificate", "INVALID_KEY/not_private");
        for (String line : TestKeys.bodyLines(pem)) {
            assertThat(output.getAll()).doesNotContain(line);
        }
    }
}
