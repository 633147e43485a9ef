package io.passerelle.contact;

import io.passerelle.account.AccountCriteria;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * The contacts list's filters (a text, status, type, invalid address, a dossier, the account's
 * status), within what the caller may see.
 */
@Component
class ContactSearch {

  private final ContactRepository contacts;
  private final ContactReader reader;
  private final StaffScope scopes;

  ContactSearch(ContactRepository contacts, ContactReader reader, StaffScope scopes) {
    this.contacts = contacts;
    this.reader = reader;
    this.scopes = scopes;
  }

  Page<ContactView> list(ContactFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Contact> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.contact(cb, root.get("id")));
          if (filter.q() != null && !filter.q().isBlank()) {
            String like = "%" + filter.q().strip().toLowerCase(Locale.ROOT) + "%";
            where.add(
                cb.or(
                    cb.like(cb.lower(root.get("firstName")), like),
                    cb.like(cb.lower(root.get("lastName")), like),
                    cb.like(cb.lower(root.get("companyName")), like),
                    cb.like(cb.lower(root.get("email")), like)));
          }
          if (filter.status() != null) {
            where.add(cb.equal(root.get("status"), filter.status()));
          }
          if (filter.subscriberType() != null) {
            where.add(cb.equal(root.get("subscriberType"), filter.subscriberType()));
          }
          if (filter.emailInvalid() != null) {
            where.add(cb.equal(root.get("emailInvalid"), filter.emailInvalid()));
          }
          if (filter.dossierId() != null) {
            Subquery<Long> linked = query.subquery(Long.class);
            var link = linked.from(DossierLink.class);
            linked
                .select(link.get("contactId"))
                .where(
                    cb.equal(link.get("dossierId"), filter.dossierId()),
                    cb.isNull(link.get("withdrawnAt")));
            where.add(root.get("id").in(linked));
          }
          if (filter.accountStatus() != null) {
            Predicate matches =
                AccountCriteria.contactHasAccountStatus(
                    query, cb, root.get("id"), filter.accountStatus());
            where.add(matches);
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return contacts.findAll(spec, pageable).map(reader::view);
  }
}
