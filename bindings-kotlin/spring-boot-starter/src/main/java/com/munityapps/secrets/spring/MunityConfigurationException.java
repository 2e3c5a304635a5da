package com.munityapps.secrets.spring;

import com.munityapps.secrets.MunitySecretException;

/**
 * The {@code munity.*} configuration cannot be used: thrown while the application starts, so it stops at once
 * ({@link MunityFailureAnalyzer} prints what is wrong and what to do). Carries the core's error (its {@code code},
 * {@code reason} and message, which never hold key material) as the cause.
 */
public class MunityConfigurationException extends RuntimeException {

    private final String property;
    private final String action;

    /**
     * @param property the property at fault ({@code munity.certificate}, ...)
     * @param action what to do about it
     * @param cause the core's error
     */
    public MunityConfigurationException(String property, String action, MunitySecretException cause) {
        super(property + " cannot be used: " + cause.getCode() + ": " + cause.getMessage(), cause);
        this.property = property;
        this.action = action;
    }

    /** The property at fault, e.g. {@code munity.certificate}. */
    public String getProperty() {
        return property;
    }

    /** What to do about it. */
    public String getAction() {
        return action;
    }

    /** The core's error. */
    public MunitySecretException getError() {
        return (MunitySecretException) getCause();
    }

    /** The core's code, e.g. {@code INVALID_KEY/no_key}. */
    public String getCode() {
        return getError().getCode();
    }

    /** The core's reason code, e.g. {@code no_key}. */
    public String getReason() {
        return getError().getReason();
    }
}
