package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import java.util.Map;

/**
 * The services refuse in English with a stable code (the API's contract); a person reads the
 * refusal in French here. A code with no translation yet shows the service's own sentence.
 */
final class FrenchMessages {

  private static final Map<String, String> BY_CODE =
      Map.ofEntries(
          Map.entry(
              "EXTERNAL_ACCESS_MANAGER_ONLY",
              "Seul le responsable du dossier ou l'administrateur du cabinet peut donner, modifier"
                  + " ou retirer l'accès d'un tiers à ce dossier."),
          Map.entry(
              "DOSSIER_MANAGER_ONLY",
              "Seul le responsable du dossier ou l'administrateur du cabinet peut faire cela."),
          Map.entry(
              "DOSSIER_STAFF_ONLY",
              "Seuls les collaborateurs affectés au dossier ou l'administrateur du cabinet peuvent"
                  + " faire cela."),
          Map.entry(
              "MANAGER_OR_ADMINISTRATOR_ONLY",
              "Seuls les responsables des dossiers de l'interlocuteur ou l'administrateur du"
                  + " cabinet peuvent faire cela."),
          Map.entry("ADMINISTRATOR_ONLY", "Seul l'administrateur du cabinet peut faire cela."),
          Map.entry("DOSSIER_UNKNOWN", "Ce dossier n'existe pas."),
          Map.entry("CONTACT_NOT_FOUND", "Cet interlocuteur n'existe pas."),
          Map.entry("LINK_NOT_FOUND", "Cet accès au dossier n'existe pas."),
          Map.entry("INVITATION_NOT_FOUND", "Cette invitation n'existe pas."),
          Map.entry("NOTIFICATION_NOT_FOUND", "Vous n'avez pas cette notification."),
          Map.entry("OFFER_UNKNOWN", "Cette offre n'existe pas dans le catalogue du cabinet."),
          Map.entry("OFFER_NOT_FOUND", "Cette offre n'existe pas dans le catalogue du cabinet."),
          Map.entry(
              "OFFER_NOT_ACTIVE",
              "Cette offre n'est pas active sur le dossier : activez-la d'abord."),
          Map.entry(
              "CONTACT_EMAIL_TAKEN", "Un autre interlocuteur utilise déjà cette adresse e-mail."),
          Map.entry(
              "ACCOUNT_EMAIL_TAKEN", "Un autre compte client utilise déjà cette adresse e-mail."),
          Map.entry("CONTACT_INACTIVE", "Cet interlocuteur est désactivé ou effacé."),
          Map.entry("CONTACT_ERASED", "Cet interlocuteur a été effacé (RGPD)."),
          Map.entry("INVALID_EMAIL", "Cette adresse e-mail n'est pas valide."),
          Map.entry(
              "HOLDER_ACCESS_PERMANENT",
              "L'accès d'un titulaire du dossier ne peut jamais être retiré."),
          Map.entry(
              "INVITATION_NOT_LIVE",
              "Ce lien d'invitation n'est plus valable (accepté, remplacé, annulé ou expiré)."),
          Map.entry(
              "ACCOUNT_ALREADY_ACTIVE",
              "Le compte de ce client est déjà activé : il reçoit un avis de nouvel accès, pas"
                  + " une invitation."),
          Map.entry(
              "ACCOUNT_DISABLED",
              "Le compte de ce client est désactivé : réactivez d'abord l'interlocuteur."),
          Map.entry("ROLE_MISSING", "Choisissez une fonction du catalogue du cabinet."),
          Map.entry("ROLE_NOT_FOUND", "Cette fonction n'existe pas dans le catalogue."),
          Map.entry("NAME_REQUIRED", "Donnez un prénom, un nom ou une raison sociale."),
          Map.entry("REQUIRED", "Ce champ est obligatoire."),
          Map.entry("TOO_LONG", "Ce texte est trop long."),
          Map.entry("CONTROL_CHARACTER", "Ce texte ne peut pas contenir de retour à la ligne."),
          Map.entry("INVALID_PHONE", "Ce numéro de téléphone n'est pas valide."),
          Map.entry("ADVISOR_TYPE_REQUIRED", "Précisez le type de conseil."),
          Map.entry("ADVISOR_TYPE_NOT_ALLOWED", "Seuls les conseils ont un type de conseil."),
          Map.entry("SERVICE_ENDED", "Ce service collaboratif est terminé."),
          Map.entry("SERVICE_ACTIVE", "Ce service collaboratif est déjà actif."),
          Map.entry("INVALID_SORT", "Ce tri n'est pas possible."),
          Map.entry("ONBOARDING_NOT_FOUND", "Cette intégration n'existe pas."),
          Map.entry(
              "ONBOARDING_ALREADY_RUNNING",
              "Une intégration à cette offre est déjà en cours pour cet interlocuteur sur ce"
                  + " dossier : renvoyez ou annulez son invitation."),
          Map.entry(
              "SERVICE_ALREADY_ACTIVE", "Cet interlocuteur a déjà cette offre sur ce dossier."),
          Map.entry(
              "ONBOARDING_ENDED",
              "Cette intégration est terminée : son invitation ne change plus."),
          Map.entry(
              "INVITATION_ALREADY_SENT", "L'invitation est déjà partie : renvoyez-la plutôt."),
          Map.entry("INVITATION_NOT_PENDING", "Il n'y a pas d'invitation en attente à renvoyer."),
          Map.entry(
              "EMAIL_CORRECTION_PENDING",
              "La dernière invitation est revenue : corrigez d'abord l'adresse e-mail (tâche"
                  + " « Corriger l'adresse e-mail »)."),
          Map.entry(
              "CONTACT_REQUIRED",
              "Choisissez un interlocuteur existant ou donnez les coordonnées d'un nouveau (pas"
                  + " les deux)."),
          Map.entry(
              "NOBODY_TO_INVITE", "Les dossiers choisis n'ont aucun interlocuteur à inviter."),
          Map.entry(
              "TASK_NOT_FOUND", "Cette tâche n'est plus ouverte : elle a peut-être été faite."),
          Map.entry(
              "TASK_NOT_YOURS",
              "Cette tâche est attribuée à quelqu'un d'autre : seuls cette personne ou"
                  + " l'administrateur du cabinet peuvent la traiter."),
          Map.entry("DECISION_REQUIRED", "Choisissez la suite : renvoyer, prolonger ou annuler."),
          Map.entry(
              "CONSULTATION_ONLY_CONTACT",
              "Un interlocuteur en consultation seule n'a qu'un accès en lecture."),
          Map.entry("HOLDER_MUST_BE_CLIENT", "Seul un client peut être titulaire du dossier."),
          Map.entry("VALIDATION_FAILED", "Certaines informations ne sont pas valables."));

  private FrenchMessages() {}

  static String of(DomainException e) {
    String french = BY_CODE.get(e.code());
    if (french == null && !e.fieldErrors().isEmpty()) {
      french = BY_CODE.get(e.fieldErrors().get(0).code());
    }
    return french != null ? french : e.getMessage();
  }

  static String ofCode(String code, String fallback) {
    return BY_CODE.getOrDefault(code, fallback);
  }
}
