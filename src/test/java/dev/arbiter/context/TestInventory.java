package dev.arbiter.context;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.arbiter.common.Principal;
import dev.arbiter.context.asset.AssetData;
import dev.arbiter.context.asset.AssetService;
import dev.arbiter.context.identity.IdentityData;
import dev.arbiter.context.identity.IdentityService;
import dev.arbiter.context.intel.IndicatorData;
import dev.arbiter.context.intel.IndicatorService;

/**
 * The inventory the API tests' fixtures assume (the one the README's example answer shows): fin-db-01 is a
 * crown-jewel production asset, j.doe a known ordinary account, 203.0.113.9 a known-bad address. Seeded through
 * the services, idempotently, so any test class can call {@link #seedStarterInventory()} before it runs.
 */
@ApplicationScoped
public class TestInventory {

    private final AssetService assets;
    private final IdentityService identities;
    private final IndicatorService indicators;

    TestInventory(AssetService assets, IdentityService identities, IndicatorService indicators) {
        this.assets = assets;
        this.identities = identities;
        this.indicators = indicators;
    }

    public void seedStarterInventory() {
        asset("fin-db-01", List.of("fin-db-01"), List.of("10.2.3.4"), "crown-jewel", "production", "controlled");
        asset("web-01", List.of("web-01"), List.of(), "high", "production", "open");
        asset("dev-build-07", List.of("dev-build-07"), List.of(), "low", "development", "small");
        identity("j.doe", false, false, false);
        identity("adm.smith", true, false, false);
        identity("svc-backup", false, true, false);
        identity("ceo", false, false, true);
        indicator("ipv4", "203.0.113.9");
        indicator("ipv4", "198.51.100.77");
    }

    public void asset(String id, List<String> hostnames, List<String> addresses, String criticality, String environment,
                      String exposure) {
        assets.replace(id, new AssetData(id, hostnames, addresses, criticality, environment, exposure, null, null, null),
                Principal.SYSTEM);
    }

    public void identity(String account, boolean privileged, boolean serviceAccount, boolean vip) {
        identities.replace(account, new IdentityData(account, account, privileged, serviceAccount, vip, null), Principal.SYSTEM);
    }

    private void indicator(String type, String value) {
        if (indicators.list(type, value, "example-feed", null, 1).items().isEmpty()) {
            indicators.create(new IndicatorData(type, value, "example-feed", 80, null, null), Principal.SYSTEM);
        }
    }
}
