package io.passerelle.catalog;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.microsoft.Identity;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.staff.StaffErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The offers and organisational roles catalogues. Only the office administrator changes them;
 * everyone reads them. A contact can only get a role that exists and is active; a dossier can only
 * activate an offer that exists and is active.
 */
@Service
public class CatalogService {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
  private static final Pattern WIDGET_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");

  private final OfferRepository offers;
  private final OrganisationalRoleRepository roles;
  private final Locks locks;
  private final Clock clock;
  private final MicrosoftProperties microsoft;
  private final OfferCache cache;

  CatalogService(
      OfferRepository offers,
      OrganisationalRoleRepository roles,
      Locks locks,
      Clock clock,
      MicrosoftProperties microsoft) {
    this.offers = offers;
    this.roles = roles;
    this.locks = locks;
    this.clock = clock;
    this.microsoft = microsoft;
    this.cache = new OfferCache();
  }

  // ---- offers ----

  @Transactional(readOnly = true)
  public List<OfferView> offers() {
    return offers.findAll(Sort.by("code")).stream().map(Offer::view).toList();
  }

  /** The offer with this code, or {@code OFFER_UNKNOWN} (also for a withdrawn offer). */
  public OfferView activeOffer(String code) {
    String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    return cache
        .get(normalised, () -> offers.findByCode(normalised).map(Offer::view))
        .filter(OfferView::active)
        .orElseThrow(
            () ->
                DomainException.rule(
                    CatalogErrors.OFFER_UNKNOWN,
                    "offerCode",
                    "No active offer has the code '" + Texts.abbreviate(normalised, 40) + "'."));
  }

