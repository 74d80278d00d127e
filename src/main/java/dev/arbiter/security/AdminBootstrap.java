package dev.arbiter.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.arbiter.common.Principal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * On first start (no users at all) creates the admin: with the configured password, or a generated one written to
 * a file only its owner can read. The password never goes to the log.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent event, AccountService accounts, SecurityConfig config) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (accounts.hasUsers()) {
                return;
            }
            String username = config.admin().username();
            String password = config.admin().password().orElse(null);
            if (password == null) {
                password = AccountService.randomSecret();
                writeOnce(Path.of(config.admin().passwordFile()), password);
                LOG.warnf("Created admin user '%s' with a generated password, written to %s (readable by this user only). "
                        + "Change it with POST /api/v1/me/password, or set ARBITER_SECURITY_ADMIN_PASSWORD before the first start.",
                        username, Path.of(config.admin().passwordFile()).toAbsolutePath());
            } else {
                LOG.infof("Created admin user '%s' with the configured password", username);
            }
            accounts.createUser(username, password, Set.of(Roles.ADMIN), Principal.SYSTEM);
        });
    }

    private static void writeOnce(Path file, String password) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated admin password to " + file, e);
        }
    }
}
