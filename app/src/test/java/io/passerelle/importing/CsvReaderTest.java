package io.passerelle.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CSV as French spreadsheets write it. */
class CsvReaderTest {

  private final CsvReader reader = new CsvReader(100, 200);

  @Test
  @DisplayName("Excel's semicolon CSV in Windows-1252, CRLF, accents kept")
  void excelWindows1252() {
    byte[] bytes =
        "siret;raison_sociale\r\n73282932000074;Société Générale d'Électricité\r\n"
            .getBytes(Charset.forName("windows-1252"));
    var text = CsvText.decode(bytes);
    assertThat(text.encoding()).isEqualTo("Windows-1252");
    var lines = reader.read(text.text());
    assertThat(lines)
        .containsExactly(
            new CsvReader.Line(1, List.of("siret", "raison_sociale")),
            new CsvReader.Line(2, List.of("73282932000074", "Société Générale d'Électricité")));
  }

  @Test
  @DisplayName("UTF-8 with a byte-order mark: the mark is not part of the first column's name")
  void utf8WithBom() {
    byte[] body = "siret,ville\n1,Orléans\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    var text = CsvText.decode(bytes);
    assertThat(text.encoding()).isEqualTo("UTF-8 (BOM)");
    assertThat(reader.read(text.text()).getFirst().fields()).containsExactly("siret", "ville");
  }

  @Test
  @DisplayName("UTF-8 without a mark is recognised as UTF-8")
  void utf8() {
    var text = CsvText.decode("a;b\nÉté;Noël\n".getBytes(StandardCharsets.UTF_8));
    assertThat(text.encoding()).isEqualTo("UTF-8");
    assertThat(reader.read(text.text()).get(1).fields()).containsExactly("Été", "Noël");
  }

  @Test
  @DisplayName("quoted fields hold separators, doubled quotes and line breaks")
  void quoting() {
    var lines =
        reader.read("nom;adresse\n\"Dupont; fils\";\"12 \"\"bis\"\" rue\nBâtiment B\"\nX;Y\n");
    assertThat(lines.get(1).fields()).containsExactly("Dupont; fils", "12 \"bis\" rue\nBâtiment B");
    assertThat(lines.get(2).number()).isEqualTo(4);
  }

  @Test
  @DisplayName("the separator is the header's: commas inside a semicolon file are data")
  void separator() {
    assertThat(CsvReader.separatorOf("a;b;c\n1,2;3")).isEqualTo(';');
    assertThat(CsvReader.separatorOf("a,b,c\n1;2,3")).isEqualTo(',');
    assertThat(reader.read("a;b\n1,5;2\n").get(1).fields()).containsExactly("1,5", "2");
  }

  @Test
  @DisplayName("blank lines are skipped; a last line without a line break is read")
  void blankLines() {
    var lines = reader.read("a;b\n\n;\n1;2");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(new CsvReader.Line(4, List.of("1", "2")));
  }

  @Test
  @DisplayName(
      "an unclosed quote, text after a closing quote, a huge field or too many rows are refused with the line")
  void hostile() {
    assertThatThrownBy(() -> reader.read("a;b\n\"open;2\n"))
        .isInstanceOf(CsvReader.CsvFormatException.class)
        .hasMessageContaining("Line 2")
        .hasMessageContaining("never closed");
    assertThatThrownBy(() -> reader.read("a;b\n\"x\"y;2\n"))
        .isInstanceOf(CsvReader.CsvFormatException.class)
        .hasMessageContaining("Line 2");
    assertThatThrownBy(() -> reader.read("a;b\n" + "x".repeat(201) + ";2\n"))
        .isInstanceOf(CsvReader.CsvFormatException.class)
        .hasMessageContaining("longer than 200");
    assertThatThrownBy(() -> reader.read("a\n" + "1\n".repeat(100)))
        .isInstanceOf(CsvReader.CsvFormatException.class)
        .hasMessageContaining("more than 99 rows");
  }
}