  /**
   * The offer with this code, or {@code OFFER_NOT_FOUND}. Read from a short-lived cache ({@link
   * OfferCache}): every step of every journey asks for its offer.
   */
  public OfferView offer(String code) {
    String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    return cache
        .get(normalised, () -> offers.findByCode(normalised).map(Offer::view))
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CatalogErrors.OFFER_NOT_FOUND,
                    "No offer has the code '" + Texts.abbreviate(normalised, 40) + "'."));
  }

  @Transactional(readOnly = true)
  public OfferView offer(long id) {
    return offers
        .findById(id)
        .map(Offer::view)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CatalogErrors.OFFER_NOT_FOUND, "No offer has the id " + id + "."));
  }

  /** Creates a new offer; an existing code is {@code OFFER_CODE_TAKEN}. */
  @Transactional
  public OfferView createOffer(OfferDefinition definition, Actor actor) {
    requireAdministrator(actor, "define offers");
    String code =
        definition.code() == null ? "" : definition.code().strip().toUpperCase(Locale.ROOT);
    locks.lock("offer", code);
    if (offers.findByCode(code).isPresent()) {
      throw DomainException.conflict(
          CatalogErrors.OFFER_CODE_TAKEN,
          "code",
          "An offer with the code '" + code + "' exists already.");
    }
    return defineOffer(definition, actor);
  }

  /** Creates the offer, or redefines it when the code exists. */
  @Transactional
  public OfferView defineOffer(OfferDefinition definition, Actor actor) {
    requireAdministrator(actor, "define offers");
    List<DomainException.FieldError> errors = new ArrayList<>();
    String code = code(definition.code(), "code", CODE, errors);
    String widgetCode = code(definition.widgetCode(), "widgetCode", WIDGET_CODE, errors);
    String name = text(definition.name(), "name", 100, errors);
    String description = text(definition.description(), "description", 1000, errors);
    String widgetName = text(definition.widgetName(), "widgetName", 100, errors);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
    if (definition.identity() == Identity.MICROSOFT && !microsoft.configured()) {
      throw DomainException.rule(
          CatalogErrors.MICROSOFT_NOT_CONFIGURED,
          "identity",
          "The firm's Microsoft Entra ID tenant is not configured: set "
              + String.join(", ", microsoft.missing())
              + " and restart Passerelle before giving an offer the identity MICROSOFT.");
    }
    locks.lock("offer", code);
    Offer offer = offers.findByCode(code).orElseGet(() -> new Offer(code, clock.instant()));
    offer.describe(
        new OfferDefinition(
            code,
            name,
            description,
            definition.free(),
            definition.consultGed(),
            definition.uploadDocuments(),
            definition.mobileDashboard(),
            definition.productionFileAccess(),
            widgetCode,
            widgetName,
            definition.active(),
            definition.identity()));
    OfferView saved = offers.saveAndFlush(offer).view();
    cache.forgetAfterCommit(code);
    return saved;
  }

  // ---- organisational roles ----

  @Transactional(readOnly = true)
  public List<RoleView> roles() {
    return roles.findAll(Sort.by("label")).stream().map(OrganisationalRole::view).toList();
  }

  @Transactional(readOnly = true)
  public RoleView role(long id) {
    return roles
        .findById(id)
        .map(OrganisationalRole::view)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CatalogErrors.ROLE_NOT_FOUND, "No organisational role has the id " + id + "."));
  }

  /**
   * The active role with this code, for a contact. A missing or unknown role is {@code
   * ROLE_MISSING}: the office administrator creates roles before contacts get them (seed 001).
   */
  @Transactional(readOnly = true)
  public RoleView requireRole(String code, String field) {
    if (code == null || code.isBlank()) {
      throw DomainException.rule(
          CatalogErrors.ROLE_MISSING, field, "Choose the contact's organisational role.");
    }
    String normalised = code.strip().toUpperCase(Locale.ROOT);
    return roles
        .findByCode(normalised)
        .map(OrganisationalRole::view)
        .filter(RoleView::active)
        .orElseThrow(
            () ->
                DomainException.rule(
                    CatalogErrors.ROLE_MISSING,
                    field,
                    "The organisational role '"
                        + Texts.abbreviate(normalised, 40)
                        + "' does not exist: the office administrator creates it first."));
  }

  @Transactional
  public RoleView createRole(String code, String label, Actor actor) {
    requireAdministrator(actor, "maintain the organisational roles");
    List<DomainException.FieldError> errors = new ArrayList<>();
    String normalised = code(code, "code", CODE, errors);
    String text = text(label, "label", 100, errors);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          errors.get(0).message(),
          errors);
    }
    locks.lock("role", normalised);
    locks.lock("role-label", text.toLowerCase(Locale.ROOT));
    if (roles.findByCode(normalised).isPresent()) {
      throw DomainException.conflict(
          CommonErrors.ROLE_CODE_TAKEN,
          "code",
          "A role with the code '" + normalised + "' exists already.");
    }
    if (roles.findByLabelIgnoreCase(text).isPresent()) {
      throw DomainException.conflict(
          CommonErrors.ROLE_LABEL_TAKEN, "label", "A role is already labelled '" + text + "'.");
    }
    return roles.saveAndFlush(new OrganisationalRole(normalised, text, clock.instant())).view();
  }

  @Transactional
  public RoleView updateRole(long id, String label, Boolean active, Actor actor) {
    requireAdministrator(actor, "maintain the organisational roles");
    OrganisationalRole role =
        roles
            .findById(id)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        CatalogErrors.ROLE_NOT_FOUND,
                        "No organisational role has the id " + id + "."));
    if (label != null) {
      List<DomainException.FieldError> errors = new ArrayList<>();
      String text = text(label, "label", 100, errors);
      if (!errors.isEmpty()) {
        throw new DomainException(
            DomainException.Kind.INVALID,
            CommonErrors.VALIDATION_FAILED,
            errors.get(0).message(),
            errors);
      }
      locks.lock("role-label", text.toLowerCase(Locale.ROOT));
      roles
          .findByLabelIgnoreCase(text)
          .filter(other -> !other.getId().equals(role.getId()))
          .ifPresent(
              other -> {
                throw DomainException.conflict(
                    CommonErrors.ROLE_LABEL_TAKEN,
                    "label",
                    "A role is already labelled '" + text + "'.");
              });
      role.relabel(text);
    }
    if (active != null) {
      role.setActive(active);
    }
    return roles.saveAndFlush(role).view();
  }

  private static void requireAdministrator(Actor actor, String what) {
    if (!(actor instanceof Actor.SystemActor) && !actor.isAdministrator()) {
      throw DomainException.forbidden(
          StaffErrors.ADMINISTRATOR_ONLY, "Only the office administrator may " + what + ".");
    }
  }

  private static String code(
      String value, String field, Pattern pattern, List<DomainException.FieldError> errors) {
    String code = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    if (!pattern.matcher(code).matches()) {
      errors.add(
          new DomainException.FieldError(
              field,
              CatalogErrors.INVALID_CODE,
              field + " is written in capitals, digits and underscores, starting with a letter."));
    }
    return code;
  }

  private static String text(
      String value, String field, int max, List<DomainException.FieldError> errors) {
    String text = Texts.trimToNull(value);
    if (text == null) {
      errors.add(
          new DomainException.FieldError(field, CommonErrors.REQUIRED, field + " is required."));
    } else if (text.length() > max) {
      errors.add(
          new DomainException.FieldError(
              field, CommonErrors.TOO_LONG, field + " has at most " + max + " characters."));
    } else if (Texts.hasControlCharacter(text) && max <= 100) {
      errors.add(
          new DomainException.FieldError(
              field,
              CommonErrors.CONTROL_CHARACTER,
              field + " cannot contain line breaks or tabs."));
    }
    return text;
  }
}
