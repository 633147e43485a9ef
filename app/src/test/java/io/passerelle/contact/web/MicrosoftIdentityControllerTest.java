package io.passerelle.contact.web;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.AccountView;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.microsoft.Identity;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code DELETE /api/accounts/{id}/microsoft-identity} in the web slice, the account and contact
 * services and the staff's scope mocked: the security chain, the id's binding, the account's scope
 * checked before anything, the account's contact handed to the contact service by the member signed
 * in, its answer and its refusals as problem+json. Who may forget an identity is tested with the
 * whole application ({@code microsoft.MicrosoftSignInTest}, {@code
 * security.AssignmentScopeAttackTest}).
 */
@WebSliceTest
class MicrosoftIdentityControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired ContactService contacts;
  @Autowired ScopedResources scoped;

  @Test
  @DisplayName("without credentials: 401 problem+json; nothing asked")
  void signInRequired() throws Exception {
    mvc.perform(delete("/api/accounts/12/microsoft-identity").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(accounts, contacts);
  }

  @Test
  @DisplayName("an account id that is no number: 400 problem+json, nothing asked")
  void idNotANumber() throws Exception {
    mvc.perform(forget("douze"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(accounts, contacts);
  }

  @Test
  @DisplayName(
      "the account's contact forgets the identity, by the member signed in: 200 with cleared")
  void forgotten() throws Exception {
    AccountView account = account(false);
    when(accounts.get(12)).thenReturn(account(true));
    when(contacts.forgetMicrosoftIdentity(73, CLAIRE))
        .thenReturn(new AccountService.MicrosoftIdentityCleared(account, true));

    mvc.perform(forget("12"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cleared").value(true))
        .andExpect(jsonPath("$.account.id").value(12))
        .andExpect(jsonPath("$.account.microsoftIdentityKept").value(false));
    verify(scoped).requireVisible(ScopedResources.Kind.ACCOUNT, 12);
    verify(contacts).forgetMicrosoftIdentity(73, CLAIRE);
  }

  @Test
  @DisplayName("an account out of the member's scope: the 404 of an unknown one, nothing changed")
  void outOfScope() throws Exception {
    doThrow(DomainException.notFound(CommonErrors.ACCOUNT_NOT_FOUND, "No account."))
        .when(scoped)
        .requireVisible(ScopedResources.Kind.ACCOUNT, 12);

    mvc.perform(forget("12"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("ACCOUNT_NOT_FOUND"));
    verifyNoInteractions(accounts, contacts);
  }

  @Test
  @DisplayName("a contact's identity not theirs to change: 403 CONTACT_IDENTITY_MANAGER_ONLY")
  void notTheirs() throws Exception {
    when(accounts.get(12)).thenReturn(account(true));
    when(contacts.forgetMicrosoftIdentity(73, CLAIRE))
        .thenThrow(
            DomainException.forbidden(ContactErrors.CONTACT_IDENTITY_MANAGER_ONLY, "Not yours."));

    mvc.perform(forget("12"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("CONTACT_IDENTITY_MANAGER_ONLY"));
  }

  private static MockHttpServletRequestBuilder forget(String id) {
    return delete("/api/accounts/{id}/microsoft-identity", id)
        .with(user(MANAGER))
        .accept(MediaType.APPLICATION_JSON);
  }

  private static AccountView account(boolean kept) {
    return new AccountView(
        12,
        73,
        "jean@dupont.test",
        AccountStatus.ACTIVE,
        AccountStatus.Colour.GREEN,
        "Actif",
        Instant.parse("2026-11-01T10:00:00Z"),
        null,
        null,
        null,
        Instant.parse("2026-10-01T10:00:00Z"),
        Identity.MICROSOFT,
        kept);
  }
}
