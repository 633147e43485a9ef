package io.passerelle.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface OfferRepository extends JpaRepository<Offer, Long> {

  Optional<Offer> findByCode(String code);
}
