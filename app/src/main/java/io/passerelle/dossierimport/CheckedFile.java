package io.passerelle.dossierimport;

import io.passerelle.importing.CsvReader;
import io.passerelle.importing.CsvText;
import java.util.List;
import java.util.Map;

/**
 * A file that passed {@link ImportFileCheck}: its text, separator, columns and data lines.
 *
 * @param sha256 the digest of its bytes, which an import keeps so that the same file is refused
 *     twice
 */
record CheckedFile(
    String fileName,
    CsvText text,
    String separator,
    Map<ImportColumn, Integer> columns,
    List<CsvReader.Line> rows,
    byte[] sha256) {}
