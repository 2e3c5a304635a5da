package com.munityapps.secrets.spring;

import com.munityapps.secrets.MunitySecretException;
import java.security.Principal;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET ${munity.endpoint.path}?connector=…} (default {@code /munity/secret}): a connect secret for the
 * authenticated user, {@code {"secret": "...", "expiresAt": "2026-11-29T01:30:00Z"}}, with
 * {@code Cache-Control: no-store} on every answer. Errors are {@code {"error": CODE, "message": "..."}} with fixed
 * messages that echo nothing of the request: 400 {@code INVALID_CONNECTOR}, 401 {@code UNAUTHENTICATED} (no
 * principal, or the {@link CustomerIdResolver} names no customer), 500 {@code SECRET_UNAVAILABLE} (the core refused
 * to mint, e.g. a customer id that breaks the claim's rule; logged with the core's code).
 *
 * <p>The principal is Spring MVC's ({@code HttpServletRequest.getUserPrincipal()}): Spring Security's, the servlet
 * container's, or any filter's. Registered when {@code munity.endpoint.enabled=true}.
 */
@RestController
public class MunitySecretController {

    private static final Log log = LogFactory.getLog(MunitySecretController.class);

    /** Munity's connect() name, as the platform checks it: 1 to 64 ASCII letters, digits, '_', '-' or '.'. */
    static final Pattern CONNECTOR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final MunitySecretIssuer issuer;
    private final CustomerIdResolver customers;

    public MunitySecretController(MunitySecretIssuer issuer, CustomerIdResolver customers) {
        this.issuer = issuer;
        this.customers = customers;
    }

    /** The answer: the secret and its {@code exp} as ISO 8601 UTC. */
    public record SecretAnswer(String secret, String expiresAt) {
        @Override
        public String toString() {
            return "SecretAnswer(expiresAt=" + expiresAt + ")";
        }
    }

    /** An error answer. */
    public record ErrorAnswer(String error, String message) {}

    @GetMapping(path = "${munity.endpoint.path:/munity/secret}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> secret(@RequestParam(name = "connector", required = false) String[] connector,
            Principal principal) {
        // Given exactly once: ?connector=a&connector=b is refused, as in every integration.
        if (connector == null || connector.length != 1 || !CONNECTOR.matcher(connector[0]).matches()) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_CONNECTOR",
                    "connector must be given once, as 1 to 64 ASCII letters, digits, \"_\", \"-\" or \".\"");
        }
        String customerId = principal == null ? null : customers.customerId(principal);
        if (customerId == null || customerId.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first");
        }
        IssuedSecret issued;
        try {
            issued = issuer.issue(customerId);
        } catch (MunitySecretException e) {
            // The server's mistake (its CustomerIdResolver): logged by code, never a 400 showing the id back.
            log.error("munity-secrets: no secret minted: " + e.getCode() + ": " + e.getMessage());
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "SECRET_UNAVAILABLE",
                    "the server could not mint a secret; its log says why");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new SecretAnswer(issued.secret(), issued.expiresAt().toString()));
    }

    private static ResponseEntity<Object> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(new ErrorAnswer(code, message));
    }
}
