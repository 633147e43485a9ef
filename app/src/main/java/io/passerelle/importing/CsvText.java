package io.passerelle.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an uploaded CSV file, decoded as French spreadsheets write it: UTF-8 with or without
 * a byte-order mark, or Windows-1252 (Excel's "CSV (séparateur : point-virgule)" on Windows).
 *
 * @param encoding the encoding found, for the import report
 */
public record CsvText(String text, String encoding) {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  public static CsvText decode(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      return new CsvText(
          new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), "UTF-8 (BOM)");
    }
    if (bytes.length >= 2
        && (((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)
            || ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF))) {
      return new CsvText(new String(bytes, StandardCharsets.UTF_16), "UTF-16");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new CsvText(text, "UTF-8");
    } catch (CharacterCodingException notUtf8) {
      return new CsvText(new String(bytes, WINDOWS_1252), "Windows-1252");
    }
  }
}
