package dev.arbiter.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a vote is bound to: {@code sha256:} over the canonical JSON (keys sorted) of the action type, target,
 * parameters and the version of the ruleset that proposed it. If any of them changes, votes cast on the old digest no
 * longer count. Actions carry no parameters yet; the digest already includes them (as {@code {}}).
 */
public final class ActionDigest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionDigest() {
    }

    public static String of(String type, String target, Map<String, String> parameters, String rulesetVersion) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("parameters", new TreeMap<>(parameters));
        canonical.put("rulesetVersion", rulesetVersion);
        canonical.put("target", target);
        canonical.put("type", type);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest the action", e);
        }
    }
}
