/**
 * The firm's Microsoft Entra ID tenant (issue 23): its configuration ({@link
 * io.passerelle.microsoft.MicrosoftProperties}), the {@link io.passerelle.microsoft.Identity} an
 * offer's clients sign in with, and the guest invitations sent through Microsoft Graph before the
 * service invitation. On the ground floor: it uses only {@code config}, {@code domain} and {@code
 * web}.
 */
package io.passerelle.microsoft;
