package io.passerelle.web.pages;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.web.util.WebUtils;

/**
 * A form that creates something carries a request id; the same form posted twice (a double click,
 * the browser's "resend") creates once: the second post gets the first one's result. Remembered in
 * the member's session, for the last few forms.
 */
public final class FormOnce {

  private FormOnce() {}

  public static long run(HttpSession session, String kind, String requestId, LongSupplier create) {
    synchronized (WebUtils.getSessionMutex(session)) {
      Remembered done = remembered(session, kind);
      Long already = requestId == null ? null : done.get(requestId);
      if (already != null) {
        return already;
      }
      long created = create.getAsLong();
      if (requestId != null) {
        done.put(requestId, created);
      }
      return created;
    }
  }

  private static Remembered remembered(HttpSession session, String kind) {
    String attribute = FormOnce.class.getName() + "." + kind;
    if (session.getAttribute(attribute) instanceof Remembered known) {
      return known;
    }
    Remembered fresh = new Remembered();
    session.setAttribute(attribute, fresh);
    return fresh;
  }

  /** The last 50 request ids and what they created. */
  private static final class Remembered extends LinkedHashMap<String, Long>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > 50;
    }
  }
}
