package courtside.embedded.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import courtside.embedded.EmbeddedStack;

@SpringJUnitConfig(classes = EmbeddedStackInitializerTests.NoBeans.class, initializers = EmbeddedStackInitializer.class)
class EmbeddedStackInitializerTests {

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void addsTheSharedStacksEnvironmentAsTheFirstPropertySource() {
        assertThat(environment.getPropertySources().iterator().next().getName())
                .isEqualTo(EmbeddedStackInitializer.PROPERTY_SOURCE_NAME);
        EmbeddedStack.shared().environment()
                .forEach((name, value) -> assertThat(environment.getProperty(name)).as(name).isEqualTo(value));
    }

    @Test
    void letsAServicesConfigurationResolveItsUsualPlaceholders() {
        String datasourceUrl = environment.resolveRequiredPlaceholders("jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}");

        assertThat(datasourceUrl).isEqualTo(EmbeddedStack.shared().postgres().jdbcUrl());
    }
}
