package com.munityapps.secrets.spring;

import com.munityapps.secrets.MunitySecrets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code munity.*} properties. Spring's relaxed binding also reads them from the environment:
 * {@code MUNITY_CERTIFICATE} is {@code munity.certificate} and {@code MUNITY_WORKSPACE_ID} is
 * {@code munity.workspace-id}, the variables every Munity library reads.
 */
@ConfigurationProperties("munity")
public class MunityProperties {

    /**
     * The workspace certificate (the RSA private key Munity issued, PEM), also as it arrives from environment
     * variables and secret stores (quoted, with literal \n, base64-wrapped). Required.
     */
    private String certificate;

    /** The workspace id (a UUID): the signer is bound to it, so calls name only the customer. */
    private String workspaceId;

    /**
     * The lifetime of the secrets the endpoint and {@link MunitySecretIssuer} mint: whole seconds, 1 s to 365 days
     * (a bare number is seconds: 600, 10m, PT10M). One hour by default.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration expiresIn = MunitySecrets.DEFAULT_EXPIRES_IN;

    /** The secret endpoint. */
    private final Endpoint endpoint = new Endpoint();

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    public Duration getExpiresIn() {
        return expiresIn;
    }

    public void setExpiresIn(Duration expiresIn) {
        this.expiresIn = expiresIn;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    /** Never shows the certificate. */
    @Override
    public String toString() {
        return "MunityProperties(certificate=" + (certificate == null ? "unset" : "set")
                + ", workspaceId=" + workspaceId + ", expiresIn=" + expiresIn + ")";
    }

    /** {@code munity.endpoint.*}: {@code GET <path>?connector=…} for the authenticated user. */
    public static class Endpoint {

        /** Serve the secret endpoint (a Spring MVC controller). Off by default. */
        private boolean enabled = false;

        /** Its path. */
        private String path = "/munity/secret";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }
}
