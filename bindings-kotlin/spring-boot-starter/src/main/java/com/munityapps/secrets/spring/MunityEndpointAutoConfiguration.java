package com.munityapps.secrets.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/** The secret endpoint, in a Spring MVC application with {@code munity.endpoint.enabled=true}. */
@AutoConfiguration(after = MunityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "munity.endpoint", name = "enabled", havingValue = "true")
public class MunityEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MunitySecretController munitySecretController(MunitySecretIssuer issuer, CustomerIdResolver customers) {
        return new MunitySecretController(issuer, customers);
    }
}
