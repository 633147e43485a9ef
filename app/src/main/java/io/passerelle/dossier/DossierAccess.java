package io.passerelle.dossier;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import org.springframework.stereotype.Component;

/**
 * Who may do what on a dossier: managers and the administrator create dossiers; its manager or the
 * administrator changes it, its staff and its external access; its assigned staff work on it. The
 * system actor (a process step) passes every check: its command was authorised when accepted.
 */
@Component
class DossierAccess {

  private final StaffService staff;
  private final StaffScope scopes;

  DossierAccess(StaffService staff, StaffScope scopes) {
    this.staff = staff;
    this.scopes = scopes;
  }

  /** The manager of a new dossier: the one asked for, or the manager who creates it. */
  long managerFor(Long requested, Actor actor) {
    if (actor instanceof Actor.SystemActor) {
      if (requested == null) {
        throw DomainException.invalid("REQUIRED", "managerId", "Choose the dossier's manager.");
      }
      return requested;
    }
    if (!(actor instanceof Actor.Staff member)) {
      throw creatorsOnly();
    }
    StaffView me = staff.get(member.staffId());
    if (me.role() == StaffRole.STAFF) {
      throw creatorsOnly();
    }
    if (requested == null) {
      if (me.role() == StaffRole.ADMIN) {
        throw DomainException.invalid("REQUIRED", "managerId", "Choose the dossier's manager.");
      }
      return me.id();
    }
    return requested;
  }

  private static DomainException creatorsOnly() {
    return DomainException.forbidden(
        "MANAGER_OR_ADMINISTRATOR_ONLY",
        "Only a manager or the office administrator creates dossiers.");
  }

  /** An active staff member with the MANAGER or ADMIN role, to manage a dossier. */
  StaffView requireManagerRole(long staffId) {
    StaffView manager = staff.requireActive(staffId, "managerId");
    if (manager.role() == StaffRole.STAFF) {
      throw DomainException.rule(
          "MANAGER_ROLE_REQUIRED",
          "managerId",
          manager.displayName()
              + " is not a manager: a dossier's manager has the MANAGER or ADMIN role.");
    }
    return manager;
  }

  void requireManagerOrAdministrator(Dossier dossier, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.getManagerId()) {
      return;
    }
    StaffView manager = staff.get(dossier.getManagerId());
    throw DomainException.forbidden(
        "DOSSIER_MANAGER_ONLY",
        "Only the dossier's manager, "
            + manager.displayName()
            + " ("
            + manager.username()
            + "), or the office administrator may "
            + what
            + ".");
  }

  void requireAssignedOrAdministrator(Dossier dossier, Actor actor, String what) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member
        && dossier.getAssignedStaffIds().contains(member.staffId())) {
      return;
    }
    throw DomainException.forbidden(
        "DOSSIER_STAFF_ONLY",
        "Only the staff assigned to this dossier or the office administrator may " + what + ".");
  }

  /**
   * Only the dossier's manager or the office administrator grants, changes or removes access for
   * external parties on a dossier (seed 003); anyone else is told who can.
   */
  void requireExternalAccessManager(Dossier dossier, Actor actor) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.getManagerId()) {
      return;
    }
    StaffView manager = staff.get(dossier.getManagerId());
    // who to ask is told (the staff directory is open to staff); the dossier is named only to
    // someone who may see it
    boolean named = scopes.current().sees(dossier.getManagerId(), dossier.getAssignedStaffIds());
    throw DomainException.forbidden(
        "EXTERNAL_ACCESS_MANAGER_ONLY",
        "Only the dossier's manager, "
            + manager.displayName()
            + " ("
            + manager.username()
            + "), or the office administrator may grant, change or remove access for external"
            + " parties on "
            + (named ? "the dossier " + dossier.getCompanyName() : "this dossier")
            + ".");
  }
}
