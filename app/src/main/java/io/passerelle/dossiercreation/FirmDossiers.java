package io.passerelle.dossiercreation;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The firm's dossiers as a request sees them: the one with a SIRET, and one named for a link. */
@Component
class FirmDossiers {

  private final JdbcClient jdbc;

  FirmDossiers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Long> withSiret(String siret) {
    return jdbc.sql("select id from dossier where siret = ?")
        .param(siret)
        .query(Long.class)
        .optional();
  }

  Optional<DossierRequestView.DossierRef> ref(Long id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbc.sql("select id, company_name from dossier where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new DossierRequestView.DossierRef(
                    rs.getLong(1), rs.getString(2), "/api/dossiers/" + rs.getLong(1)))
        .optional();
  }
}
