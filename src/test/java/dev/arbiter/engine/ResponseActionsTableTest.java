package dev.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each row of the {@code Response Actions} collect table, evaluated directly. Every case asserts the exact rows that
 * matched and the exact actions emitted, so removing, widening or narrowing a row fails a case.
 */
class ResponseActionsTableTest {

    private static final String DECISION = "Response Actions";

    private static ShippedTables tables;

    @BeforeAll
    static void loadTables() {
        tables = ShippedTables.load();
    }

    @ParameterizedTest(name = "row {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # row under test          | category             | priority | host  | user  | ext ip | file  | matched rows                                | actions (type/target/impact)
            response-ticket           | other                | P3       | false | false | false  | false | response-ticket                             | open-ticket/alert/low
            response-notify           | malware              | P4       | true  | true  | true   | true  | response-notify                             | notify-soc/alert/low
            response-page             | other                | P1       | false | false | false  | false | response-ticket response-page               | open-ticket/alert/low page-on-call/alert/low
            response-isolate-host     | command-and-control  | P2       | true  | false | false  | false | response-ticket response-isolate-host       | open-ticket/alert/low isolate-host/host/high
            response-scan-host        | malware              | P3       | true  | false | false  | false | response-ticket response-scan-host          | open-ticket/alert/low run-av-scan/host/low
            response-disable-account  | credential-access    | P2       | false | true  | false  | false | response-ticket response-disable-account    | open-ticket/alert/low disable-account/user/high
            response-reset-credentials| privilege-escalation | P3       | false | true  | false  | false | response-ticket response-reset-credentials  | open-ticket/alert/low reset-credentials/user/medium
            response-phishing-reset   | phishing             | P3       | false | true  | false  | false | response-ticket response-phishing-reset     | open-ticket/alert/low reset-credentials/user/medium
            response-block-ip         | reconnaissance       | P2       | false | false | true   | false | response-ticket response-block-ip           | open-ticket/alert/low block-ip/ip/high
            response-block-hash       | phishing             | P2       | false | false | false  | true  | response-ticket response-block-hash         | open-ticket/alert/low block-hash/file/medium
            response-patch-host       | vulnerability        | P2       | true  | false | false  | false | response-ticket response-patch-host         | open-ticket/alert/low patch-host/host/medium
            response-notify-manager   | policy-violation     | P2       | false | true  | false  | false | response-ticket response-notify-manager     | open-ticket/alert/low notify-manager/user/low
            """)
    void proposesTheActionOfEachRow(String row, String category, String priority, boolean host, boolean user,
                                    boolean externalIp, boolean file, String rows, String actions) {
        assertThat(rows.split(" ")).as("case names its row").contains(row);
        assertProposes(category, priority, host, user, externalIp, file, rows, actions);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | category             | priority | host  | user  | ext ip | file  | matched rows                                                            | actions (type/target/impact)
            malware P1 with every entity                    | malware              | P1       | true  | true  | true   | true  | response-ticket response-page response-isolate-host response-block-hash | open-ticket/alert/low page-on-call/alert/low isolate-host/host/high block-hash/file/medium
            lateral movement P2 with host, user and IP      | lateral-movement     | P2       | true  | true  | true   | false | response-ticket response-isolate-host response-disable-account          | open-ticket/alert/low isolate-host/host/high disable-account/user/high
            exfiltration P1 with host and external IP       | exfiltration         | P1       | true  | false | true   | false | response-ticket response-page response-isolate-host response-block-ip   | open-ticket/alert/low page-on-call/alert/low isolate-host/host/high block-ip/ip/high
            phishing P3 with user and file                  | phishing             | P3       | false | true  | false  | true  | response-ticket response-phishing-reset response-block-hash             | open-ticket/alert/low reset-credentials/user/medium block-hash/file/medium
            """)
    void collectsEveryMatchingRowInTableOrder(String description, String category, String priority, boolean host, boolean user,
                                              boolean externalIp, boolean file, String rows, String actions) {
        assertProposes(category, priority, host, user, externalIp, file, rows, actions);
    }

