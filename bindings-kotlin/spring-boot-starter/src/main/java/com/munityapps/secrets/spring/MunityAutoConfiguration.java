package com.munityapps.secrets.spring;

import com.munityapps.secrets.MunitySecretException;
import com.munityapps.secrets.MunitySecrets;
import com.munityapps.secrets.Signer;
import com.munityapps.secrets.Verifier;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link Signer}, {@link Verifier}, {@link MunitySecretIssuer} and {@link CustomerIdResolver} beans from the
 * {@code munity.*} properties; each steps aside for a bean of the same type that the application declares. A
 * certificate, workspace or lifetime that the core refuses stops the application at start-up.
 */
@AutoConfiguration
@EnableConfigurationProperties(MunityProperties.class)
public class MunityAutoConfiguration {

    static final String CERTIFICATE = "munity.certificate";
    static final String WORKSPACE_ID = "munity.workspace-id";
    static final String EXPIRES_IN = "munity.expires-in";

    /**
     * The signer of {@code munity.certificate} ({@code MUNITY_CERTIFICATE}), bound to {@code munity.workspace-id}
     * ({@code MUNITY_WORKSPACE_ID}) when set. Parsed once, here; closed with the context.
     */
    @Bean
    @ConditionalOnMissingBean
    public Signer munitySigner(MunityProperties properties) {
        // An unset certificate goes to the core as empty text: its InvalidKey no_key, like a blank variable.
        String certificate = properties.getCertificate() == null ? "" : properties.getCertificate();
        String workspaceId = blankToNull(properties.getWorkspaceId());
        try {
            return new Signer(certificate, workspaceId);
        } catch (MunitySecretException.InvalidKey e) {
            throw new MunityConfigurationException(CERTIFICATE, certificateAction(e.getReason()), e);
        } catch (MunitySecretException e) {
            throw new MunityConfigurationException(WORKSPACE_ID, WORKSPACE_ACTION, e);
        }
    }

    /** A verifier holding the signer's public key (to check secrets in your tests or services). */
    @Bean
    @ConditionalOnMissingBean
    public Verifier munityVerifier(Signer signer) {
        return signer.verifier();
    }

    /** The default customer id: the hex SHA-256 of the principal's name. */
    @Bean
    @ConditionalOnMissingBean
    public CustomerIdResolver munityCustomerIdResolver() {
        return new HashedCustomerIdResolver();
    }

    /** Mints for the configured workspace and lifetime; its trial mint checks both at start-up. */
    @Bean
    @ConditionalOnMissingBean
    public MunitySecretIssuer munitySecretIssuer(Signer signer, MunityProperties properties) {
        if (properties.getExpiresIn() == null) {
            throw new IllegalStateException(EXPIRES_IN + " is empty: give a lifetime (600, 10m, PT10M) or leave it out "
                    + "for the default, " + MunitySecrets.DEFAULT_EXPIRES_IN);
        }
        try {
            return new MunitySecretIssuer(signer, blankToNull(properties.getWorkspaceId()), properties.getExpiresIn(),
                    Clock.systemUTC());
        } catch (MunitySecretException e) {
            boolean lifetime = e.getClaim() != null && e.getClaim().startsWith("exp");
            throw new MunityConfigurationException(lifetime ? EXPIRES_IN : WORKSPACE_ID,
                    lifetime ? EXPIRES_IN_ACTION : WORKSPACE_ACTION, e);
        }
    }

    private static final String WORKSPACE_ACTION = "Set " + WORKSPACE_ID + " (or the environment variable "
            + "MUNITY_WORKSPACE_ID) to your Munity workspace id, a UUID such as 11111111-2222-3333-aaaa-eeeeeeeeeeee, "
            + "the workspace the certificate belongs to.";

    private static final String EXPIRES_IN_ACTION = "Set " + EXPIRES_IN + " to whole seconds from 1 s to 365 days "
            + "(600, 10m, PT1H), or leave it out for the default, one hour.";

    private static String certificateAction(String reason) {
        if ("no_key".equals(reason)) {
            return "Set " + CERTIFICATE + " (or the environment variable MUNITY_CERTIFICATE) to the workspace "
                    + "certificate Munity issued: the RSA private key, PEM (-----BEGIN PRIVATE KEY-----).";
        }
        return "Give " + CERTIFICATE + " (MUNITY_CERTIFICATE) the workspace certificate Munity issued: an unencrypted "
                + "RSA private key of 2048 bits or more, PEM (PKCS#8 or PKCS#1). The code above names the problem.";
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
