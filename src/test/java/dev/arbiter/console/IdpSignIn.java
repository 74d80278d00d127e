package dev.arbiter.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/**
 * Walks the console's sign-in through the identity provider as a browser would, one redirect at a time: the console
 * sends the browser to the provider, the person signs in there, the provider redirects back with a code, quarkus-oidc
 * exchanges it, and the hand-off page posts the new session to the login form endpoint.
 */
final class IdpSignIn {

    private static final Pattern QUERY = Pattern.compile("([^&=]+)=([^&]*)");
    private static final Pattern HANDOFF = Pattern.compile("name=\"j_password\" value=\"([^\"]+)\"");

    private IdpSignIn() {
    }

    static ConsoleSession as(String person) {
        return complete(person, handOff(person));
    }

    /** The code flow up to the hand-off page: the one-time handle its form would post. */
    static String handOff(String person) {
        Map<String, String> cookies = new HashMap<>();
        Response toProvider = step(cookies, given().redirects().follow(false).cookies(cookies).when().get("/console/sso"));
        assertThat(toProvider.statusCode()).as("redirect to the provider").isEqualTo(302);
        URI authorize = URI.create(toProvider.header("Location"));
        Map<String, String> query = query(authorize.getRawQuery());
        assertThat(query).containsEntry("client_id", TestIdentityProvider.CLIENT_ID).containsKey("state");

        Response login = given().redirects().follow(false).queryParam("username", person)
                .queryParam("state", query.get("state")).queryParam("redirect_uri", decode(query.get("redirect_uri")))
                .when().get(authorize.resolve("/idp/login"));
        assertThat(login.statusCode()).as("provider's answer").isEqualTo(302);

        Response callback = step(cookies, given().redirects().follow(false).cookies(cookies).urlEncodingEnabled(false)
                .when().get(login.header("Location")));
        assertThat(callback.statusCode()).as("code exchanged").isEqualTo(302);

        Response handoff = step(cookies, given().redirects().follow(false).cookies(cookies).when().get("/console/sso"));
        assertThat(handoff.statusCode()).as("hand-off page").isEqualTo(200);
        Matcher handle = HANDOFF.matcher(handoff.body().asString());
        assertThat(handle.find()).as("hand-off form").isTrue();
        assertThat(cookies).as("quarkus-oidc's own session is dropped at the hand-off").doesNotContainKey("q_session");
        return handle.group(1);
    }

    /** Posts the hand-off form as the page's script does. */
    static Response post(String handle) {
        return given().redirects().follow(false).formParam("j_username", "arbiter:idp-handoff")
                .formParam("j_password", handle).when().post("/console/j_security_check");
    }

    static ConsoleSession complete(String person, String handle) {
        Response signedIn = post(handle);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("error");
        String session = signedIn.cookie("arbiter-session");
        assertThat(session).as("session cookie").isNotBlank();
        Response home = given().redirects().follow(false).cookie("arbiter-session", session).when().get("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        return new ConsoleSession(person, session, home.cookie("csrf-token"));
    }

    private static Response step(Map<String, String> cookies, Response response) {
        response.detailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        return response;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        Matcher m = QUERY.matcher(raw);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
