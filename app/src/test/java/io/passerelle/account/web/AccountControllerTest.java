package io.passerelle.account.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationFilter;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.ClientSlices;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * {@code /api/accounts} and {@code /api/invitations} in the web slice, the account and invitation
 * services mocked: the security chain, the filters' and the paging's binding and checks (400
 * problem+json), what reaches the services, the answers as JSON, a missing account as 404. What the
 * lists hold and who sees which invitations are tested with the whole application ({@code
 * account.InvitationServiceTest}, {@code security.AssignmentScopeAttackTest}).
 */
@WebSliceTest
class AccountControllerTest {

  static final StaffPrincipal STAFF = WebSlices.member(9, "Paul", "Bernard", StaffRole.STAFF);

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired InvitationService invitations;
  @Autowired ScopedResources scoped;

  @Test
  @DisplayName("without credentials: 401 problem+json; no service asked")
  void signInRequired() throws Exception {
    for (String path : List.of("/api/accounts", "/api/accounts/21", "/api/invitations/pending")) {
      mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
          .andExpect(WebSlices.signInRequired());
    }
    verifyNoInteractions(accounts, invitations);
  }

  @Test
  @DisplayName("the accounts: status, search and paging given to the service, the page as JSON")
  void accounts() throws Exception {
    when(accounts.list(any(), any(), any()))
        .thenReturn(
            new PageImpl<>(
                List.of(ClientSlices.account(21, 210, "lea@client.test")),
                PageRequest.of(0, 5),
                1));

    mvc.perform(
            get("/api/accounts")
                .param("status", "ACTIVE")
                .param("q", "lea")
                .param("sort", "createdAt,desc")
                .param("size", "5")
                .with(user(STAFF)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].id").value(21))
        .andExpect(jsonPath("$.content[0].email").value("lea@client.test"))
        .andExpect(jsonPath("$.content[0].status").value("ACTIVE"))
        .andExpect(jsonPath("$.page.totalElements").value(1));
    verify(accounts)
        .list(AccountStatus.ACTIVE, "lea", PageRequest.of(0, 5, Sort.by("createdAt").descending()));
  }

  @Test
  @DisplayName("a status that does not exist, a sort or a size the API refuses: 400 problem+json")
  void badParameters() throws Exception {
    mvc.perform(get("/api/accounts").param("status", "ACTIF").with(user(STAFF)))
        .andExpect(problem(400, "INVALID_PARAMETER"));
    mvc.perform(get("/api/accounts").param("sort", "passwordHash").with(user(STAFF)))
        .andExpect(problem(400, "INVALID_SORT"));
    mvc.perform(get("/api/invitations").param("size", "1000").with(user(STAFF)))
        .andExpect(problem(400, "INVALID_PAGING"))
        .andExpect(WebSlices.fieldError("size", "OUT_OF_RANGE"));
    mvc.perform(get("/api/invitations").param("pending", "peut-être").with(user(STAFF)))
        .andExpect(problem(400, "INVALID_PARAMETER"));
    mvc.perform(get("/api/accounts/vingt-et-un").with(user(STAFF)))
        .andExpect(problem(400, "INVALID_PARAMETER"));
    verifyNoInteractions(accounts, invitations);
  }

  @Test
  @DisplayName("an account that does not exist: 404 problem+json ACCOUNT_NOT_FOUND")
  void accountNotFound() throws Exception {
    when(accounts.get(404))
        .thenThrow(DomainException.notFound(CommonErrors.ACCOUNT_NOT_FOUND, "no account 404"));

    mvc.perform(get("/api/accounts/404").with(user(STAFF)))
        .andExpect(problem(404, "ACCOUNT_NOT_FOUND"));
    mvc.perform(get("/api/accounts/404/invitations").with(user(STAFF)))
        .andExpect(problem(404, "ACCOUNT_NOT_FOUND"));
    verifyNoInteractions(invitations);
  }

  @Test
  @DisplayName("an account's invitations: only those the member may see")
  void accountInvitations() throws Exception {
    var visible = invitation(31, 7L);
    var all = List.of(visible, invitation(32, 8L));
    when(invitations.forAccount(21)).thenReturn(all);
    when(scoped.keepVisible(any(), any())).thenReturn(List.of(visible));

    mvc.perform(get("/api/accounts/21/invitations").with(user(STAFF)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].id").value(31))
        .andExpect(jsonPath("$[0].dossierId").value(7));
    verify(accounts).get(21);
    verify(scoped).keepVisible(any(), any());
  }

  @Test
  @DisplayName("the invitations: every filter given to the service, newest first by default")
  void invitationsFiltered() throws Exception {
    when(invitations.list(any(), any())).thenReturn(Page.empty());

    mvc.perform(
            get("/api/invitations")
                .param("status", "SENT")
                .param("pending", "true")
                .param("neverSent", "false")
                .param("emailInvalid", "true")
                .param("accountId", "21")
                .param("dossierId", "7")
                .with(user(STAFF)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content").isEmpty());
    verify(invitations)
        .list(
            new InvitationFilter(InvitationStatus.SENT, true, false, true, 21L, 7L),
            PageRequest.of(0, 10, Sort.by("createdAt").descending()));
  }

  @Test
  @DisplayName("the pending activations: the filters, never sent first; one invitation by id")
  void pendingAndOne() throws Exception {
    when(invitations.pendingActivations(any(), any(), any())).thenReturn(Page.empty());
    when(invitations.get(31)).thenReturn(invitation(31, 7L));

    mvc.perform(get("/api/invitations/pending").param("neverSent", "true").with(user(STAFF)))
        .andExpect(status().isOk());
    verify(invitations).pendingActivations(true, null, PageRequest.of(0, 10, Sort.by("sentAt")));

    mvc.perform(get("/api/invitations/31").with(user(STAFF)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.email").value("lea@client.test"))
        .andExpect(jsonPath("$.status").value("SENT"));
  }

  private static ResultMatcher problem(int status, String code) {
    return ResultMatcher.matchAll(
        status().is(status),
        content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
        jsonPath("$.code").value(code));
  }

  static InvitationView invitation(long id, Long dossierId) {
    Instant sent = Instant.parse("2026-11-02T09:00:00Z");
    return new InvitationView(
        id,
        21,
        dossierId,
        null,
        null,
        "lea@client.test",
        InvitationStatus.SENT,
        null,
        new InvitationView.InvitedBy("STAFF", 9L, null),
        null,
        0,
        null,
        false,
        sent,
        sent,
        sent.plusSeconds(7 * 86_400),
        null,
        null,
        null,
        null);
  }
}
