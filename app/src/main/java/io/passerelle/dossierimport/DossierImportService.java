package io.passerelle.dossierimport;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.ErrorCode;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.importing.CsvReader;
import io.passerelle.importing.CsvText;
import io.passerelle.staff.StaffErrors;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports client dossiers (and optionally their directors) from a CSV file as French spreadsheets
 * write it (seed 004, "import massif"): UTF-8 with or without a byte-order mark or Windows-1252,
 * comma or semicolon. Every line is checked first and reported on; the file is imported only when
 * every line passes, in one transaction, so nothing is ever imported half-way. A SIRET twice in the
 * file or already in the firm is reported, not duplicated; the same file twice is refused.
 *
 * <p>Hostile content is refused with a clear error: a cell that a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} at its start: CSV injection, dangerous for
 * whoever exports and opens the data later), markup ({@code <script>}), control characters, a file
 * too big, too many lines, a workbook instead of CSV, missing or unknown columns.
 *
 * <p>Who may import: a manager or the office administrator (as for creating a dossier). A line
 * whose director is to be linked needs the importer to be that dossier's manager or the
 * administrator (external access, seed 003).
 */
@Service
public class DossierImportService {

  static final int MAX_CELL = 500;
  private static final Pattern MARKUP = Pattern.compile("<\\s*[A-Za-z!/?]");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{6,30}");
  private static final Pattern STAFF_LIST = Pattern.compile("[|,;\\s]+");
  private static final List<DateTimeFormatter> DATES =
      List.of(
          DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));

  private final DossierImportProperties properties;
  private final DossierImportRepository imports;
  private final DossierService dossiers;
  private final DossierSetupService setup;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final StaffService staff;
  private final ActivityService activity;
  private final JdbcClient jdbc;
  private final Clock clock;

  DossierImportService(
      DossierImportProperties properties,
      DossierImportRepository imports,
      DossierService dossiers,
      DossierSetupService setup,
      ContactService contacts,
      DossierLinkService links,
      StaffService staff,
      ActivityService activity,
      JdbcClient jdbc,
      Clock clock) {
    this.properties = properties;
    this.imports = imports;
    this.dossiers = dossiers;
    this.setup = setup;
    this.contacts = contacts;
    this.links = links;
    this.staff = staff;
    this.activity = activity;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A file every line of which was refused or accepted: the report says which and why. */
  public static class ImportRejectedException extends RuntimeException {
    private final transient ImportReport report;

    ImportRejectedException(ImportReport report) {
      super(
          report.rejected()
              + " of "
              + report.rows()
              + " lines cannot be imported: nothing was imported. Correct them and send the file"
              + " again.");
      this.report = report;
    }

    public ImportReport report() {
      return report;
    }
  }

  /**
   * Checks the file, then imports it whole (or, with {@code dryRun}, only says whether it would).
   *
   * @param defaultDocumentTree the tree of lines whose "arborescence" cell is empty
   * @throws ImportRejectedException when a line is refused (nothing is imported)
   * @throws DomainException when the file as a whole is refused (size, format, columns, already
   *     imported)
   */
  @Transactional
  public ImportReport importFile(
      String fileName, byte[] content, String defaultDocumentTree, boolean dryRun, Actor actor) {
    StaffView me = requireImporter(actor);
    checkFile(content);
    CsvText text = CsvText.decode(content);
    if (text.text().indexOf('\u0000') >= 0) {
      throw fileRefused(
          DossierImportErrors.NOT_CSV,
          "The file is not text this import can read (UTF-16 without a mark, or binary): save it"
              + " as CSV UTF-8 or \"CSV (séparateur : point-virgule)\".");
    }
    char separator = CsvReader.separatorOf(text.text());
    List<CsvReader.Line> lines;
    try {
      lines = new CsvReader(properties.maxRows() + 1, MAX_CELL).read(text.text());
    } catch (CsvReader.CsvFormatException e) {
      throw fileRefused(DossierImportErrors.INVALID_CSV, e.getMessage());
    }
    if (lines.isEmpty()) {
      throw fileRefused(DossierImportErrors.EMPTY_FILE, "The file is empty.");
    }
    Map<ImportColumn, Integer> columns = columns(lines.getFirst());
    List<CsvReader.Line> rows = lines.subList(1, lines.size());
    if (rows.isEmpty()) {
      throw fileRefused(
          DossierImportErrors.NO_ROWS, "The file has its header line and no dossier under it.");
    }
    byte[] hash = sha256(content);
    Optional<DossierImport> earlier = imports.findByFileSha256(hash);
    if (earlier.isPresent()) {
      throw DomainException.conflict(
          DossierImportErrors.ALREADY_IMPORTED,
          "This very file was imported already (import "
              + earlier.get().getId()
              + "): its dossiers exist.");
    }

    List<Plan> plans = new ArrayList<>();
    for (CsvReader.Line row : rows) {
      plans.add(plan(row, columns, defaultDocumentTree, me));
    }
    crossCheck(plans);
    int rejected = (int) plans.stream().filter(p -> !p.errors.isEmpty()).count();
    String sep = String.valueOf(separator);
    if (rejected > 0) {
      throw new ImportRejectedException(
          report("REJECTED", null, fileName, text, sep, plans, rejected, null));
    }
    if (dryRun) {
      return report("VALID", null, fileName, text, sep, plans, 0, null);
    }

    Actor importer = new Actor.Staff(me.id(), me.username(), me.administrator());
    int linked = 0;
    for (Plan plan : plans) {
      try {
        create(plan, importer);
      } catch (DomainException e) {
        throw new DomainException(
            DomainException.Kind.CONFLICT,
            DossierImportErrors.IMPORT_ABORTED,
            "Line "
                + plan.line
                + ": "
                + e.getMessage()
                + " (it changed while the file was imported). Nothing was imported.",
            e.fieldErrors());
      }
      if (plan.directorContactId != null) {
        linked++;
      }
    }
    var now = clock.instant();
    DossierImport stored =
        new DossierImport(
            me.id(), fileName(fileName), hash, text.encoding(), sep, plans.size(), linked, now);
    stored.report(report("IMPORTED", null, fileName, text, sep, plans, 0, now));
    imports.saveAndFlush(stored);
    ImportReport report = report("IMPORTED", stored.getId(), fileName, text, sep, plans, 0, now);
    stored.report(report);
    imports.saveAndFlush(stored);
    activity.record(
        ActivityRecord.of(ActivityType.DOSSIERS_IMPORTED, importer, null, null)
            .with("importId", stored.getId())
            .with("dossiers", plans.size())
            .with("directors", linked));
    return report;
  }

  @Transactional(readOnly = true)
  public ImportReport get(long id) {
    return imports
        .findById(id)
        .map(DossierImport::getReport)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.IMPORT_NOT_FOUND, "No dossier import has the id " + id + "."));
  }

  /** The header line of a file this import reads, for a template to download. */
  public static String templateHeader() {
    return String.join(
        ";", java.util.Arrays.stream(ImportColumn.values()).map(ImportColumn::header).toList());
  }

  public long maxFileSize() {
    return properties.maxFileSize().toBytes();
  }

  // ---- the file as a whole ----

  private void checkFile(byte[] content) {
    if (content == null || content.length == 0) {
      throw fileRefused(DossierImportErrors.EMPTY_FILE, "The file is empty.");
    }
    if (content.length > maxFileSize()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          DossierImportErrors.FILE_TOO_LARGE,
          "The file is larger than "
              + properties.maxFileSize().toMegabytes()
              + " MB: split it into several files.");
    }
    if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)
        || startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw fileRefused(
          DossierImportErrors.NOT_CSV,
          "This is a spreadsheet workbook, not CSV: in the spreadsheet, \"Save as\" CSV UTF-8 or"
              + " \"CSV (séparateur : point-virgule)\", then send that file.");
    }
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<ImportColumn, Integer> columns(CsvReader.Line header) {
    Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
    List<FieldError> errors = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i);
      if (name.isBlank()) {
        continue;
      }
      Optional<ImportColumn> column = ImportColumn.of(name);
      if (column.isEmpty()) {
        unknown.add(Texts.abbreviate(name.strip(), 40));
        errors.add(
            new FieldError(
                Texts.abbreviate(name.strip(), 40),
                DossierImportErrors.UNKNOWN_COLUMN,
                "Unknown column '" + Texts.abbreviate(name.strip(), 40) + "'."));
      } else if (columns.putIfAbsent(column.get(), i) != null) {
        errors.add(
            new FieldError(
                column.get().header(),
                DossierImportErrors.DUPLICATE_COLUMN,
                "The column " + column.get().header() + " appears twice."));
      }
    }
    for (ImportColumn column : ImportColumn.values()) {
      if (column.required() && !columns.containsKey(column)) {
        errors.add(
            new FieldError(
                column.header(),
                DossierImportErrors.MISSING_COLUMN,
                "The column " + column.header() + " is missing."));
      }
    }
    if (!errors.isEmpty()) {
      boolean missing =
          errors.stream().anyMatch(e -> DossierImportErrors.MISSING_COLUMN.is(e.code()));
      throw new DomainException(
          DomainException.Kind.RULE,
          missing ? DossierImportErrors.MISSING_COLUMNS : DossierImportErrors.UNKNOWN_COLUMNS,
          (missing
                  ? "The header line lacks "
                      + String.join(
                          ", ",
                          errors.stream()
                              .filter(e -> DossierImportErrors.MISSING_COLUMN.is(e.code()))
                              .map(FieldError::field)
                              .toList())
                      + "."
                  : "The header line has columns this import does not know: "
                      + String.join(", ", unknown)
                      + ".")
              + " The columns are: "
              + String.join(
                  ", ",
                  java.util.Arrays.stream(ImportColumn.values()).map(ImportColumn::header).toList())
              + ".",
          errors);
    }
    return columns;
  }

  private static DomainException fileRefused(ErrorCode code, String message) {
    return new DomainException(
        DomainException.Kind.INVALID,
        code,
        message,
        List.of(new FieldError("file", code, message)));
  }

  // ---- one line ----

  /** A line checked: what it will create, or why it cannot. */
  private static final class Plan {
    final int line;
    final List<FieldError> errors = new ArrayList<>();
    String siret;
    CompanyDetails company;
    LocalDate fiscalYearStart;
    LocalDate fiscalYearEnd;
    Long managerId;
    List<Long> staffIds = List.of();
    String documentTreeCode;
    NewContact director;
    Long dossierId;
    Long directorContactId;

    Plan(int line) {
      this.line = line;
    }
  }

  private Plan plan(
      CsvReader.Line row,
      Map<ImportColumn, Integer> columns,
      String defaultDocumentTree,
      StaffView me) {
    Plan plan = new Plan(row.number());
    int expected = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    if (row.fields().size() < expected) {
      plan.errors.add(
          new FieldError(
              "line",
              DossierImportErrors.MISSING_CELLS,
              "This line has "
                  + row.fields().size()
                  + " cells where the header has "
                  + expected
                  + ": a separator is missing, or the line was cut."));
      return plan;
    }
    Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
    for (var entry : columns.entrySet()) {
      String value = cell(row.fields().get(entry.getValue()), entry.getKey(), plan.errors);
      if (value != null) {
        cells.put(entry.getKey(), value);
      }
    }
    plan.siret =
        CompanyFields.siret(
            cells.get(ImportColumn.SIRET), ImportColumn.SIRET.header(), plan.errors);
    List<FieldError> companyErrors = new ArrayList<>();
    plan.company =
        CompanyFields.details(
            new CompanyDetails(
                cells.get(ImportColumn.RAISON_SOCIALE),
                cells.get(ImportColumn.FORME_JURIDIQUE),
                cells.get(ImportColumn.ADRESSE),
                cells.get(ImportColumn.COMPLEMENT_ADRESSE),
                cells.get(ImportColumn.CODE_POSTAL),
                cells.get(ImportColumn.VILLE),
                cells.get(ImportColumn.PAYS),
                cells.get(ImportColumn.CODE_NAF)),
            "",
            true,
            companyErrors);
    for (FieldError error : companyErrors) {
      plan.errors.add(new FieldError(columnOf(error.field()), error.code(), error.message()));
    }
    fiscalYear(plan, cells);
    manager(plan, cells.get(ImportColumn.RESPONSABLE), me);
    staffList(plan, cells.get(ImportColumn.COLLABORATEURS));
    String tree = cells.getOrDefault(ImportColumn.ARBORESCENCE, defaultDocumentTree);
    try {
      plan.documentTreeCode =
          setup
              .resolveDocumentTree(tree, ImportColumn.ARBORESCENCE.header())
              .map(DocumentTreeTemplate::code)
              .orElse(null);
    } catch (DomainException e) {
      plan.errors.add(new FieldError(ImportColumn.ARBORESCENCE.header(), e.code(), e.getMessage()));
    }
    director(plan, cells, me);
    return plan;
  }

  /** The cell, trimmed; null when blank; refused when it is a formula or markup. */
  private static String cell(String raw, ImportColumn column, List<FieldError> errors) {
    String value = Texts.trimToNull(raw);
    if (value == null) {
      return null;
    }
    char first = value.charAt(0);
    boolean phone = column == ImportColumn.DIRIGEANT_TELEPHONE && PHONE.matcher(value).matches();
    boolean leadingControl = raw.startsWith("\t") || raw.startsWith("\r");
    if ((first == '=' || first == '+' || first == '-' || first == '@') && !phone
        || leadingControl) {
      errors.add(
          new FieldError(
              column.header(),
              DossierImportErrors.FORMULA_NOT_ALLOWED,
              "A cell starting with "
                  + (leadingControl ? "a tab" : "'" + first + "'")
                  + " would run as a formula in a spreadsheet: remove that sign."));
      return null;
    }
    if (MARKUP.matcher(value).find()) {
      errors.add(
          new FieldError(
              column.header(),
              DossierImportErrors.MARKUP_NOT_ALLOWED,
              "Markup (<…>) is not accepted in an import: type the text without tags."));
      return null;
    }
    return value;
  }

  private static String columnOf(String field) {
    return switch (field) {
      case "companyName" -> ImportColumn.RAISON_SOCIALE.header();
      case "legalForm" -> ImportColumn.FORME_JURIDIQUE.header();
      case "addressLine1" -> ImportColumn.ADRESSE.header();
      case "addressLine2" -> ImportColumn.COMPLEMENT_ADRESSE.header();
      case "postalCode" -> ImportColumn.CODE_POSTAL.header();
      case "city" -> ImportColumn.VILLE.header();
      case "country" -> ImportColumn.PAYS.header();
      case "nafCode" -> ImportColumn.CODE_NAF.header();
      default -> field;
    };
  }

  private static void fiscalYear(Plan plan, Map<ImportColumn, String> cells) {
    LocalDate start =
        date(cells.get(ImportColumn.DEBUT_EXERCICE), ImportColumn.DEBUT_EXERCICE, plan);
    LocalDate end = date(cells.get(ImportColumn.FIN_EXERCICE), ImportColumn.FIN_EXERCICE, plan);
    if (start == null) {
      if (end != null) {
        plan.errors.add(
            new FieldError(
                ImportColumn.DEBUT_EXERCICE.header(),
                CommonErrors.REQUIRED,
                "Give the start of the fiscal year with its end."));
      }
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    var years =
        CompanyFields.fiscalYears(
            List.of(new CompanyFields.FiscalYear(start, end)), "exercice", errors);
    for (FieldError error : errors) {
      plan.errors.add(
          new FieldError(ImportColumn.FIN_EXERCICE.header(), error.code(), error.message()));
    }
    if (!years.isEmpty()) {
      plan.fiscalYearStart = years.getFirst().start();
      plan.fiscalYearEnd = years.getFirst().end();
    }
  }

  private static LocalDate date(String value, ImportColumn column, Plan plan) {
    if (value == null) {
      return null;
    }
    for (DateTimeFormatter format : DATES) {
      try {
        return LocalDate.parse(value, format);
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    plan.errors.add(
        new FieldError(
            column.header(),
            DossierImportErrors.INVALID_DATE,
            "'"
                + Texts.abbreviate(value, 20)
                + "' is not a date: write 31/12/2026 or 2026-12-31."));
    return null;
  }

  private void manager(Plan plan, String username, StaffView me) {
    String field = ImportColumn.RESPONSABLE.header();
    if (username == null) {
      if (me.administrator()) {
        plan.errors.add(
            new FieldError(
                field, CommonErrors.REQUIRED, "Name the dossier's manager (their username)."));
      } else {
        plan.managerId = me.id();
      }
      return;
    }
    Optional<StaffView> manager = staff.findByUsername(username).filter(StaffView::active);
    if (manager.isEmpty()) {
      plan.errors.add(
          new FieldError(
              field,
              StaffErrors.STAFF_UNKNOWN,
              "No active staff member has the username '" + Texts.abbreviate(username, 40) + "'."));
    } else if (manager.get().role() == StaffRole.STAFF) {
      plan.errors.add(
          new FieldError(
              field,
              DossierErrors.MANAGER_ROLE_REQUIRED,
              manager.get().displayName() + " is not a manager (role MANAGER or ADMIN)."));
    } else {
      plan.managerId = manager.get().id();
    }
  }

  private void staffList(Plan plan, String value) {
    if (value == null) {
      return;
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (String username : STAFF_LIST.split(value)) {
      if (username.isBlank()) {
        continue;
      }
      Optional<StaffView> member = staff.findByUsername(username).filter(StaffView::active);
      if (member.isEmpty()) {
        plan.errors.add(
            new FieldError(
                ImportColumn.COLLABORATEURS.header(),
                StaffErrors.STAFF_UNKNOWN,
                "No active staff member has the username '"
                    + Texts.abbreviate(username, 40)
                    + "'."));
      } else {
        ids.add(member.get().id());
      }
    }
    plan.staffIds = List.copyOf(ids);
  }

  private void director(Plan plan, Map<ImportColumn, String> cells, StaffView me) {
    String email = cells.get(ImportColumn.DIRIGEANT_EMAIL);
    String first = cells.get(ImportColumn.DIRIGEANT_PRENOM);
    String last = cells.get(ImportColumn.DIRIGEANT_NOM);
    String phone = cells.get(ImportColumn.DIRIGEANT_TELEPHONE);
    if (email == null) {
      if (first != null || last != null || phone != null) {
        plan.errors.add(
            new FieldError(
                ImportColumn.DIRIGEANT_EMAIL.header(),
                CommonErrors.REQUIRED,
                "Give the director's e-mail address, or leave their columns empty."));
      }
      return;
    }
    if (plan.managerId != null && !me.administrator() && plan.managerId != me.id()) {
      plan.errors.add(
          new FieldError(
              ImportColumn.DIRIGEANT_EMAIL.header(),
              DossierImportErrors.DIRECTOR_MANAGER_ONLY,
              "Only the dossier's manager or the office administrator gives its director access:"
                  + " import this line as its manager, or without the director."));
      return;
    }
    NewContact contact =
        new NewContact(
            first,
            last,
            null,
            null,
            SubscriberType.CLIENT,
            null,
            EmailAddresses.clean(email),
            phone,
            "DIRIGEANT",
            false,
            Language.fr);
    try {
      contacts.check(contact);
      Optional<ContactView> existing = contacts.byEmail(contact.email());
      if (existing.isPresent()
          && existing.get().status() != ContactStatus.ERASED
          && existing.get().subscriberType() != SubscriberType.CLIENT) {
        plan.errors.add(
            new FieldError(
                ImportColumn.DIRIGEANT_EMAIL.header(),
                ContactErrors.HOLDER_MUST_BE_CLIENT,
                "This address belongs to a contact who is not a client (an advisor, a family"
                    + " member, an employee): a director holds the dossier."));
        return;
      }
    } catch (DomainException e) {
      for (FieldError error : e.fieldErrors()) {
        plan.errors.add(
            new FieldError(directorColumn(error.field()), error.code(), error.message()));
      }
      if (e.fieldErrors().isEmpty()) {
        plan.errors.add(
            new FieldError(ImportColumn.DIRIGEANT_EMAIL.header(), e.code(), e.getMessage()));
      }
      return;
    }
    plan.director = contact;
  }

  private static String directorColumn(String field) {
    return switch (field) {
      case "firstName" -> ImportColumn.DIRIGEANT_PRENOM.header();
      case "lastName" -> ImportColumn.DIRIGEANT_NOM.header();
      case "phone" -> ImportColumn.DIRIGEANT_TELEPHONE.header();
      case "organisationalRoleCode" -> "dirigeant (rôle DIRIGEANT)";
      default -> ImportColumn.DIRIGEANT_EMAIL.header();
    };
  }

  /** The same SIRET or director twice in the file; a SIRET the firm has already. */
  private void crossCheck(List<Plan> plans) {
    Map<String, Integer> sirets = new HashMap<>();
    Map<String, Integer> emails = new HashMap<>();
    for (Plan plan : plans) {
      if (plan.siret != null) {
        Integer first = sirets.putIfAbsent(plan.siret, plan.line);
        if (first != null) {
          plan.errors.add(
              new FieldError(
                  ImportColumn.SIRET.header(),
                  DossierImportErrors.SIRET_REPEATED,
                  "The SIRET " + plan.siret + " is on line " + first + " already."));
        }
      }
      if (plan.director != null) {
        Integer first =
            emails.putIfAbsent(EmailAddresses.comparable(plan.director.email()), plan.line);
        if (first != null) {
          plan.errors.add(
              new FieldError(
                  ImportColumn.DIRIGEANT_EMAIL.header(),
                  DossierImportErrors.DIRECTOR_REPEATED,
                  "This director is on line "
                      + first
                      + " already: a person holds one dossier"
                      + " per line; link them to the other dossier afterwards."));
        }
      }
    }
    if (sirets.isEmpty()) {
      return;
    }
    Map<String, Long> known = new HashMap<>();
    jdbc.sql("select siret, id from dossier where siret in (:sirets)")
        .param("sirets", sirets.keySet())
        .query(
            rs -> {
              known.put(rs.getString(1), rs.getLong(2));
            });
    for (Plan plan : plans) {
      Long existing = plan.siret == null ? null : known.get(plan.siret);
      if (existing != null) {
        plan.errors.add(
            new FieldError(
                ImportColumn.SIRET.header(),
                CommonErrors.SIRET_ALREADY_USED,
                "The SIRET " + plan.siret + " is already used by dossier " + existing + "."));
      }
    }
  }

  // ---- writing ----

  private void create(Plan plan, Actor importer) {
    CompanyDetails c = plan.company;
    DossierView dossier =
        dossiers.create(
            new NewDossier(
                c.companyName(),
                plan.siret,
                c.legalForm(),
                c.addressLine1(),
                c.addressLine2(),
                c.postalCode(),
                c.city(),
                c.country(),
                c.nafCode(),
                plan.fiscalYearStart,
                plan.fiscalYearEnd,
                plan.managerId,
                plan.staffIds),
            importer);
    plan.dossierId = dossier.id();
    if (plan.documentTreeCode != null) {
      setup.setUp(dossier.id(), plan.documentTreeCode, List.of(), importer);
    }
    if (plan.director != null) {
      var contact = contacts.createOrReuse(plan.director, importer).contact();
      links.link(
          dossier.id(), contact.id(), new LinkTerms(null, AccessLevel.READ_WRITE, true), importer);
      plan.directorContactId = contact.id();
    }
  }

  // ---- the report ----

  private ImportReport report(
      String status,
      Long importId,
      String fileName,
      CsvText text,
      String separator,
      List<Plan> plans,
      int rejected,
      java.time.Instant at) {
    List<ImportReport.Line> lines =
        plans.stream()
            .map(
                p ->
                    new ImportReport.Line(
                        p.line,
                        p.siret,
                        p.company == null ? null : p.company.companyName(),
                        p.errors.isEmpty() ? "OK" : "ERROR",
                        p.dossierId,
                        p.directorContactId,
                        List.copyOf(p.errors)))
            .toList();
    return new ImportReport(
        status,
        importId,
        fileName(fileName),
        text.encoding(),
        separator,
        plans.size(),
        "IMPORTED".equals(status) ? plans.size() : 0,
        rejected,
        lines,
        at);
  }

  private static String fileName(String name) {
    String clean = Texts.trimToNull(name);
    if (clean == null) {
      return null;
    }
    clean = clean.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  private StaffView requireImporter(Actor actor) {
    if (actor instanceof Actor.Staff member) {
      StaffView me = staff.get(member.staffId());
      if (me.active() && me.role() != StaffRole.STAFF) {
        return me;
      }
    }
    throw DomainException.forbidden(
        DossierErrors.MANAGER_OR_ADMINISTRATOR_ONLY,
        "Only a manager or the office administrator imports dossiers.");
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
