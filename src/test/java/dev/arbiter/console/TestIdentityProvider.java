package dev.arbiter.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The organisation's identity provider, in-process for tests: a WireMock server (as Quarkus's own OIDC tests use)
 * speaking enough OpenID Connect for the authorization code flow — discovery, JWKS, a login page, the token endpoint
 * and end-session. It is the same provider the API trusts in the test profile: issuer https://idp.example.test, tokens
 * signed by src/test/resources/jwt/private.pem, Arbiter's roles in the arbiter_roles claim.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://idp.example.test";
    static final String CLIENT_ID = "arbiter-console";
    static final String NAME = "Test IdP";
    private static final String KEY_ID = "test-key";

    /** People the provider knows: login name to Arbiter roles. */
    static final Map<String, List<String>> PEOPLE = Map.of(
            "ida", List.of("approver", "analyst"),
            "ines", List.of("auditor"));

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        String base = server.baseUrl() + "/idp";
        server.stubFor(get(urlPathEqualTo("/idp/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"issuer": "%s", "authorization_endpoint": "%s/authorize", "token_endpoint": "%s/token",
                         "jwks_uri": "%s/jwks", "end_session_endpoint": "%s/logout",
                         "response_types_supported": ["code"], "subject_types_supported": ["public"],
                         "id_token_signing_alg_values_supported": ["RS256"]}
                        """.formatted(ISSUER, base, base, base, base))));
        server.stubFor(get(urlPathEqualTo("/idp/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(jwks())));
        // The login page: the person types their name; the form answers the redirect URI with a code and the state.
        server.stubFor(get(urlPathEqualTo("/idp/authorize")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withTransformers("response-template").withBody("""
                        <!DOCTYPE html><html lang="en"><head><title>Test IdP</title></head><body><h1>Test IdP</h1>
                        <form method="get" action="/idp/login">
                        <input type="hidden" name="state" value="{{request.query.state}}">
                        <input type="hidden" name="redirect_uri" value="{{request.query.redirect_uri}}">
                        <label for="username">Name</label> <input id="username" name="username">
                        <button type="submit" id="idp-sign-in">Sign in</button></form></body></html>
                        """)));
        PrivateKey key = privateKey();
        for (String person : PEOPLE.keySet()) {
            server.stubFor(get(urlPathEqualTo("/idp/login")).withQueryParam("username", equalTo(person)).willReturn(aResponse()
                    .withStatus(302).withTransformers("response-template")
                    .withHeader("Location", "{{request.query.redirect_uri}}?code=code-" + person + "&state={{request.query.state}}")));
            server.stubFor(post(urlPathEqualTo("/idp/token")).withRequestBody(containing("code=code-" + person)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"access_token": "%s", "id_token": "%s", "token_type": "Bearer", "expires_in": 3600}
                            """.formatted(accessToken(person, key), idToken(person, key)))));
        }
        server.stubFor(get(urlPathEqualTo("/idp/logout")).willReturn(aResponse().withStatus(302)
                .withTransformers("response-template").withHeader("Location", "{{request.query.post_logout_redirect_uri}}")));
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", base,
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", "test-client-secret",
                "arbiter.console.sso-name", NAME);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The access token the provider issues to this person: what they would also send to the API as a bearer token. */
    static String accessToken(String person) {
        return accessToken(person, privateKey());
    }

    private static String accessToken(String person, PrivateKey key) {
        return Jwt.issuer(ISSUER).audience("arbiter").subject("sub-" + person).upn(person + "@example.test")
                .claim("arbiter_roles", PEOPLE.get(person)).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600))
                .jws().keyId(KEY_ID).sign(key);
    }

    private static String idToken(String person, PrivateKey key) {
        return Jwt.issuer(ISSUER).audience(CLIENT_ID).subject("sub-" + person).upn(person + "@example.test")
                .claim("arbiter_roles", PEOPLE.get(person)).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600))
                .jws().keyId(KEY_ID).sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey("jwt/private.pem");
        } catch (Exception e) {
            throw new IllegalStateException("test signing key", e);
        }
    }

    private static String jwks() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyUtils.readPublicKey("jwt/public.pem");
            return """
                    {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "%s", "n": "%s", "e": "%s"}]}
                    """.formatted(KEY_ID, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
        } catch (Exception e) {
            throw new IllegalStateException("test public key", e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
