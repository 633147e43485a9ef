/**
 * Operations (issue 18, item 6): what an operator of the firm needs when the engine and the
 * database disagree, and when incidents pile up. The reconciliation at start-up and on demand lists
 * onboardings and dossier requests in progress whose process instance the engine no longer runs
 * (health detail {@code reconciliation}, page {@code /operations}) with their actions; the
 * incidents of every instance are grouped by kind and retried selected or by kind, in bounded
 * batches. ADMIN only. The engine is used only through {@link io.passerelle.engine.ProcessEngine},
 * in both modes.
 */
package io.passerelle.operations;
