package io.passerelle.web;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The API's paging parameters, checked: {@code page} a whole number from 0, {@code size} from 1 to
 * {@link #MAX_SIZE}, {@code sort} one of the properties each resource names, optionally {@code
 * ,asc} or {@code ,desc}. Anything else is a 400 {@code INVALID_PAGING} with one field error per
 * parameter at fault — never a silent fallback to the default page (Spring Data's resolver, which
 * reads the parameters first, would otherwise replace {@code size=abc} by 20 and {@code size=2000}
 * by 100).
 */
public final class ApiPaging {

  /** The largest page the API serves (README, "API"). */
  public static final int MAX_SIZE = 100;

  private ApiPaging() {}

  public static Pageable check(Pageable pageable, Set<String> sortable) {
    List<DomainException.FieldError> errors = new ArrayList<>();
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
      checkRaw(current.getRequest(), sortable, errors);
    }
    for (Sort.Order order : pageable.getSort()) {
      if (!sortable.contains(order.getProperty())
          && errors.stream().noneMatch(e -> e.field().equals("sort"))) {
        errors.add(sortError(sortable));
      }
    }
    if (pageable.isPaged() && pageable.getPageSize() > MAX_SIZE) {
      errors.add(sizeError());
    }
    if (!errors.isEmpty()) {
      boolean onlySort = errors.stream().allMatch(e -> e.field().equals("sort"));
      throw new DomainException(
          DomainException.Kind.INVALID,
          onlySort ? CommonErrors.INVALID_SORT : ApiErrors.INVALID_PAGING,
          errors.get(0).message(),
          errors);
    }
    return pageable;
  }

  private static void checkRaw(
      HttpServletRequest request, Set<String> sortable, List<DomainException.FieldError> errors) {
    String page = request.getParameter("page");
    if (page != null && !wholeNumber(page, 0, Integer.MAX_VALUE - 1)) {
      errors.add(
          new DomainException.FieldError(
              "page", ApiErrors.INVALID_VALUE, "page is a whole number from 0 (the first page)."));
    }
    String size = request.getParameter("size");
    if (size != null && !wholeNumber(size, 1, MAX_SIZE)) {
      errors.add(sizeError());
    }
    String[] sorts = request.getParameterValues("sort");
    if (sorts != null) {
      for (String sort : sorts) {
        if (!validSort(sort, sortable)) {
          errors.add(sortError(sortable));
          break;
        }
      }
    }
  }

  /** {@code property[,property…][,asc|desc]}, as Spring Data reads it. */
  private static boolean validSort(String sort, Set<String> sortable) {
    String[] parts = sort.split(",", -1);
    int properties = parts.length;
    String last = parts[parts.length - 1].strip().toLowerCase(Locale.ROOT);
    if (parts.length > 1 && (last.equals("asc") || last.equals("desc"))) {
      properties--;
    }
    if (properties == 0) {
      return false;
    }
    for (int i = 0; i < properties; i++) {
      if (!sortable.contains(parts[i].strip())) {
        return false;
      }
    }
    return true;
  }

  private static boolean wholeNumber(String text, int min, int max) {
    String value = text.strip();
    if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
      return false;
    }
    long number = Long.parseLong(value);
    return number >= min && number <= max;
  }

  private static DomainException.FieldError sizeError() {
    return new DomainException.FieldError(
        "size", ApiErrors.OUT_OF_RANGE, "size is a whole number from 1 to " + MAX_SIZE + ".");
  }

  private static DomainException.FieldError sortError(Set<String> sortable) {
    return new DomainException.FieldError(
        "sort",
        CommonErrors.INVALID_SORT,
        "This list sorts by "
            + String.join(", ", new TreeSet<>(sortable))
            + " (optionally followed by ,asc or ,desc).");
  }
}
