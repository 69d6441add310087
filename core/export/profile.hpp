#pragma once
// Recipient profiles ("district formats"): what one recipient wants of one report type —
// which exports, which indicators in which order, its own numbering and headings, the columns
// of its appendix table, where each value sits in its own spreadsheet, and how files are
// named. An XML file per schemas/profile.xsd, dropped into a plugin folder: no rebuild.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "schema/report_type.hpp"

namespace rb::exporting {

// The columns an appendix table can have, in the recipient's order.
enum class ColumnKind { Stt, Label, Unit, Value, Note, Code };
const char* to_string(ColumnKind k);  // "stt", "label", "unit", "value", "note", "code"

struct Column {
    ColumnKind kind = ColumnKind::Value;
    schema::LocalText heading;  // "Số liệu"
    schema::LocalText group;    // a heading spanning this and the next columns with the same
                                // group ("Kết quả thống kê" over "Đơn vị tính" and "Số liệu")
    double width_mm = 0;        // 0: the writer decides
};

// One row of the recipient's table.
struct ProfileRow {
    std::string code;         // indicator code; empty for a heading of the recipient's own
    std::string stt;          // the recipient's numbering; empty: the definition's STT
    schema::LocalText label;  // empty: the definition's label
    std::string cell;         // where the value sits in the recipient's sheet ("D17");
                              // empty: derived from the sheet layout below
    xml::Location where;      // in the profile file
};

struct SheetLayout {
    std::string name = "Phụ lục";  // worksheet name
    int first_row = 0;             // 1-based row of the first table row in the recipient's
                                   // sheet; 0: right under the header rows we write
};

struct RecipientProfile {
    std::string id;                     // "cchc-truc-ninh-phu-luc-2"
    std::string type_id;                // "cchc"
    std::vector<std::string> editions;  // editions it fits; empty: every edition
    schema::LocalText title;            // shown in the export dialog
    std::string recipient;              // "UBND huyện Trực Ninh"
    std::vector<std::string> formats;   // "docx", "xlsx", "pdf", "xml", "json", "csv"
    // File name without extension; {unit}, {unit_ascii}, {type}, {period}, {edition},
    // {number}, {amendment} are replaced (ascii: no diacritics, spaces as '-').
    std::string file_name = "{type}_{unit_ascii}_{period}";
    // Header overrides; empty: the report's own header.
    std::string parent_body;
    std::string issuing_body;
    // Appendix: its "Phụ lục …" line, title, and the line under it; empty: the definition's.
    std::string appendix_number;
    schema::LocalText appendix_title;
    std::string appendix_subtitle;  // may use {number}, {symbol}, {date}, {issuing_body}, {unit}
    std::vector<Column> columns;    // empty: STT, label, unit, value, note
    std::vector<ProfileRow> rows;   // empty: every indicator of the definition, in its order
    bool include_supplementary = true;  // indicators the definition marks supplementary
    bool include_narrative = true;      // DOCX/PDF: the report text before the appendix
    bool print_justifications = false;  // DOCX/PDF: accepted warnings under the appendix
    SheetLayout sheet;
    std::string source_file;
    xml::Location where;  // of the root element

    bool fits(const schema::ReportType& type) const;
    bool offers(std::string_view format) const;  // an empty `formats` offers every format
};

// Checks the file against schemas/profile.xsd, then against what the XSD cannot say (known
// column kinds, one value column). Codes are checked against a definition by check_profile.
Result<RecipientProfile> parse_profile(std::string_view text, const std::string& file_label);
Result<RecipientProfile> load_profile(const std::string& path);
// Every row code that `type` does not know, as "file:line:col: message" naming the profile and the code.
std::vector<std::string> check_profile(const RecipientProfile& p, const schema::ReportType& type);
// The same against every installed type: a type or an edition that none of `types` is, is a
// problem too (the profile could never be offered), with the nearest existing name.
std::vector<std::string> check_profile(const RecipientProfile& p, const std::vector<schema::ReportTypePtr>& types);

// The default profile of a type: the definition's appendix as it stands.
RecipientProfile default_profile(const schema::ReportType& type);

}  // namespace rb::exporting
