package io.passerelle.staff;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.ErrorCode;
import io.passerelle.domain.Locks;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.domain.Texts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's staff. Only an administrator (or Passerelle itself at start-up) creates or changes
 * staff members; the last active administrator can be neither demoted nor deactivated.
 */
@Service
public class StaffService {

  /** Camunda assignees: lower-case letters, digits, dot, dash, underscore. */
  public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

  private final StaffRepository staff;
  private final PasswordEncoder passwords;
  private final PasswordPolicy policy;
  private final Locks locks;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  StaffService(
      StaffRepository staff,
      PasswordEncoder passwords,
      PasswordPolicy policy,
      Locks locks,
      Clock clock,
      ApplicationEventPublisher events) {
    this.staff = staff;
    this.passwords = passwords;
    this.policy = policy;
    this.locks = locks;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public StaffView create(NewStaffMember request, Actor actor) {
    requireAdministrator(actor, "create staff members");
    String username =
        request.username() == null ? "" : request.username().strip().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(username).matches()) {
      throw DomainException.invalid(
          StaffErrors.INVALID_USERNAME,
          "username",
          "A username has 2 to 64 lower-case letters, digits, dots, dashes or underscores,"
              + " starting with a letter or digit (it is also the Tasklist assignee).");
    }
    String email = EmailAddresses.require(request.email(), "email");
    List<DomainException.FieldError> errors = new ArrayList<>();
    String firstName = name(request.firstName(), "firstName", errors);
    String lastName = name(request.lastName(), "lastName", errors);
    if (request.role() == null) {
      errors.add(
          new DomainException.FieldError(
              "role", CommonErrors.REQUIRED, "Choose ADMIN, MANAGER or STAFF."));
    }
    checkPassword(request.password(), email, errors);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
    locks.lock("staff-username", username);
    locks.lock("staff-email", EmailAddresses.comparable(email));
    if (staff.findByUsername(username).isPresent()) {
      throw DomainException.conflict(
          CommonErrors.USERNAME_TAKEN,
          "username",
          "The username '" + username + "' is already taken.");
    }
    if (staff.findByEmailIgnoreCase(email).isPresent()) {
      throw DomainException.conflict(
          CommonErrors.STAFF_EMAIL_TAKEN,
          "email",
          "Another staff member already uses this e-mail address.");
    }
    var member =
        new StaffMember(
            username,
            email,
            firstName,
            lastName,
            request.role(),
            passwords.encode(request.password()),
            clock.instant());
    StaffView created = staff.saveAndFlush(member).view();
    events.publishEvent(new StaffMemberChanged(created.id()));
    return created;
  }

  @Transactional
  public StaffView update(long id, StaffChanges changes, Actor actor) {
    requireAdministrator(actor, "change staff members");
    StaffMember member = find(id);
    var now = clock.instant();
    List<DomainException.FieldError> errors = new ArrayList<>();
    if (changes.firstName() != null || changes.lastName() != null) {
      String first =
          changes.firstName() == null
              ? member.view().firstName()
              : name(changes.firstName(), "firstName", errors);
      String last =
          changes.lastName() == null
              ? member.view().lastName()
              : name(changes.lastName(), "lastName", errors);
      member.rename(first, last, now);
    }
    if (changes.password() != null) {
      checkPassword(
          changes.password(),
          changes.email() != null ? changes.email() : member.getEmail(),
          errors);
      if (errors.isEmpty()) {
        member.changePasswordHash(passwords.encode(changes.password()), now);
      }
    }
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
    if (changes.email() != null) {
      changeEmail(member, changes.email(), now);
    }
    keepAnAdministrator(member, changes);
    if (changes.role() != null) {
      member.changeRole(changes.role(), now);
    }
    if (changes.active() != null) {
      member.setActive(changes.active(), now);
    }
    StaffView updated = staff.saveAndFlush(member).view();
    if (changes.email() != null
        || changes.firstName() != null
        || changes.lastName() != null
        || changes.role() != null
        || changes.active() != null) {
      // not for a password alone: the cluster never gets Passerelle's passwords
      events.publishEvent(new StaffMemberChanged(updated.id()));
    }
    return updated;
  }

  /** A new address, which no other staff member uses ({@code STAFF_EMAIL_TAKEN}). */
  private void changeEmail(StaffMember member, String newEmail, Instant now) {
    String email = EmailAddresses.require(newEmail, "email");
    locks.lock("staff-email", EmailAddresses.comparable(email));
    staff
        .findByEmailIgnoreCase(email)
        .filter(other -> !other.getId().equals(member.getId()))
        .ifPresent(
            other -> {
              throw DomainException.conflict(
                  CommonErrors.STAFF_EMAIL_TAKEN,
                  "email",
                  "Another staff member already uses this e-mail address.");
            });
    member.changeEmail(email, now);
  }

  /** The firm's last active administrator keeps the role ({@code LAST_ADMINISTRATOR}). */
  private void keepAnAdministrator(StaffMember member, StaffChanges changes) {
    boolean losesAdministration =
        member.getRole() == StaffRole.ADMIN
            && member.isActive()
            && ((changes.role() != null && changes.role() != StaffRole.ADMIN)
                || Boolean.FALSE.equals(changes.active()));
    if (losesAdministration) {
      locks.lock("staff-administrators", "all");
      if (staff.countByRoleAndActiveTrue(StaffRole.ADMIN) <= 1) {
        throw DomainException.conflict(
            StaffErrors.LAST_ADMINISTRATOR,
            "This is the firm's last active administrator: make someone else administrator"
                + " first.");
      }
    }
  }

