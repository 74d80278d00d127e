package dev.arbiter.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Console settings; single sign-on itself is configured with quarkus.oidc.* (see README, "Console"). */
@ConfigMapping(prefix = "arbiter.console")
public interface ConsoleConfig {

    /** The identity provider's name on the login page's "Sign in with …" button. */
    @WithDefault("your identity provider")
    String ssoName();
}
