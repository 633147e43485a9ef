package io.passerelle.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Before a controller reads one dossier-scoped resource ({@link ScopedResources#READS}), checks
 * that the signed-in staff member may see it; otherwise the answer is the resource's own 404
 * (problem+json on the API, the French page on the staff pages, through their exception handlers).
 * Writes are checked by the services' rules (403 with a code saying who may), see design.md.
 */
class ScopeInterceptor implements HandlerInterceptor {

  private final ScopedResources resources;

  ScopeInterceptor(ScopedResources resources) {
    this.resources = resources;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod)
        || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
      return true;
    }
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    ScopedResources.Named named =
        pattern == null ? null : ScopedResources.READS.get(pattern.toString());
    if (named == null) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String value = variables == null ? null : variables.get(named.variable());
    long id;
    try {
      id = Long.parseLong(value);
    } catch (NumberFormatException | NullPointerException e) {
      return true; // the controller answers its own 400
    }
    resources.requireVisible(named.kind(), id);
    return true;
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration implements WebMvcConfigurer {

    private final ScopedResources resources;

    Registration(ScopedResources resources) {
      this.resources = resources;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
      registry.addInterceptor(new ScopeInterceptor(resources));
    }
  }
}
