package io.passerelle.web;

import io.passerelle.domain.DomainException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** Lists sort only by the properties each resource names; anything else is a 400 problem. */
public final class ApiPaging {

  private ApiPaging() {}

  public static Pageable check(Pageable pageable, Set<String> sortable) {
    for (Sort.Order order : pageable.getSort()) {
      if (!sortable.contains(order.getProperty())) {
        throw DomainException.invalid(
            "INVALID_SORT",
            "sort",
            "This list sorts by " + String.join(", ", new TreeSet<>(sortable)) + ".");
      }
    }
    return pageable;
  }
}
