package io.passerelle.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether Passerelle keeps the firm's staff as users of the Camunda cluster ({@link
 * CamundaStaffUsers}): remote mode only, on a self-managed cluster whose users Camunda itself
 * manages (basic authentication). Off by default: on Camunda SaaS, or behind an OpenID Connect
 * provider, the people come from that provider and the cluster has no users of its own to create.
 *
 * @param enabled PASSERELLE_CAMUNDA_STAFF_IDENTITIES_ENABLED
 */
@ConfigurationProperties("passerelle.camunda.staff-identities")
public record StaffIdentityProperties(@DefaultValue("false") boolean enabled) {}
