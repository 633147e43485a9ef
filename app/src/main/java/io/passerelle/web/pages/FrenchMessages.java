package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import java.util.Map;

/**
 * The services refuse in English with a stable code (the API's contract); a person reads the
 * refusal in French here. A code with no translation yet shows the service's own sentence.
 */
public final class FrenchMessages {

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
          Map.entry(
              "CONTACT_IDENTITY_MANAGER_ONLY",
              "Seuls le responsable de chacun des dossiers de cet interlocuteur et l'administrateur"
                  + " du cabinet peuvent changer son adresse e-mail, son type, sa fonction ou sa"
                  + " consultation seule, ou le réactiver."),
          Map.entry(
              "INVITEE_NOT_ALLOWED",
              "Cette personne ne peut pas être invitée depuis l'espace client : le responsable du"
                  + " dossier peut lui donner accès."),
          Map.entry("ADMINISTRATOR_ONLY", "Seul l'administrateur du cabinet peut faire cela."),
          Map.entry("DOSSIER_UNKNOWN", "Ce dossier n'existe pas."),
          Map.entry(
              "ENGINE_NOT_FOUND",
              "Le moteur de processus ne connaît pas (ou plus) cette instance ou cette tâche."),
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
              "FOLLOW_UP_ALREADY_DECIDED",
              "La tâche de suivi vient d'être terminée (dans Tasklist ou par un collègue) : rien"
                  + " n'a été renvoyé. Rechargez la page pour voir où en est l'invitation."),
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
          Map.entry("VALIDATION_FAILED", "Certaines informations ne sont pas valables."),
          // dossier creation, set-up, advisors and import (seeds 003 and 004)
          Map.entry(
              "DOSSIER_CREATION_MANAGER_ONLY",
              "Seuls les responsables de dossiers et l'administrateur du cabinet créent ou"
                  + " importent des dossiers."),
          Map.entry(
              "INVALID_SIRET",
              "Un SIRET a 14 chiffres et une clé de contrôle valable : vérifiez-le."),
          Map.entry("INVALID_NAF_CODE", "Un code NAF s'écrit comme 69.20Z."),
          Map.entry("INVALID_COUNTRY", "Un pays s'écrit avec son code en deux lettres (FR)."),
          Map.entry("INVALID_DATE", "Ce n'est pas une date : écrivez 31/12/2026 ou 2026-12-31."),
          Map.entry(
              "INVALID_FISCAL_YEAR",
              "Un exercice se termine après son début et dure moins de 24 mois."),
          Map.entry("FISCAL_YEAR_OVERLAP", "Cet exercice chevauche un autre exercice."),
          Map.entry("STAFF_UNKNOWN", "Aucun collaborateur actif du cabinet ne correspond."),
          Map.entry(
              "MANAGER_ROLE_REQUIRED",
              "Le responsable d'un dossier est un responsable de dossiers ou l'administrateur"
                  + " du cabinet."),
          Map.entry(
              "DOCUMENT_TREE_REQUIRED",
              "Le cabinet a plusieurs arborescences : choisissez celle de ce dossier."),
          Map.entry(
              "DOCUMENT_TREE_UNKNOWN",
              "Cette arborescence n'existe pas dans le catalogue du cabinet."),
          Map.entry(
              "PARTNER_APPLICATION_INVALID",
              "Certaines applications partenaires ne sont pas bien renseignées."),
          Map.entry(
              "PARTNER_APPLICATION_UNKNOWN",
              "Cette application partenaire n'existe pas dans le catalogue du cabinet."),
          Map.entry("PARTNER_APPLICATION_REPEATED", "Cette application est choisie deux fois."),
          Map.entry(
              "PORTAL_FOR_REDIRECT_ONLY",
              "Seules les applications de redirection s'affichent sur le portail du dirigeant."),
          Map.entry(
              "ACCESS_NOT_ALLOWED",
              "Autorisez l'accès à l'application avant de l'afficher sur le portail du"
                  + " dirigeant."),
          Map.entry(
              "SETTING_REQUIRED",
              "Cette information est nécessaire à l'application quand l'accès est autorisé."),
          Map.entry(
              "SETTING_INVALID",
              "Cette valeur n'est pas au format attendu par l'application (une ligne, sans"
                  + " caractères spéciaux)."),
          Map.entry("SETTING_UNKNOWN", "L'application ne connaît pas ce paramètre."),
          Map.entry(
              "DIRECTOR_INVITATION_MANAGER_ONLY",
              "Seul le futur responsable du dossier ou l'administrateur du cabinet invite son"
                  + " dirigeant : laissez le dirigeant vide, son responsable l'invitera depuis la"
                  + " page du dossier."),
          Map.entry(
              "DOSSIER_REQUEST_NOT_FOUND", "Cette demande de création de dossier n'existe pas."),
          Map.entry(
              "DOSSIER_REQUEST_OWNER_ONLY",
              "Seuls la personne qui a demandé ce dossier, son responsable et l'administrateur"
                  + " du cabinet peuvent faire cela."),
          Map.entry(
              "TASK_NOT_OPEN",
              "Cette demande n'attend pas les informations de l'entreprise en ce moment :"
                  + " rechargez la page dans un instant."),
          Map.entry(
              "LOOKUP_NOT_PENDING",
              "Le répertoire des entreprises n'est plus interrogé pour cette demande : il n'y a"
                  + " rien à interrompre."),
          Map.entry(
              "NO_INCIDENT",
              "La recherche dans le répertoire n'est pas en incident : il n'y a rien à relancer."),
          Map.entry(
              "REGISTRY_UNAVAILABLE",
              "Le répertoire des entreprises ne répond pas pour le moment : saisissez les"
                  + " informations vous-même, ou réessayez dans un instant."),
          Map.entry(
              "CONTACT_NOT_ADVISOR",
              "Cette adresse appartient à un interlocuteur qui n'est pas un conseil :"
                  + " enregistrez le conseiller avec sa propre adresse."),
          Map.entry(
              "ADVISOR_ACCESS_MANAGER_ONLY",
              "Seul le responsable du dossier donne accès à un conseil."),
          Map.entry("EMPTY_FILE", "Le fichier est vide."),
          Map.entry(
              "NOT_CSV",
              "Ce fichier n'est pas un CSV lisible : dans le tableur, « Enregistrer sous » CSV"
                  + " UTF-8 ou « CSV (séparateur : point-virgule) », puis envoyez ce fichier."),
          Map.entry(
              "INVALID_CSV",
              "Le fichier n'est pas un CSV valable (des guillemets mal fermés, une ligne trop"
                  + " longue…)."),
          Map.entry("NO_ROWS", "Le fichier n'a que sa ligne d'en-tête : aucun dossier dessous."),
          Map.entry("ALREADY_IMPORTED", "Ce fichier a déjà été importé : ses dossiers existent."),
          Map.entry(
              "FILE_TOO_LARGE",
              "Le fichier dépasse la taille permise : découpez-le en plusieurs fichiers."),
          Map.entry(
              "MISSING_COLUMNS",
              "Il manque des colonnes à la ligne d'en-tête : partez du modèle à télécharger."),
          Map.entry(
              "UNKNOWN_COLUMNS",
              "La ligne d'en-tête a des colonnes que l'import ne connaît pas : partez du modèle"
                  + " à télécharger."),
          Map.entry("MISSING_COLUMN", "Cette colonne manque."),
          Map.entry("UNKNOWN_COLUMN", "Cette colonne est inconnue."),
          Map.entry("DUPLICATE_COLUMN", "Cette colonne apparaît deux fois."),
          Map.entry(
              "IMPORT_ABORTED",
              "Un dossier a changé pendant l'import : rien n'a été importé. Envoyez le fichier à"
                  + " nouveau."),
          Map.entry("IMPORT_NOT_FOUND", "Cet import n'existe pas."),
          Map.entry(
              "FORMULA_NOT_ALLOWED",
              "Une cellule qui commence par =, +, - ou @ serait exécutée comme une formule par"
                  + " un tableur : retirez ce signe."),
          Map.entry(
              "MARKUP_NOT_ALLOWED",
              "Les balises (<…>) ne sont pas acceptées : écrivez le texte sans balises."),
          Map.entry(
              "MISSING_CELLS",
              "Il manque des cellules sur cette ligne : un séparateur manque, ou la ligne a été"
                  + " coupée."),
          Map.entry("SIRET_REPEATED", "Ce SIRET figure déjà sur une ligne précédente du fichier."),
          Map.entry("SIRET_ALREADY_USED", "Ce SIRET est déjà utilisé par un dossier du cabinet."),
          Map.entry(
              "DIRECTOR_REPEATED",
              "Ce dirigeant figure déjà sur une ligne précédente : une personne par ligne, liez-la"
                  + " à l'autre dossier ensuite."),
          Map.entry(
              "DIRECTOR_MANAGER_ONLY",
              "Seul le responsable du dossier ou l'administrateur du cabinet donne accès à son"
                  + " dirigeant : importez cette ligne en tant que son responsable, ou sans le"
                  + " dirigeant."));

  private FrenchMessages() {}

  public static String of(DomainException e) {
    String french = BY_CODE.get(e.code());
    if (french == null && !e.fieldErrors().isEmpty()) {
      french = BY_CODE.get(e.fieldErrors().get(0).code());
    }
    return french != null ? french : e.getMessage();
  }

  public static String ofCode(String code, String fallback) {
    return BY_CODE.getOrDefault(code, fallback);
  }
}
