package dev.arbiter.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.arbiter.audit.chain.ChainKeys;

/**
 * The checkpoint signing key: from configuration, or from the key file, which is created with a fresh Ed25519 key
 * pair (owner-only permissions) on first start.
 */
@ApplicationScoped
public class AuditKeys {

    private static final Logger LOG = Logger.getLogger(AuditKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    AuditKeys(AuditConfig config) {
        String pkcs8 = config.signingKey().filter(key -> !key.isBlank()).orElseGet(() -> fromFile(Path.of(config.signingKeyFile())));
        this.privateKey = ChainKeys.privateKey(pkcs8);
        this.publicKey = derivePublic(privateKey);
        this.keyId = ChainKeys.keyId(publicKey);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            KeyPair pair = KeyPairGenerator.getInstance(ChainKeys.ALGORITHM).generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return Files.readString(file, StandardCharsets.US_ASCII); // another process won the race
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            Files.writeString(Path.of(file + ".pub"), ChainKeys.pem(pair.getPublic()), StandardCharsets.US_ASCII);
            LOG.infof("Generated the audit checkpoint signing key %s (public key in %s.pub)", file, file);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }

    /**
     * Ed25519's public key follows from the private key's 32-byte seed; the JDK's generator derives it when its
     * random source hands it that seed (the JDK has no public API for the derivation itself).
     */
    private static PublicKey derivePublic(PrivateKey key) {
        try {
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ChainKeys.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the Ed25519 public key", e);
        }
    }

    /** A SecureRandom that yields the given seed, so the generator reproduces the key pair of a stored private key. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
