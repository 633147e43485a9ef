package io.passerelle.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * French labels of the staff pages: enum names, activity types, dates. Templates call it as
 * {@code @labels}; unknown codes read as themselves, never as an error.
 */
@Component("labels")
public class Labels {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE).withZone(PARIS);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE).withZone(PARIS);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(PARIS);

  private static final Map<String, String> ENUMS =
      Map.ofEntries(
          // subscriber and advisor types (seed 000)
          Map.entry("CLIENT", "Client"),
          Map.entry("FAMILY_MEMBER", "Membre de la famille"),
          Map.entry("EMPLOYEE", "Salarié"),
          Map.entry("ADVISOR", "Conseil"),
          Map.entry("BANKER", "Banquier"),
          Map.entry("NOTARY", "Notaire"),
          Map.entry("LAWYER", "Avocat"),
          Map.entry("OTHER", "Autre"),
          // access levels (seed 003)
          Map.entry("READ_ONLY", "Lecture seule"),
          Map.entry("READ_WRITE", "Lecture et écriture"),
          // account statuses (seed 002)
          Map.entry("NOT_INVITED", "Non activé"),
          Map.entry("PENDING", "Activation en attente"),
          Map.entry("ACTIVE", "Activé"),
          Map.entry("DISABLED", "Désactivé"),
          // widget states (seed 001)
          Map.entry("NOT_INITIALISED", "Widget non initialisé"),
          Map.entry("ENABLED", "Widget activé"),
          // invitation statuses
          Map.entry("PENDING_SEND", "Pas encore envoyée"),
          Map.entry("SENT", "Envoyée"),
          Map.entry("ACCEPTED", "Acceptée"),
          Map.entry("CANCELLED", "Annulée"),
          Map.entry("EXPIRED", "Expirée"),
          Map.entry("SUPERSEDED", "Remplacée"),
          Map.entry("BOUNCED", "Adresse refusée"),
          // collaborative services
          Map.entry("PROPOSED", "Proposé"),
          Map.entry("INVITED", "Invité"),
          Map.entry("REVOKED", "Révoqué"),
          // contact statuses
          Map.entry("DEACTIVATED", "Désactivé"),
          Map.entry("ERASED", "Effacé (RGPD)"),
          // staff roles
          Map.entry("ADMIN", "Administrateur du cabinet"),
          Map.entry("MANAGER", "Responsable de dossiers"),
          Map.entry("STAFF", "Collaborateur"),
          // onboardings and bulk items
          Map.entry("STARTING", "Démarrage"),
          Map.entry("IN_PROGRESS", "En cours"),
          Map.entry("ONBOARDED", "Client intégré"),
          Map.entry("REJECTED", "Refusée"),
          Map.entry("STARTED", "Invitation lancée"),
          Map.entry("INVALID_EMAIL", "Adresse invalide"),
          Map.entry("SKIPPED", "Écarté"),
          Map.entry("FAILED", "Échec"),
          Map.entry("COMPLETED", "Terminée"),
          Map.entry("INVITE", "Invitation"),
          Map.entry("NEW_ACCESS", "Avis de nouvel accès (compte déjà actif)"),
          Map.entry("SKIP", "Écarté"),
          Map.entry("ALREADY_ONBOARDED", "a déjà ce service"),
          Map.entry("ONBOARDING_RUNNING", "une invitation est déjà en cours"),
          Map.entry("CONTACT_INACTIVE", "interlocuteur désactivé"),
          Map.entry("ACCOUNT_DISABLED", "compte désactivé"),
          // dossier requests (seed 004) and the registry's answer
          Map.entry("LOOKING_UP", "Recherche dans le répertoire"),
          Map.entry("DETAILS_NEEDED", "Informations à compléter"),
          Map.entry("CREATING", "Création en cours"),
          Map.entry("CREATED", "Dossier créé"),
          Map.entry("SIRET_ALREADY_USED", "SIRET déjà utilisé"),
          Map.entry("FOUND", "Entreprise trouvée"),
          Map.entry("CLOSED", "Établissement fermé"),
          Map.entry("NOT_FOUND", "SIRET inconnu du répertoire"),
          // partner applications (seed 004)
          Map.entry("REDIRECT", "Application de redirection"),
          Map.entry("AUTOMATION", "Application d'automatisation"),
          // actors
          Map.entry("SYSTEM", "Passerelle"));

  private static final Map<String, String> ACTIVITY =
      Map.ofEntries(
          Map.entry("DOSSIER_CREATED", "Dossier créé"),
          Map.entry("DOSSIER_UPDATED", "Dossier modifié"),
          Map.entry("FISCAL_YEAR_ADDED", "Exercice ajouté"),
          Map.entry("STAFF_ASSIGNED", "Collaborateur affecté"),
          Map.entry("STAFF_UNASSIGNED", "Collaborateur retiré"),
          Map.entry("OFFER_ACTIVATED", "Offre activée"),
          Map.entry("WIDGET_ENABLED", "Widget activé"),
          Map.entry("WIDGET_DISABLED", "Widget désactivé"),
          Map.entry("CONTACT_CREATED", "Interlocuteur créé"),
          Map.entry("CONTACT_UPDATED", "Interlocuteur modifié"),
          Map.entry("CONTACT_EMAIL_CHANGED", "Adresse e-mail corrigée"),
          Map.entry("CONTACT_EMAIL_INVALID", "Adresse e-mail invalide"),
          Map.entry("CONTACT_DEACTIVATED", "Interlocuteur désactivé"),
          Map.entry("CONTACT_REACTIVATED", "Interlocuteur réactivé"),
          Map.entry("CONTACT_DELETED", "Interlocuteur supprimé"),
          Map.entry("CONTACT_ERASED", "Interlocuteur effacé (RGPD)"),
          Map.entry("ACCESS_GRANTED", "Accès au dossier donné"),
          Map.entry("ACCESS_CHANGED", "Accès au dossier modifié"),
          Map.entry("ACCESS_WITHDRAWN", "Accès au dossier retiré"),
          Map.entry("GED_ACCESS_REVOKED", "Accès à la GED révoqué"),
          Map.entry("GED_ACCESS_RESTORED", "Accès à la GED rétabli"),
          Map.entry("SERVICE_PROPOSED", "Service collaboratif proposé"),
          Map.entry("SERVICE_INVITED", "Client invité au service"),
          Map.entry("SERVICE_ACTIVATED", "Service collaboratif actif"),
          Map.entry("SERVICE_CANCELLED", "Service collaboratif annulé"),
          Map.entry("SERVICE_EXPIRED", "Service collaboratif expiré"),
          Map.entry("SERVICE_REVOKED", "Service collaboratif révoqué"),
          Map.entry("ACCOUNT_CREATED", "Compte client créé"),
          Map.entry("ACCOUNT_ACTIVATED", "Compte client activé"),
          Map.entry("ACCOUNT_DISABLED", "Compte client désactivé"),
          Map.entry("ACCOUNT_ENABLED", "Compte client réactivé"),
          Map.entry("INVITATION_ISSUED", "Invitation préparée"),
          Map.entry("INVITATION_SENT", "Invitation envoyée"),
          Map.entry("INVITATION_REMINDED", "Relance envoyée"),
          Map.entry("INVITATION_SUPERSEDED", "Invitation remplacée"),
          Map.entry("INVITATION_CANCELLED", "Invitation annulée"),
          Map.entry("INVITATION_EXPIRED", "Invitation expirée"),
          Map.entry("INVITATION_EXTENDED", "Invitation prolongée"),
          Map.entry("INVITATION_BOUNCED", "Invitation refusée par le serveur de messagerie"),
          Map.entry("INVITATION_ACCEPTED", "Invitation acceptée"),
          Map.entry("NEW_ACCESS_NOTICE", "Avis de nouvel accès envoyé"),
          Map.entry("ONBOARDING_REJECTED", "Intégration refusée"),
          Map.entry("ONBOARDING_CANCELLED", "Intégration annulée"),
          Map.entry("ONBOARDING_RESTARTED", "Intégration relancée (processus perdu)"),
          Map.entry("ONBOARDING_CLOSED", "Intégration close (processus perdu)"),
          Map.entry("DOSSIER_REQUEST_RESTARTED", "Création de dossier relancée (processus perdu)"),
          Map.entry("INCIDENTS_RETRIED", "Incidents relancés"),
          Map.entry("ONBOARDING_COMPLETED", "Intégration terminée"),
          Map.entry("ONBOARDING_REQUESTED", "Service collaboratif proposé (intégration demandée)"),
          Map.entry("INVITATION_RESEND_REQUESTED", "Renvoi de l'invitation demandé"),
          Map.entry("INVITATION_SEND_REQUESTED", "Envoi de l'invitation demandé"),
          Map.entry("STAFF_TASK_COMPLETED", "Tâche terminée"),
          Map.entry("BULK_INVITATION_STARTED", "Invitation groupée lancée"),
          Map.entry("BULK_INVITATION_COMPLETED", "Invitation groupée terminée"),
          Map.entry("ACCOUNT_PASSWORD_RESET", "Mot de passe client réinitialisé"),
          Map.entry("DOSSIER_REQUESTED", "Création de dossier demandée"),
          Map.entry("DOSSIER_REQUEST_DUPLICATE", "Création refusée : SIRET déjà utilisé"),
          Map.entry("DOCUMENT_TREE_CHOSEN", "Arborescence choisie"),
          Map.entry("PARTNER_APPLICATION_CHANGED", "Application partenaire modifiée"),
          Map.entry("DOSSIERS_IMPORTED", "Dossiers importés"),
          Map.entry("ADVISOR_REGISTERED", "Conseiller enregistré"),
          // staff notifications
          Map.entry("CLIENT_ACTIVATED", "Un client a activé son compte"));

  /** The French label of an enum constant or code. */
  public String of(Object value) {
    if (value == null) {
      return "";
    }
    String code = value instanceof Enum<?> e ? e.name() : value.toString();
    return ENUMS.getOrDefault(code, ACTIVITY.getOrDefault(code, code));
  }

  /** An activity type (or a notification type) as a sentence. */
  /**
   * A bulk invitation's item status: its {@code PENDING} is a row not processed yet, not an account
   * awaiting activation (which the page counts apart).
   */
  public String bulkItem(Object status) {
    return "PENDING".equals(String.valueOf(status)) ? "À traiter" : of(status);
  }

  public String activity(Object type) {
    if (type == null) {
      return "";
    }
    String code = type instanceof Enum<?> e ? e.name() : type.toString();
    return ACTIVITY.getOrDefault(code, code);
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant);
  }

  public String date(Instant instant) {
    return instant == null ? "" : DATE.format(instant);
  }

  /** For {@code <time datetime="…">}. */
  public String iso(Instant instant) {
    return instant == null ? "" : ISO.format(instant);
  }

  /** "3 j 4 h", "5 h 12 min", "40 min": a duration as staff read it. */
  public String duration(Duration duration) {
    if (duration == null) {
      return "—";
    }
    long minutes = duration.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = duration.toHours();
    if (hours < 48) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return duration.toDays() + " j " + (hours % 24) + " h";
  }

  /** A process's name for staff, by its BPMN process id. */
  public static String processName(String bpmnProcessId) {
    return switch (bpmnProcessId == null ? "" : bpmnProcessId) {
      case "Process_ClientInvitation" -> "Invitation du client";
      case "Process_ClientOnboarding" -> "Intégration d'un client";
      case "Process_BulkInvitation" -> "Invitation groupée";
      case "Process_DossierCreation" -> "Création d'un dossier client";
      default -> bpmnProcessId;
    };
  }
}
