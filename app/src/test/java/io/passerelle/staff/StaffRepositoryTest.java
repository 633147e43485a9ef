package io.passerelle.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.RepositoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The staff members' queries on real PostgreSQL (a JPA slice; each test rolls back). */
@RepositoryTest
class StaffRepositoryTest {

  static final PageRequest BY_ID = PageRequest.of(0, 10, Sort.by("id"));

  @Autowired StaffRepository staff;
  @Autowired JdbcTemplate jdbc;

  long admin;
  long manager;
  long formerManager;
  long assistant;

  @BeforeEach
  void fourMembers() {
    admin = member("sr.admin", "Admin.Slice@Staff.example", "ADMIN", true);
    manager = member("sr.manager", "manager.slice@staff.example", "MANAGER", true);
    formerManager = member("sr.former", "former.slice@staff.example", "MANAGER", false);
    assistant = member("sr.assistant", "assistant.slice@staff.example", "STAFF", true);
  }

  long member(String username, String email, String role, boolean active) {
    return jdbc.queryForObject(
        "insert into staff_member (username, email, first_name, last_name, role, password_hash,"
            + " active) values (?, ?, 'S', 'R', ?, 'x', ?) returning id",
        Long.class,
        username,
        email,
        role,
        active);
  }

  @Test
  @DisplayName("a staff member is found by the exact username")
  void findByUsername() {
    assertThat(staff.findByUsername("sr.manager"))
        .get()
        .extracting(StaffMember::getId)
        .isEqualTo(manager);
    assertThat(staff.findByUsername("sr.manage")).isEmpty();
  }

  @Test
  @DisplayName(
      "a staff member is found by e-mail whatever the case of the stored and asked address")
  void findByEmailIgnoreCase() {
    assertThat(staff.findByEmailIgnoreCase("admin.slice@STAFF.example"))
        .get()
        .extracting(StaffMember::getId)
        .isEqualTo(admin);
    assertThat(staff.findByEmailIgnoreCase("admin@staff.example")).isEmpty();
  }

  @Test
  @DisplayName("a search without role or activity filter returns every member")
  void searchUnfiltered() {
    var page = staff.search(null, null, BY_ID);

    assertThat(page.getContent())
        .extracting(StaffMember::getId)
        .containsExactly(admin, manager, formerManager, assistant);
  }

  @Test
  @DisplayName("a search by role returns the members of the role, active or not")
  void searchByRole() {
    assertThat(staff.search(StaffRole.MANAGER, null, BY_ID).getContent())
        .extracting(StaffMember::getId)
        .containsExactly(manager, formerManager);
  }

  @Test
  @DisplayName("a search by activity returns the inactive members alone, or the active ones")
  void searchByActivity() {
    assertThat(staff.search(null, false, BY_ID).getContent())
        .extracting(StaffMember::getId)
        .containsExactly(formerManager);
    assertThat(staff.search(null, true, BY_ID).getContent())
        .extracting(StaffMember::getId)
        .containsExactly(admin, manager, assistant);
  }

  @Test
  @DisplayName("a search by role and activity keeps the members that match both, paged")
  void searchByRoleAndActivity() {
    member("sr.manager2", "manager2.slice@staff.example", "MANAGER", true);
    var page = staff.search(StaffRole.MANAGER, true, PageRequest.of(0, 1, Sort.by("id")));

    assertThat(page.getContent()).extracting(StaffMember::getId).containsExactly(manager);
    assertThat(page.getTotalElements()).isEqualTo(2);
  }

  @Test
  @DisplayName("the active members of a role are counted, the inactive ones left out")
  void countActiveOfRole() {
    member("sr.manager2", "manager2.slice@staff.example", "MANAGER", true);

    assertThat(staff.countByRoleAndActiveTrue(StaffRole.MANAGER)).isEqualTo(2);
    assertThat(staff.countByRoleAndActiveTrue(StaffRole.ADMIN)).isEqualTo(1);
  }
}
