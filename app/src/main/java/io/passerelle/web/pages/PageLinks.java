package io.passerelle.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** Pagination of the pages: page numbers from the query, and links that keep the filters. */
public final class PageLinks {

  static final int PAGE_SIZE = 25;

  private PageLinks() {}

  public static Pageable page(Integer page) {
    return page(page, Sort.unsorted());
  }

  public static Pageable page(Integer page, Sort sort) {
    int number = page == null || page < 0 ? 0 : Math.min(page, 100_000);
    return PageRequest.of(number, PAGE_SIZE, sort);
  }

  /**
   * The path with the non-empty filters, ending with {@code ?} or {@code &} so the pager can append
   * {@code page=n}.
   */
  public static String base(String path, Map<String, ?> filters) {
    StringBuilder url = new StringBuilder(path).append('?');
    for (var entry : filters.entrySet()) {
      Object value = entry.getValue();
      if (value == null || value.toString().isBlank() || Boolean.FALSE.equals(value)) {
        continue;
      }
      url.append(encode(entry.getKey())).append('=').append(encode(value.toString())).append('&');
    }
    return url.toString();
  }

  public static Map<String, Object> filters(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
