package org.safehaven.api.render;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Rows under a header, written as RFC 4180 CSV (jackson-dataformat-csv does the quoting). */
public record Table(List<String> columns, List<List<Object>> rows) {

  private static final CsvMapper CSV = new CsvMapper();

  public Table(List<String> columns) {
    this(List.copyOf(columns), new ArrayList<>());
  }

  public void add(List<Object> row) {
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
    }
    rows.add(row);
  }

  public String toCsv() {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    columns.forEach(schema::addColumn);
    StringWriter out = new StringWriter();
    try (SequenceWriter w = CSV.writerFor(Object[].class).with(schema.build()).writeValues(out)) {
      for (List<Object> row : rows) {
        w.write(row.stream().map(v -> v == null ? "" : v).toArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
