package com.munityapps.secrets.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MunityConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report: the
 * property, the core's code and reason, its message (never key material), and what to do.
 */
public class MunityFailureAnalyzer extends AbstractFailureAnalyzer<MunityConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MunityConfigurationException cause) {
        // INVALID_KEY/<reason> already names the reason; INVALID_CLAIM/<claim> does not.
        String reason = cause.getReason() == null || cause.getCode().endsWith("/" + cause.getReason())
                ? "" : " (reason " + cause.getReason() + ")";
        String description = "Munity secrets: " + cause.getProperty() + " cannot be used.\n\n"
                + "    " + cause.getCode() + reason + ": " + cause.getError().getMessage();
        return new FailureAnalysis(description, cause.getAction(), cause);
    }
}
