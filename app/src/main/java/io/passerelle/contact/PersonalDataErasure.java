package io.passerelle.contact;

import io.passerelle.domain.EmailAddresses;
import io.passerelle.engine.EngineCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The copies of a contact's personal data outside {@code contact} and {@code client_account}, which
 * GDPR erasure ({@link ContactService#erase}) must reach too, in the erasing transaction:
 *
 * <ul>
 *   <li>{@code invitation}: the address each link went to (→ the erased address) and the custom
 *       message (→ null);
 *   <li>{@code mail_log}: the mails about the contact (its invitations, onboardings, reset links,
 *       account, new-link requests): recipient (→ the erased address when it was the contact's),
 *       subject (the client's name in staff notices: scrubbed), last error (→ null);
 *   <li>{@code onboarding}: the custom message and the new contact's data (rejected onboardings
 *       keep it: → {@code {"erased": true}});
 *   <li>{@code email_correction}: deleted;
 *   <li>{@code activity} (inside the erasure's own exception to the append-only trigger, V93): the
 *       entries of the contact and of its onboardings lose their staff notes and any trace of the
 *       name or address (the rest of the feed holds ids and codes only);
 *   <li>{@code staff_notification}: the contact's rows scrubbed;
 *   <li>{@code dossier_request}: the director's data when the request invited this contact;
 *   <li>{@code dossier_import}: report lines that name the contact, scrubbed;
 *   <li>{@code idempotency_key}: stored answers (24 h) that mention the contact, deleted;
 *   <li>the engine: the variables that could hold personal data are set to null on the contact's
 *       process instances still running (both modes), through the engine command outbox written in
 *       this transaction: done after the commit even if the engine is down then.
 * </ul>
 *
 * "Mention" means the contact's addresses (the current one and every earlier one found in its
 * invitations and mails) or its names, case-insensitively. Returns counts only.
 */
@Component
class PersonalDataErasure {

  static final String ERASED = "[effacé]";
  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataErasure.class);
  private static final List<String> PERSONAL_VARIABLES =
      List.of("correctedEmail", "correctionNote", "followUpNote");

  private final JdbcTemplate jdbc;
  private final EngineCommands commands;

  PersonalDataErasure(JdbcTemplate jdbc, EngineCommands commands) {
    this.jdbc = jdbc;
    this.commands = commands;
  }

  /** What the contact is known as, read before the contact row is blanked. */
  record Identity(long contactId, Long accountId, String email, List<String> names) {}

  /** Where the contact shows, found before anything is scrubbed. */
  private record Footprint(
      long contactId,
      Long[] onboardings,
      String[] keyPatterns,
      String[] addresses,
      String pattern) {}

  /**
   * Erases every copy; {@code anonymous} is the address that replaces the contact's. Runs inside
   * the caller's transaction; returns how many rows of each kind were touched.
   */
  Map<String, Integer> erase(Identity who, String anonymous) {
    Footprint found = footprint(who, anonymous);
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.queryForObject("select set_config('passerelle.erasure', 'on', true)", String.class);
    scrubMails(who, anonymous, found, counts);
    scrubJourney(found, counts);
    scrubCopies(found, counts);
    List<Long> instances = runningInstances(found.contactId());
    counts.put("processInstances", instances.size());
    clearVariables(found.contactId(), instances);
    return counts;
  }

  /**
   * Where the contact shows: its onboardings, the keys of the mails about it, every address it was
   * known by, and a pattern matching those addresses and its names.
   */
  private Footprint footprint(Identity who, String anonymous) {
    long id = who.contactId();
    Long[] onboardings =
        jdbc.queryForList("select id from onboarding where contact_id = ?", Long.class, id)
            .toArray(Long[]::new);
    String[] keyPatterns = mailKeys(who, onboardings);
    Set<String> addresses = addresses(who, keyPatterns);
    addresses.remove(null);
    addresses.remove(EmailAddresses.comparable(anonymous));
    List<String> literals = new ArrayList<>(addresses);
    for (String name : who.names()) {
      if (name != null && name.strip().length() >= 2) {
        literals.add(name.strip());
      }
    }
    // longest first, so "Jeanne Martin" goes before "Jeanne"
    literals.sort((a, b) -> b.length() - a.length());
    return new Footprint(
        id, onboardings, keyPatterns, addresses.toArray(String[]::new), regex(literals));
  }

  /** The {@code like} patterns of the mails' keys about the contact. */
  private String[] mailKeys(Identity who, Long[] onboardings) {
    List<Long> invitationIds = ofAccount(who, "select id from invitation where account_id = ?");
    List<Long> resets = ofAccount(who, "select id from password_reset where account_id = ?");
    List<String> mailKeys = new ArrayList<>();
    for (Long invitation : invitationIds) {
      mailKeys.add("invitation/" + invitation + "/%");
    }
    for (Long onboarding : onboardings) {
      mailKeys.add("onboarding/" + onboarding + "/%");
    }
    for (Long reset : resets) {
      mailKeys.add("password-reset/" + reset + "/%");
    }
    if (who.accountId() != null) {
      mailKeys.add("account/" + who.accountId() + "/%");
      mailKeys.add("new-link-request/" + who.accountId() + "/%");
    }
    return mailKeys.toArray(String[]::new);
  }

  private List<Long> ofAccount(Identity who, String sql) {
    return who.accountId() == null
        ? List.of()
        : jdbc.queryForList(sql, Long.class, who.accountId());
  }

  /** Every address the contact was known by (lower case). */
  private Set<String> addresses(Identity who, String[] keyPatterns) {
    long id = who.contactId();
    Set<String> addresses = new LinkedHashSet<>();
    addresses.add(EmailAddresses.comparable(who.email()));
    if (who.accountId() != null) {
      addresses.addAll(
          jdbc.queryForList(
              "select distinct lower(email) from invitation where account_id = ?",
              String.class,
              who.accountId()));
      addresses.addAll(
          jdbc.queryForList(
              "select distinct lower(email) from client_account where id = ?",
              String.class,
              who.accountId()));
    }
    addresses.addAll(
        jdbc.queryForList(
            "select distinct lower(email) from email_correction where contact_id = ?",
            String.class,
            id));
    addresses.addAll(
        jdbc.queryForList(
            "select distinct lower(new_contact->>'email') from onboarding"
                + " where contact_id = ? and new_contact->>'email' is not null",
            String.class,
            id));
    if (keyPatterns.length > 0) {
      addresses.addAll(
          jdbc.queryForList(
              "select distinct lower(recipient) from mail_log where message_key like any (?)"
                  + " and kind not in ('STAFF_CLIENT_ACTIVATED', 'STAFF_NOTICE')",
              String.class,
              (Object) keyPatterns));
    }
    return addresses;
  }

  /** The invitations' addresses and messages, and the mails about the contact. */
  private void scrubMails(
      Identity who, String anonymous, Footprint found, Map<String, Integer> counts) {
    if (who.accountId() != null) {
      counts.put(
          "invitations",
          jdbc.update(
              "update invitation set email = ?, custom_message = null where account_id = ?",
              anonymous,
              who.accountId()));
    }
    counts.put(
        "mailLog",
        found.keyPatterns().length == 0 && found.addresses().length == 0
            ? 0
            : jdbc.update(
                """
                update mail_log set
                    recipient = case when lower(recipient) = any (?) then ? else recipient end,
                    subject = case when subject is null then null
                                   else regexp_replace(subject, ?, ?, 'gi') end,
                    last_error = null,
                    updated_at = now()
                where message_key like any (?) or lower(recipient) = any (?)
                """,
                found.addresses(),
                anonymous,
                found.pattern(),
                ERASED,
                found.keyPatterns(),
                found.addresses()));
  }

  /** The journey's rows: onboardings, address corrections, the activity feed. */
  private void scrubJourney(Footprint found, Map<String, Integer> counts) {
    long id = found.contactId();
    counts.put(
        "onboardings",
        jdbc.update(
            """
            update onboarding set custom_message = null,
                new_contact = case when new_contact is null then null
                                   else '{"erased": true}'::jsonb end
            where contact_id = ?
               or (new_contact is not null and lower(new_contact->>'email') = any (?))
            """,
            id,
            found.addresses()));
    counts.put(
        "guestInvitations",
        jdbc.update(
            "update guest_invitation set invited_email = null, redeemed_email = null,"
                + " failure_message = null where onboarding_id = any (?)",
            (Object) found.onboardings()));
    counts.put(
        "emailCorrections", jdbc.update("delete from email_correction where contact_id = ?", id));
    counts.put(
        "activity",
        jdbc.update(
            """
            update activity set details = regexp_replace(
                (select coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
                 from jsonb_each(details) as e(k, v) where k !~* 'note$')::text,
                ?, ?, 'gi')::jsonb
            where contact_id = ?
               or (jsonb_typeof(details->'onboardingId') = 'number'
                   and (details->>'onboardingId')::bigint = any (?))
            """,
            found.pattern(),
            ERASED,
            id,
            found.onboardings()));
  }

  /** Copies elsewhere: staff notifications, dossier requests, import reports, stored answers. */
  private void scrubCopies(Footprint found, Map<String, Integer> counts) {
    String pattern = found.pattern();
    counts.put(
        "staffNotifications",
        jdbc.update(
            "update staff_notification set details = regexp_replace(details::text, ?, ?, 'gi')::jsonb"
                + " where contact_id = ?",
            pattern,
            ERASED,
            found.contactId()));
    counts.put(
        "dossierRequests",
        jdbc.update(
            """
            update dossier_request set director_first_name = null, director_last_name = null,
                director_email = null, director_phone = null, director_message = null
            where director_onboarding_id = any (?) or lower(director_email) = any (?)
            """,
            found.onboardings(),
            found.addresses()));
    counts.put(
        "dossierImports",
        jdbc.update(
            "update dossier_import set report = regexp_replace(report::text, ?, ?, 'gi')::jsonb"
                + " where report::text ~* ?",
            pattern,
            ERASED,
            pattern));
    counts.put(
        "idempotencyAnswers",
        jdbc.update("delete from idempotency_key where response_body ~* ?", pattern));
  }

  /** The contact's process instances still running (the onboarding's and the invitation's). */
  private List<Long> runningInstances(long id) {
    List<Long> instances = new ArrayList<>();
    instances.addAll(
        jdbc.queryForList(
            "select process_instance_key from onboarding where contact_id = ?"
                + " and process_instance_key is not null and ended_at is null",
            Long.class,
            id));
    instances.addAll(
        jdbc.queryForList(
            "select invitation_process_key from onboarding where contact_id = ?"
                + " and invitation_process_key is not null and ended_at is null",
            Long.class,
            id));
    return instances;
  }

  private void clearVariables(long contactId, List<Long> instances) {
    Map<String, Object> blank = new HashMap<>();
    for (String name : PERSONAL_VARIABLES) {
      blank.put(name, null);
    }
    for (long key : instances) {
      commands.setVariables(key, blank, "erasure-contact-" + contactId + "-instance-" + key);
    }
  }

  /** A PostgreSQL regular expression matching any of the literals (ASCII punctuation escaped). */
  static String regex(List<String> literals) {
    if (literals.isEmpty()) {
      return "a^";
    }
    StringBuilder re = new StringBuilder();
    for (String literal : literals) {
      if (!re.isEmpty()) {
        re.append('|');
      }
      for (char c : literal.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ') {
          re.append('\\');
        }
        re.append(c);
      }
    }
    return re.toString();
  }
}
