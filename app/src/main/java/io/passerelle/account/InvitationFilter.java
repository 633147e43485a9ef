package io.passerelle.account;

/**
 * Which invitations to list; every field optional.
 *
 * @param pending only live ones (to be sent or sent, not yet accepted)
 * @param neverSent only those issued but never sent ("invited but never sent", seed 002)
 * @param emailInvalid only those whose address was refused
 */
public record InvitationFilter(
    InvitationStatus status,
    Boolean pending,
    Boolean neverSent,
    Boolean emailInvalid,
    Long accountId,
    Long dossierId) {}
