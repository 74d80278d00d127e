package dev.arbiter.intake.format;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.arbiter.intake.Alert.Category;

/**
 * MITRE ATT&CK (Enterprise) as the formats spell it: tactic ids from names in any spelling
 * ({@code Credential Access}, {@code Command_And_Control}, {@code mitre_execution}), and the alert category a set
 * of tactics implies when the format has no classification of its own.
 */
final class Attack {

    static final Pattern TACTIC_ID = Pattern.compile("TA\\d{4}");
    static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private static final Map<String, String> TACTICS_BY_NAME = Map.ofEntries(
            Map.entry("reconnaissance", "TA0043"),
            Map.entry("resourcedevelopment", "TA0042"),
            Map.entry("initialaccess", "TA0001"),
            Map.entry("execution", "TA0002"),
            Map.entry("persistence", "TA0003"),
            Map.entry("privilegeescalation", "TA0004"),
            Map.entry("defenseevasion", "TA0005"),
            Map.entry("credentialaccess", "TA0006"),
            Map.entry("discovery", "TA0007"),
            Map.entry("lateralmovement", "TA0008"),
            Map.entry("collection", "TA0009"),
            Map.entry("exfiltration", "TA0010"),
            Map.entry("commandandcontrol", "TA0011"),
            Map.entry("impact", "TA0040"));

    /**
     * Tactic → category, in precedence order: when an alert names several tactics, the first listed here decides.
     * Tactics not listed (initial access, persistence, defense evasion, collection, resource development) imply no
     * category on their own.
     */
    private static final Map<String, Category> CATEGORY_BY_TACTIC = new LinkedHashMap<>();

    static {
        CATEGORY_BY_TACTIC.put("TA0010", Category.EXFILTRATION);
        CATEGORY_BY_TACTIC.put("TA0011", Category.COMMAND_AND_CONTROL);
        CATEGORY_BY_TACTIC.put("TA0008", Category.LATERAL_MOVEMENT);
        CATEGORY_BY_TACTIC.put("TA0006", Category.CREDENTIAL_ACCESS);
        CATEGORY_BY_TACTIC.put("TA0004", Category.PRIVILEGE_ESCALATION);
        CATEGORY_BY_TACTIC.put("TA0040", Category.MALWARE);
        CATEGORY_BY_TACTIC.put("TA0002", Category.MALWARE);
        CATEGORY_BY_TACTIC.put("TA0007", Category.RECONNAISSANCE);
        CATEGORY_BY_TACTIC.put("TA0043", Category.RECONNAISSANCE);
    }

    private Attack() {
    }

    /** The tactic id for a tactic name in any of the spellings tools use; empty for names that are not tactics. */
    static Optional<String> tacticByName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.startsWith("mitre_") || key.startsWith("mitre-") || key.startsWith("mitre.")) {
            key = key.substring("mitre_".length());
        }
        key = key.replace("&", "and").replaceAll("[^a-z]", "");
        return Optional.ofNullable(TACTICS_BY_NAME.get(key));
    }

    /**
     * The category implied by ATT&CK: phishing technique T1566 first, then the highest-precedence tactic; empty when
     * nothing listed applies.
     */
    static Optional<Category> category(Collection<String> tactics, Collection<String> techniques) {
        if (techniques.stream().anyMatch(t -> t.equals("T1566") || t.startsWith("T1566."))) {
            return Optional.of(Category.PHISHING);
        }
        return CATEGORY_BY_TACTIC.entrySet().stream()
                .filter(entry -> tactics.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
