package dev.arbiter.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.arbiter.common.Principal;
import dev.arbiter.common.ProblemException;

/** Admin API for local users and API keys, and {@code GET /api/v1/me} for anyone signed in. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;
    private final CurrentPrincipal current;
    private final TeamRoles teamRoles;

    AccountResource(AccountService accounts, CurrentPrincipal current, TeamRoles teamRoles) {
        this.accounts = accounts;
        this.current = current;
        this.teamRoles = teamRoles;
    }

    /** A new local user. */
    public record NewUser(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may contain letters, digits and . _ @ -") String username,
            @NotNull @Size(min = 12, max = 200, message = "must have 12 to 200 characters") String password,
            @NotEmpty Set<@NotNull @KnownRole String> roles) {
    }

    /** A new API key. */
    public record NewKey(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty Set<@NotNull @KnownRole String> roles,
            Instant expiresAt) {
    }

    /** A password change. */
    public record PasswordChange(@NotNull String currentPassword,
                                 @NotNull @Size(min = 12, max = 200, message = "must have 12 to 200 characters") String newPassword) {
    }

    /** Who am I, with which roles. */
    public record Me(String kind, String id, String name, Set<String> roles) {
    }

    @GET
    @Path("/me")
    @RolesAllowed("**")
    @Operation(summary = "The signed-in principal and its roles")
    public Me me() {
        Principal principal = current.get();
        Set<String> roles = new java.util.TreeSet<>();
        for (String role : Roles.ALL) {
            if (current.hasRole(role)) {
                roles.add(role);
            }
        }
        teamRoles.names().stream().filter(current::hasRole).forEach(roles::add);
        return new Me(principal.kind(), principal.id(), principal.name(), roles);
    }

    @POST
    @Path("/me/password")
    @RolesAllowed("**")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password (local users)")
    public Response changePassword(@Valid @NotNull PasswordChange change) {
        accounts.changePassword(current.get(), change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }

    @GET
    @Path("/users")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Local users")
    public List<AccountService.UserView> users() {
        return accounts.listUsers();
    }

    @POST
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a local user (password stored as a bcrypt hash)")
    public Response createUser(@Valid @NotNull NewUser user) {
        AccountService.UserView created = accounts.createUser(user.username(), user.password(), user.roles(), current.get());
        return Response.created(URI.create("/api/v1/users/" + created.username())).entity(created).build();
    }

    @DELETE
    @Path("/users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a local user")
    public Response deleteUser(@PathParam("username") String username) {
        if (username.equals(current.get().name()) && "user".equals(current.get().kind())) {
            throw ProblemException.conflict("cannot-delete-self", "An admin cannot delete their own account");
        }
        accounts.deleteUser(username, current.get());
        return Response.noContent().build();
    }

    @GET
    @Path("/api-keys")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "API keys (never their secrets)")
    public List<AccountService.KeyView> keys() {
        return accounts.listKeys();
    }

    @POST
    @Path("/api-keys")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the key is in this response only")
    public Response createKey(@Valid @NotNull NewKey key) {
        AccountService.CreatedKey created = accounts.createKey(key.name(), key.roles(), key.expiresAt(), current.get());
        return Response.created(URI.create("/api/v1/api-keys/" + created.key().id()))
                .entity(new java.util.LinkedHashMap<>(java.util.Map.of("key", created.secret(), "apiKey", created.key())))
                .build();
    }

    @DELETE
    @Path("/api-keys/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an API key")
    public AccountService.KeyView revokeKey(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No API key " + id);
        }
        return accounts.revokeKey(uuid, current.get());
    }
}