    /** Each row's case with one condition just missed: only the ticket (or notify for P4) remains. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | category             | priority | host  | user  | ext ip | file  | matched rows    | actions (type/target/impact)
            reconnaissance P3 with every entity             | reconnaissance       | P3       | true  | true  | true   | true  | response-ticket | open-ticket/alert/low
            malware P3 without host or file                 | malware              | P3       | false | true  | true   | false | response-ticket | open-ticket/alert/low
            command-and-control P2 without host or IP       | command-and-control  | P2       | false | true  | false  | true  | response-ticket | open-ticket/alert/low
            lateral movement P3 with host and user          | lateral-movement     | P3       | true  | true  | false  | false | response-ticket | open-ticket/alert/low
            credential access P2 without user               | credential-access    | P2       | true  | false | true   | true  | response-ticket | open-ticket/alert/low
            privilege escalation P4 with user               | privilege-escalation | P4       | false | true  | false  | false | response-notify | notify-soc/alert/low
            phishing P4 with user and file                  | phishing             | P4       | false | true  | false  | true  | response-notify | notify-soc/alert/low
            exfiltration P3 with host and external IP       | exfiltration         | P3       | true  | false | true   | false | response-ticket | open-ticket/alert/low
            vulnerability P3 with host                      | vulnerability        | P3       | true  | false | false  | false | response-ticket | open-ticket/alert/low
            policy violation P3 with user                   | policy-violation     | P3       | false | true  | false  | false | response-ticket | open-ticket/alert/low
            other P2 with every entity                      | other                | P2       | true  | true  | true   | true  | response-ticket | open-ticket/alert/low
            """)
    void proposesOnlyTheTicketWhenNoOtherRowMatches(String description, String category, String priority, boolean host,
                                                    boolean user, boolean externalIp, boolean file, String rows, String actions) {
        assertProposes(category, priority, host, user, externalIp, file, rows, actions);
    }

    @Test
    void givesEveryAlertATicketOrASocNotificationButNeverBoth() {
        List<String> categories = List.of("malware", "phishing", "credential-access", "lateral-movement", "exfiltration",
                "command-and-control", "privilege-escalation", "vulnerability", "policy-violation", "reconnaissance", "other");
        List<String> wrong = new ArrayList<>();
        for (String category : categories) {
            for (String priority : List.of("P1", "P2", "P3", "P4")) {
                for (String ssvc : List.of("none", "defer", "scheduled", "out-of-cycle", "immediate")) {
                    for (int entities = 0; entities < 16; entities++) {
                        ShippedTables.Evaluation evaluation = tables.evaluate(Assessor.RESPONSE_MODEL, DECISION, Map.of(
                                "Category", category, "Priority", priority, "Has Host", (entities & 1) != 0,
                                "Has User", (entities & 2) != 0, "Has External IP", (entities & 4) != 0, "Has File", (entities & 8) != 0,
                                "SSVC Patch Priority", ssvc));
                        List<String> alertRows = evaluation.rows(DECISION).stream()
                                .filter(row -> row.equals("response-ticket") || row.equals("response-notify")).toList();
                        if (alertRows.size() != 1) {
                            wrong.add(category + "/" + priority + "/" + ssvc + "/entities " + entities + " matched " + evaluation.rows(DECISION));
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** SSVC's Deployer outcome adds a patch change at P3 when it says out-of-cycle; other outcomes add nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | category      | priority | host  | SSVC         | matched rows                                 | actions (type/target/impact)
            response-patch-out-of-cycle                     | vulnerability | P3       | true  | out-of-cycle | response-ticket response-patch-out-of-cycle  | open-ticket/alert/low patch-host/host/medium
            out-of-cycle P2: the urgent patch row only      | vulnerability | P2       | true  | out-of-cycle | response-ticket response-patch-host          | open-ticket/alert/low patch-host/host/medium
            immediate P1 patches through the urgent row     | vulnerability | P1       | true  | immediate    | response-ticket response-page response-patch-host | open-ticket/alert/low page-on-call/alert/low patch-host/host/medium
            out-of-cycle P3 without a host                  | vulnerability | P3       | false | out-of-cycle | response-ticket                              | open-ticket/alert/low
            scheduled P3 with a host                        | vulnerability | P3       | true  | scheduled    | response-ticket                              | open-ticket/alert/low
            defer P3 with a host                            | vulnerability | P3       | true  | defer        | response-ticket                              | open-ticket/alert/low
            out-of-cycle P3 on another category             | malware       | P3       | false | out-of-cycle | response-ticket                              | open-ticket/alert/low
            """)
    void patchesOutOfCycleWhenSsvcSaysSo(String description, String category, String priority, boolean host, String ssvc,
                                         String rows, String actions) {
        assertProposes(category, priority, host, false, false, false, ssvc, rows, actions);
    }

    private static void assertProposes(String category, String priority, boolean host, boolean user, boolean externalIp,
                                       boolean file, String rows, String actions) {
        assertProposes(category, priority, host, user, externalIp, file, "none", rows, actions);
    }

    private static void assertProposes(String category, String priority, boolean host, boolean user, boolean externalIp,
                                       boolean file, String ssvc, String rows, String actions) {
        ShippedTables.Evaluation evaluation = tables.evaluate(Assessor.RESPONSE_MODEL, DECISION, Map.of(
                "Category", category, "Priority", priority,
                "Has Host", host, "Has User", user, "Has External IP", externalIp, "Has File", file,
                "SSVC Patch Priority", ssvc));

        assertThat(evaluation.rows(DECISION)).containsExactly(rows.split(" "));
        assertThat(actions(evaluation.output(DECISION))).containsExactly(actions.split(" "));
    }

    /** The collect result as {@code type/target/impact} strings, in the order the table emitted them. */
    private static List<String> actions(Object result) {
        List<?> rows = result instanceof List<?> list ? list : Arrays.asList(result);
        return rows.stream()
                .map(row -> (Map<?, ?>) row)
                .map(row -> row.get("actionType") + "/" + row.get("targetKind") + "/" + row.get("impact"))
                .toList();
    }
}
