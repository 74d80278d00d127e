package dev.arbiter.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a client. Its {@link #toString} never shows the key. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=***]";
    }
}
