package com.munityapps.secrets.spring.testapp.secured;

import com.munityapps.secrets.spring.CustomerIdResolver;
import com.munityapps.secrets.spring.HashedCustomerIdResolver;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Security application: HTTP Basic users; the endpoint is open to anonymous requests so that the
 * starter's own 401 is what they get (an application usually requires authentication there, and Spring Security
 * answers 401 first).
 */
@SpringBootApplication
public class SecuredApplication {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
                User.withUsername("mallory").password("{noop}mallory-password").roles("USER").build(),
                User.withUsername("nobody").password("{noop}nobody-password").roles("USER").build());
    }

    /** The default derivation, except two users: one with an id the core refuses, one with no customer. */
    @Bean
    CustomerIdResolver customers() {
        HashedCustomerIdResolver hashed = new HashedCustomerIdResolver();
        return principal -> switch (principal.getName()) {
            case "mallory" -> "customer-1234";
            case "nobody" -> null;
            default -> hashed.customerId(principal);
        };
    }
}
