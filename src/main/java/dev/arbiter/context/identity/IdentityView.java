package dev.arbiter.context.identity;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An identity as the API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityView(String id, String accountName, boolean privileged, boolean serviceAccount, boolean vip,
                           String department, Instant createdAt, Instant updatedAt) {

    static IdentityView of(Identity identity) {
        return new IdentityView(identity.id, identity.accountName, identity.privileged, identity.serviceAccount,
                identity.vip, identity.department, identity.createdAt, identity.updatedAt);
    }

    /** One page of identities, by id; {@code nextCursor} is absent on the last page. */
    public record Page(List<IdentityView> items, String nextCursor) {
    }
}
