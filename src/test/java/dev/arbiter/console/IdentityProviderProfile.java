package dev.arbiter.console;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The test profile with the identity provider configured for the console ({@link TestIdentityProvider}). */
public class IdentityProviderProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestIdentityProvider.class));
    }
}
