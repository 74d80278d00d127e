package dev.arbiter.audit.chain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import dev.arbiter.common.Digests;

/** Ed25519 (the JDK's own) for checkpoints: key parsing, key ids, signing and checking signatures. Plain Java. */
public final class ChainKeys {

    public static final String ALGORITHM = "Ed25519";

    private ChainKeys() {
    }

    /** Hex SHA-256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        return Digests.sha256Hex(key.getEncoded());
    }

    /** A public key from PEM ("-----BEGIN PUBLIC KEY-----") or bare base64 of the X.509 encoding. */
    public static PublicKey publicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key (PEM or base64 X.509)", e);
        }
    }

    /** A private key from PEM ("-----BEGIN PRIVATE KEY-----") or bare base64 of the PKCS#8 encoding. */
    public static PrivateKey privateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 private key (PEM or base64 PKCS#8)", e);
        }
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether the checkpoint's signature is the key's over {@link ChainCodec#checkpointBytes}. */
    public static boolean verify(PublicKey key, ChainCheckpoint checkpoint) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(ChainCodec.checkpointBytes(checkpoint));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] der(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
