package dev.arbiter.context.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.audit.AuditRepository;
import dev.arbiter.common.TestClock;
import dev.arbiter.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** The identity API, its imports, and matching alert accounts to identities case-insensitively. */
@QuarkusTest
@TestSecurity(user = "admin", roles = {Roles.ADMIN, Roles.ANALYST})
class IdentityResourceTest {

    @Inject
    AuditRepository audit;

    @Inject
    TestClock clock;

    private String tag;

    @BeforeEach
    void setUp() {
        clock.reset();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReplaceDeleteAreAudited() {
        String id = "i-" + tag;
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "accountName": "Adm.%s", "privileged": true, "department": "IT"}""".formatted(id, tag))
                .when().post("/api/v1/identities")
                .then().statusCode(Status.CREATED.getStatusCode())
                .body("accountName", equalTo("Adm." + tag))
                .body("privileged", equalTo(true))
                .body("serviceAccount", equalTo(false));
        given().contentType(ContentType.JSON).body("""
                        {"id": "other-%s", "accountName": "ADM.%s"}""".formatted(tag, tag))
                .when().post("/api/v1/identities")
                .then().statusCode(Status.CONFLICT.getStatusCode());
        given().contentType(ContentType.JSON).body("""
                        {"accountName": "adm.%s", "vip": true}""".formatted(tag))
                .when().put("/api/v1/identities/" + id)
                .then().statusCode(200).body("privileged", equalTo(false)).body("vip", equalTo(true));
        given().when().delete("/api/v1/identities/" + id).then().statusCode(204);

        assertThat(audit.forSubject("identity:" + id)).extracting(e -> e.type)
                .containsExactly("identity.created", "identity.updated", "identity.deleted");
    }

    @Test
    void alertAccountsMatchIdentitiesInAnyCase() {
        given().contentType(ContentType.JSON).body("""
                        {"accountName": "Svc.Backup-%s", "serviceAccount": true}""".formatted(tag))
                .when().put("/api/v1/identities/svc-" + tag).then().statusCode(201);

        given().contentType(ContentType.JSON).body("""
                        {"source": "identity-test", "externalId": "%s", "title": "t", "category": "other", "severity": "low",
                         "occurredAt": "2026-11-28T02:14:00Z", "entities": {"users": [{"name": "SVC.BACKUP-%s"}, {"name": "nobody-%s"}]}}"""
                        .formatted(UUID.randomUUID(), tag, tag))
                .when().post("/api/v1/evaluate")
                .then().statusCode(200)
                .body("risk.factors.find { it.rule == 'Service account raises risk' }.reason", equalTo("SVC.BACKUP-" + tag + " is a service account"))
                .body("risk.factors.find { it.rule == 'Unknown account raises risk' }.reason", equalTo("nobody-" + tag + " is not in the identity inventory"));
    }

    @Test
    void csvImportReportsRowsAndIsAllOrNothing() {
        String csv = """
                id,accountName,privileged,serviceAccount,vip,department
                c1-%1$s,alice-%1$s,yes,,,Finance
                c2-%1$s,bob-%1$s,maybe,false,0,
                c3-%1$s,ALICE-%1$s,false,true,no,Ops
                c4-%1$s,,,,,
                """.formatted(tag);
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/identities/import")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("row 2: privileged", "row 3: accountName", "row 4: accountName")))
                .body("errors[1].message", equalTo("ALICE-" + tag + " is also on row 1"));
        given().when().get("/api/v1/identities/c1-" + tag).then().statusCode(404);

        String fixed = csv.replace("maybe", "true").replace("c3-" + tag + ",ALICE", "c3-" + tag + ",carol")
                .replace("c4-" + tag + ",,", "c4-" + tag + ",dave-" + tag + ",");
        given().contentType("text/csv").body(fixed)
                .when().post("/api/v1/identities/import")
                .then().statusCode(200).body("created", equalTo(4));
        given().when().get("/api/v1/identities/c1-" + tag).then().statusCode(200)
                .body("privileged", equalTo(true)).body("department", equalTo("Finance"));
    }

    @Test
    void jsonImportMayMoveAnAccountBetweenIdentities() {
        given().contentType(ContentType.JSON).body("""
                [{"id": "m1-%1$s", "accountName": "move-%1$s"}, {"id": "m2-%1$s", "accountName": "stay-%1$s"}]""".formatted(tag))
                .when().post("/api/v1/identities/import").then().statusCode(200).body("created", equalTo(2));
        given().contentType(ContentType.JSON).body("""
                [{"id": "m1-%1$s", "accountName": "stay-%1$s"}, {"id": "m2-%1$s", "accountName": "move-%1$s", "vip": true}]""".formatted(tag))
                .when().post("/api/v1/identities/import").then().statusCode(200).body("updated", equalTo(2));
        given().when().get("/api/v1/identities/m2-" + tag).then().statusCode(200)
                .body("accountName", equalTo("move-" + tag)).body("vip", equalTo(true));
    }

    @Test
    @TestSecurity(user = "auditor", roles = Roles.AUDITOR)
    void auditorsReadButDoNotWrite() {
        given().when().get("/api/v1/identities").then().statusCode(200);
        given().when().delete("/api/v1/identities/anything").then().statusCode(Status.FORBIDDEN.getStatusCode());
    }
}
