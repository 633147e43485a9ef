package io.passerelle.account;

import io.passerelle.config.StartupConfigurationException;
import io.passerelle.engine.EngineDataDirectory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Invitation tokens (design.md, "Invitation tokens"): {@code token = base64url(HMAC-SHA256(secret,
 * "invitation:" + id + ":" + hex(nonce)))} with a 16-byte nonce from {@link SecureRandom} kept in
 * the row. Only {@code SHA-256(token)} is stored, for lookup; the token is derived again when a
 * reminder or a retried send needs the same link, so the database alone never yields a link.
 */
@Component
public class InvitationTokens {

  private static final Logger LOG = LoggerFactory.getLogger(InvitationTokens.class);
  private static final String HMAC = "HmacSHA256";
  static final int NONCE_BYTES = 16;
  static final int MIN_SECRET_LENGTH = 32;

  private final SecureRandom random = new SecureRandom();
  private final byte[] secret;

  InvitationTokens(
      TokenProperties properties,
      Environment environment,
      ObjectProvider<EngineDataDirectory> dataDirectory) {
    String configured = properties.secret();
    if (configured == null || configured.isBlank()) {
      // a data directory exists where the engine keeps its state on this machine (embedded mode)
      EngineDataDirectory local = dataDirectory.getIfAvailable();
      if (local == null) {
        throw new StartupConfigurationException(
            "PASSERELLE_TOKEN_SECRET is not set, and there is no local data directory to keep a"
                + " generated one in (remote mode): invitation links need a stable secret",
            "set PASSERELLE_TOKEN_SECRET to at least "
                + MIN_SECRET_LENGTH
                + " random characters (for example: openssl rand -base64 48)");
      }
      // generated once and kept in the data directory (mode 600): links mailed before a restart
      // keep working
      this.secret = local.secret();
      LOG.info(
          "Invitation links are signed with the secret kept in the data directory"
              + " (PASSERELLE_TOKEN_SECRET, when set, wins)");
    } else {
      if (configured.length() < MIN_SECRET_LENGTH) {
        throw new StartupConfigurationException(
            "PASSERELLE_TOKEN_SECRET is too short (" + configured.length() + " characters)",
            "give it at least "
                + MIN_SECRET_LENGTH
                + " random characters (for example: openssl rand -base64 48)");
      }
      this.secret = configured.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A fresh nonce for a new invitation (or another single-use link). */
  public byte[] newNonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return nonce;
  }

  /** The link token of invitation {@code id} with {@code nonce}: 43 URL-safe characters. */
  String token(long id, byte[] nonce) {
    return token("invitation", id, nonce);
  }

  /**
   * A single-use link token for another purpose, derived the same way: {@code
   * base64url(HMAC-SHA256(secret, purpose + ":" + id + ":" + hex(nonce)))}. The client portal's
   * password-reset links use {@code "password-reset"}, so a retried mail carries the same link and
   * the database alone never yields one.
   */
  public String token(String purpose, long id, byte[] nonce) {
    if (purpose == null || !purpose.matches("[a-z][a-z-]{0,39}")) {
      throw new IllegalArgumentException("a token purpose is lower-case letters: " + purpose);
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret, HMAC));
      byte[] tag =
          mac.doFinal(
              (purpose + ":" + id + ":" + HexFormat.of().formatHex(nonce))
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  /** What is stored and looked up: SHA-256 of the token's characters. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether the text could be a token at all (so absurd input never reaches the database). */
  public static boolean plausible(String token) {
    return token != null && token.length() == 43 && token.matches("[A-Za-z0-9_-]{43}");
  }
}