  @Transactional(readOnly = true)
  public StaffView get(long id) {
    return find(id).view();
  }

  @Transactional(readOnly = true)
  public Optional<StaffView> findByUsername(String username) {
    return username == null
        ? Optional.empty()
        : staff.findByUsername(username.strip().toLowerCase(Locale.ROOT)).map(StaffMember::view);
  }

  @Transactional(readOnly = true)
  public Page<StaffView> list(StaffRole role, Boolean active, Pageable pageable) {
    return staff.search(role, active, pageable).map(StaffMember::view);
  }

  /**
   * The active staff member with this id, for features that point at one (a dossier's manager, its
   * assigned staff); refuses with {@code STAFF_UNKNOWN} on {@code field} otherwise.
   */
  @Transactional(readOnly = true)
  public StaffView requireActive(Long id, String field) {
    if (id == null) {
      throw DomainException.invalid(CommonErrors.REQUIRED, field, "Choose a staff member.");
    }
    return staff
        .findById(id)
        .filter(StaffMember::isActive)
        .map(StaffMember::view)
        .orElseThrow(
            () ->
                DomainException.rule(
                    StaffErrors.STAFF_UNKNOWN,
                    field,
                    "No active staff member has the id " + id + "."));
  }

  /**
   * The staff member as they are now, for open sessions (their role or state may have changed since
   * they signed in).
   */
  @Transactional(readOnly = true)
  public Optional<StaffView> current(long id) {
    return staff.findById(id).map(StaffMember::view);
  }

  /**
   * The active staff member with this address, whatever its case: who signs in with Microsoft
   * (issue 23, staff single sign-on). Nobody is ever created from a sign-in.
   */
  @Transactional(readOnly = true)
  public Optional<StaffView> activeByEmail(String email) {
    return email == null || email.isBlank()
        ? Optional.empty()
        : staff
            .findByEmailIgnoreCase(email.strip())
            .filter(StaffMember::isActive)
            .map(StaffMember::view);
  }

  /** The password hash for sign-in (the security configuration's user details). */
  @Transactional(readOnly = true)
  public Optional<Credentials> credentials(String username) {
    return staff
        .findByUsername(username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
        .map(m -> new Credentials(m.view(), m.getPasswordHash()));
  }

  @Transactional(readOnly = true)
  public boolean anyAdministrator() {
    return staff.countByRoleAndActiveTrue(StaffRole.ADMIN) > 0;
  }

  /** A staff member's identity and password hash, for authentication only. */
  public record Credentials(StaffView staff, String passwordHash) {}

  private StaffMember find(long id) {
    return staff
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    StaffErrors.STAFF_NOT_FOUND, "No staff member has the id " + id));
  }

  private static void requireAdministrator(Actor actor, String what) {
    if (!(actor instanceof Actor.SystemActor) && !actor.isAdministrator()) {
      throw DomainException.forbidden(
          StaffErrors.ADMINISTRATOR_ONLY, "Only the office administrator may " + what + ".");
    }
  }

  private static String name(String value, String field, List<DomainException.FieldError> errors) {
    String trimmed = Texts.trimToNull(value);
    if (trimmed == null) {
      errors.add(
          new DomainException.FieldError(field, CommonErrors.REQUIRED, field + " is required."));
    } else if (trimmed.length() > 100) {
      errors.add(
          new DomainException.FieldError(
              field, CommonErrors.TOO_LONG, field + " has at most 100 characters."));
    } else if (Texts.hasControlCharacter(trimmed)) {
      errors.add(
          new DomainException.FieldError(
              field,
              CommonErrors.CONTROL_CHARACTER,
              field + " cannot contain line breaks or tabs."));
    }
    return trimmed;
  }

  /** The clients' password policy ({@link PasswordPolicy}), with the API's codes and words. */
  private void checkPassword(
      String password, String email, List<DomainException.FieldError> errors) {
    policy
        .check(password, null, email)
        .ifPresent(
            violation ->
                errors.add(
                    switch (violation) {
                      case REQUIRED, TOO_SHORT ->
                          passwordError(
                              CommonErrors.PASSWORD_TOO_SHORT,
                              "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
                      case TOO_LONG ->
                          passwordError(
                              CommonErrors.PASSWORD_TOO_LONG,
                              "A password has at most "
                                  + PasswordPolicy.MAX_BYTES
                                  + " bytes in UTF-8 (72 characters without accents; an accented"
                                  + " letter counts 2, an emoji 4).");
                      case CONTROL_CHARACTER ->
                          passwordError(
                              CommonErrors.PASSWORD_CONTROL_CHARACTER,
                              "A password cannot contain control characters (NUL, tab, line"
                                  + " break).");
                      case IS_EMAIL ->
                          passwordError(
                              CommonErrors.PASSWORD_IS_EMAIL,
                              "A password cannot be the e-mail address, nor look like it.");
                      case COMMON, MISMATCH ->
                          passwordError(
                              CommonErrors.PASSWORD_COMMON,
                              "This password is among the most common ones, or a row of keys:"
                                  + " choose another (a sentence of a few words, for example).");
                    }));
  }

  private static DomainException.FieldError passwordError(ErrorCode code, String message) {
    return new DomainException.FieldError("password", code, message);
  }
}
