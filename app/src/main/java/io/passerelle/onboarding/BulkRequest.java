package io.passerelle.onboarding;

import java.util.List;

/**
 * A bulk invitation (seed 002): the dossiers chosen, all their contacts or a chosen subset, one
 * offer and one custom message.
 *
 * @param contactIds null or empty = every contact with access to the chosen dossiers
 */
public record BulkRequest(
    List<Long> dossierIds, List<Long> contactIds, String offerCode, String customMessage) {}
