package io.passerelle.operations;

/**
 * What a retry did: how many incidents were asked for, how many this call resolved (the others were
 * resolved already, by a first click or by someone else).
 */
public record RetryOutcome(int requested, int retried) {}
