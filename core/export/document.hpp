#pragma once
// The report as a document to print: every text already filled, formatted and ordered as the
// recipient's profile wants it. Writers (DOCX, PDF, XLSX, CSV) only lay this out; none of
// them reads a definition, evaluates a value or formats a number itself.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::exporting {

// Nghị định 30/2020/NĐ-CP, appendix I: the header block.
struct DocumentHeader {
    std::string parent_body;   // "UBND HUYỆN TRỰC NINH" (uppercase; may be empty)
    std::string issuing_body;  // "UBND XÃ PHƯƠNG ĐỊNH" (uppercase, bold, short rule under)
    std::string number_line;   // "Số: 09/BC-UBND" ("Số:      /BC-UBND" when not numbered yet)
    std::string national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    std::string motto = "Độc lập - Tự do - Hạnh phúc";
    std::string place_date;    // "Phương Định, ngày 08 tháng 3 năm 2024" (italic)
    std::string title = "BÁO CÁO";
    std::string summary;       // "Kết quả công tác cải cách hành chính Quý I năm 2024"
};

// A block of the body. Headings carry their printed number: "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
// (level 0: uppercase bold), "1. Việc xây dựng…" (level 1: bold), "1.1. …" (level 2: bold
// italic). Paragraphs are justified with a first-line indent; a paragraph that starts with
// "- " or "+ " is a list item and keeps its text as typed.
// A section's text becomes one paragraph per line; blank lines are not paragraphs but are
// counted in `blank_lines_before`, so that a reader can rebuild the exact text: the section
// text is the paragraphs joined by "\n" + "\n" × blank_lines_before. Trailing blank lines
// of a section are dropped (a section's text is stored trimmed of them).
struct Block {
    enum class Kind { Heading, Paragraph };
    Kind kind = Kind::Paragraph;
    int level = 0;           // headings only
    std::string text;
    std::string section_id;  // the definition's section ("II.2"); empty for none
    int blank_lines_before = 0;  // paragraphs: blank lines between it and the previous line
                                 // of the same section (0 for the section's first)
};

struct SignatureBlock {
    std::string recipients_heading = "Nơi nhận:";
    std::vector<std::string> recipients;  // as printed: "- UBND huyện Trực Ninh;" … "- Lưu: VT."
    std::string authority;                // "TM. ỦY BAN NHÂN DÂN"
    std::string signer_title;             // "CHỦ TỊCH"
    std::string signer_name;              // "Nguyễn Minh Khâm"
};

// One row of the appendix table, in the profile's order.
struct AppendixRow {
    std::string code;        // indicator code; empty for a heading of the profile's own
    bool heading = false;    // a row that holds no value (group title or heading indicator)
    bool group = false;      // a group's title row ("I  CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"): bold
    bool computed = false;   // the value is computed from other rows
    int depth = 0;           // 0 for groups, 1 for "1", 2 for "2.1", …
    // One text per profile column, as staff write it ("1.034", "16,67%", "không phát sinh").
    std::vector<std::string> cells;
    // The value column as data, for spreadsheets: a number (a percent in percent units), or
    // nothing (blank, not applicable, text).
    std::optional<double> number;
    schema::ValueType type = schema::ValueType::Integer;
    int decimals = 0;
    std::string formula;     // computed rows: the definition's expression over codes
    // A rate printed with its parts ("184/184 = 100%"): numerator and denominator.
    std::optional<std::pair<double, double>> parts;
};

struct Appendix {
    std::string number_line;  // "Phụ lục 2"
    std::string title;        // "BIỂU MẪU THỐNG KÊ SỐ LIỆU …" (uppercase)
    std::string subtitle;     // "(Kèm theo Báo cáo số 09/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)"
    std::vector<Column> columns;
    int value_column = -1;    // index in columns of the value column, -1 when none
    std::vector<AppendixRow> rows;

    // Whether row i must stand on the same page as the row after it: a group title or heading
    // goes with the first row under it, and the last row is never alone on its page. Every
    // paged format follows it.
    bool keeps_with_next(std::size_t i) const {
        if (i + 1 >= rows.size()) return false;
        return rows[i].group || rows[i].heading || (i + 2 == rows.size() && rows.size() > 2);
    }
};

// A line of the narrative typed as a list item ("- …", "+ …"): its own paragraph style, laid
// out as the decree lays out any body paragraph.
inline bool is_list_item(std::string_view text) { return text.rfind("- ", 0) == 0 || text.rfind("+ ", 0) == 0; }

// Whether the '-' at `i` joins the parts of a document symbol ("09/BC-UBND", "02/KH-UBND"):
// between capitals, where a line must not break (Word's non-breaking hyphen).
inline bool is_symbol_hyphen(std::string_view text, std::size_t i) {
    auto capital = [&](std::size_t k) {
        if (k >= text.size()) return false;
        const unsigned char c = static_cast<unsigned char>(text[k]);
        return (c >= 'A' && c <= 'Z') || (c == 0xC4 && k + 1 < text.size() && text[k + 1] == '\x90');  // Đ
    };
    const bool after_capital = i >= 1 && (capital(i - 1) || (i >= 2 && capital(i - 2) && text[i - 2] == '\xC4'));
    return text[i] == '-' && after_capital && capital(i + 1);
}

// An issuing or parent body as the header prints it: the body's kind on a line of its own, so
// that a line break never splits the unit's name ("ỦY BAN NHÂN DÂN\nXÃ HẢI HẬU", never
// "ỦY BAN NHÂN DÂN XÃ\nHẢI HẬU"). A body without such a kind ("UBND XÃ PHƯƠNG ĐỊNH") is unchanged.
std::string header_body_lines(std::string_view body);

struct JustificationLine {
    std::string rule;
    std::string message;  // the warning as the validator words it
    std::string text;     // the user's reason
};

struct ExportDocument {
    std::string type_id, edition, type_version, period_code, period_label, unit_name;
    int amendment = 0;
    DocumentHeader header;
    std::vector<Block> body;  // empty when the profile leaves the narrative out
    std::string closing;      // last body line is part of body; kept empty, reserved
    SignatureBlock signature;
    Appendix appendix;
    bool print_justifications = false;
    std::vector<JustificationLine> justifications;
};

// Builds the document of `r` (evaluated by `ev`, validated as `findings`) for `profile`
// (nullptr: the definition's own layout). Texts are in the report's language (Vietnamese):
// a report is an official document, whatever language the program's UI uses.
ExportDocument build_document(const report::Report& r, const validate::Evaluation& ev,
                              const validate::ValidationResult& findings,
                              const RecipientProfile* profile);

// The file name a profile gives (without folder), with `extension` ("docx") appended.
std::string file_name_for(const RecipientProfile* profile, const report::Report& r,
                          const std::string& extension);

}  // namespace rb::exporting
