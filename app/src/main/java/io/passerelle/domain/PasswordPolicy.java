package io.passerelle.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a password follows, a client's (when they activate their space and when they choose a
 * new one) and a staff member's (created or changed by the administrator, {@code StaffService}): at
 * least 12 characters, at most {@value #MAX_BYTES} bytes in UTF-8 (bcrypt reads no further: a
 * longer password would be cut silently, and Spring's encoder refuses it), no control character
 * (NUL, line breaks, tabs: they cannot be typed back reliably), not the e-mail address, and not a
 * common password.
 *
 * <p>"Common" means, ignoring case: one of the 30,000 most frequent leaked passwords (the data of
 * zxcvbn4j, unpacked at build time to {@code portal/common-passwords.txt}, see app/pom.xml), or of
 * a short list of French favourites written for Passerelle ({@code
 * portal/common-passwords-fr.txt}); or such a word with only digits and symbols around it
 * ("Soleil2024!!"); or one short piece repeated ("abcabcabcabc"); or a run of a keyboard row, the
 * alphabet or digits ("azertyuiopqs", "123456789012").
 *
 * <p>The answer is a {@link Violation} code; the pages turn it into a sentence in the client's
 * language.
 */
@Component
public class PasswordPolicy {

  public static final int MIN_LENGTH = 12;

  /** bcrypt's limit: it hashes the first 72 bytes of the password and refuses more. */
  public static final int MAX_BYTES = 72;

  /** Why a password is refused. */
  public enum Violation {
    REQUIRED,
    CONTROL_CHARACTER,
    TOO_SHORT,
    TOO_LONG,
    IS_EMAIL,
    COMMON,
    MISMATCH
  }

  private static final Pattern REPEATED = Pattern.compile("(.{1,4}?)\\1+");
  private static final List<String> RUNS =
      List.of(
          "01234567890123456789",
          "abcdefghijklmnopqrstuvwxyz",
          "azertyuiopqsdfghjklmwxcvbn",
          "qwertyuiopasdfghjklzxcvbnm",
          "qwertzuiopasdfghjklyxcvbnm",
          "azertyuiop",
          "qsdfghjklm",
          "wxcvbn",
          "qwertyuiop",
          "asdfghjkl",
          "zxcvbnm");

  private final Set<String> common;

  public PasswordPolicy() {
    Set<String> words = new HashSet<>(40_000);
    load("portal/common-passwords.txt", words, true);
    load("portal/common-passwords-fr.txt", words, true);
    this.common = Set.copyOf(words);
  }

  /** How many common passwords are known (the build must have unpacked the list). */
  int commonCount() {
    return common.size();
  }

  /** The first rule the password breaks, if any; {@code confirmation} null skips that check. */
  public Optional<Violation> check(String password, String confirmation, String email) {
    if (password == null || password.isEmpty()) {
      return Optional.of(Violation.REQUIRED);
    }
    if (hasControlCharacter(password)) {
      return Optional.of(Violation.CONTROL_CHARACTER);
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of(Violation.TOO_SHORT);
    }
    if (tooLong(password)) {
      return Optional.of(Violation.TOO_LONG);
    }
    if (isEmail(password, email)) {
      return Optional.of(Violation.IS_EMAIL);
    }
    if (isCommon(password)) {
      return Optional.of(Violation.COMMON);
    }
    if (confirmation != null && !confirmation.equals(password)) {
      return Optional.of(Violation.MISMATCH);
    }
    return Optional.empty();
  }

  /** More than {@value #MAX_BYTES} bytes in UTF-8 (an "é" is 2, an emoji 4). */
  public static boolean tooLong(String password) {
    // a UTF-16 char is at most 3 bytes in UTF-8 (a surrogate pair, 2 chars, is 4)
    return password.length() * 3 > MAX_BYTES
        && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }

  /** NUL and the other C0/C1 control characters, line breaks and tabs included. */
  public static boolean hasControlCharacter(String password) {
    return password.chars().anyMatch(Character::isISOControl);
  }

  boolean isCommon(String password) {
    String lower = password.strip().toLowerCase(Locale.ROOT);
    if (common.contains(lower)) {
      return true;
    }
    String core = stripNonLetters(lower);
    if (core.length() >= 4 && common.contains(core)) {
      return true;
    }
    if (REPEATED.matcher(lower).matches()) {
      return true;
    }
    for (String run : RUNS) {
      String doubled = run + run;
      String reversed = new StringBuilder(doubled).reverse().toString();
      if (doubled.contains(lower) || reversed.contains(lower)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmail(String password, String email) {
    if (email == null || email.isBlank()) {
      return false;
    }
    String lower = password.strip().toLowerCase(Locale.ROOT);
    String address = email.strip().toLowerCase(Locale.ROOT);
    if (lower.contains(address)) {
      return true;
    }
    int at = address.indexOf('@');
    String local = at > 0 ? address.substring(0, at) : address;
    // "jeanne.martin" + a year is the address in disguise
    return local.length() >= 4 && stripNonLetters(lower).equals(stripNonLetters(local));
  }

  /** The text without the digits and symbols at its start and end. */
  private static String stripNonLetters(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && !Character.isLetter(text.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetter(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static void load(String resource, Set<String> into, boolean required) {
    InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      if (required) {
        throw new IllegalStateException(
            "The list of common passwords "
                + resource
                + " is missing from the classpath: build the application with Maven (the"
                + " generate-resources phase unpacks it, see app/pom.xml)");
      }
      return;
    }
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String word = line.strip().toLowerCase(Locale.ROOT);
        if (!word.isEmpty() && !word.startsWith("#")) {
          into.add(word);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
