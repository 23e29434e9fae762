package io.restorecheck.siteinit;

import java.util.List;
import java.util.Optional;

/** What the catalog says about the database's user tables, ready to become {@code integrity.tables}. */
record Surveyed(List<Table> tables, List<Table> withoutKey) {
    Surveyed {
        tables = List.copyOf(tables);
        withoutKey = List.copyOf(withoutKey);
    }

    /**
     * A user table.
     *
     * @param resolvesUnqualified its bare name finds it through the session's search_path
     * @param rowEstimate         pg_class.reltuples, or an exact count for small never-analysed tables; -1 unknown
     * @param writes              inserts + updates + deletes since the statistics were last reset
     */
    record Table(String schema, String name, boolean resolvesUnqualified, List<String> key, long rowEstimate,
                 long totalBytes, long writes, List<TimeColumn> timeColumns, List<TimeColumn> excluded) {
        Table {
            key = List.copyOf(key);
            timeColumns = List.copyOf(timeColumns);
            excluded = List.copyOf(excluded);
        }

        /**
         * The name as the config writes it (SQL spelling): bare when the search_path finds it, else
         * schema-qualified; a part that is not a plain lower-case identifier is double-quoted.
         */
        String configName() {
            return resolvesUnqualified ? SchemaSurvey.ident(name) : SchemaSurvey.ident(schema) + "."
                    + SchemaSurvey.ident(name);
        }

        Optional<TimeColumn> editTime() {
            return timeColumns.stream().findFirst();
        }
    }

    /**
     * A column that may hold each row's edit time.
     *
     * @param expression SQL giving a timestamptz, e.g. {@code to_timestamp(edittime)}
     * @param evidence   why it is (or is not) taken, for the config's comment
     */
    record TimeColumn(String column, String type, String expression, int score, String evidence) {
    }
}
