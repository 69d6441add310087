// The appendix as CSV (RFC 4180) for spreadsheet users.
#include "export/submission/csv.hpp"

#include <fstream>

#include "export/submission/submission_detail.hpp"
#include "export/submission/text_rules.hpp"
#include "i18n/i18n.hpp"

namespace rb::exporting {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

const std::string& heading_text(const Column& c) {
    return c.heading.vi.empty() ? c.heading.en : c.heading.vi;
}

// The figure of a row as a plain number: taken from the value as printed, so that the two
// columns always say the same thing ("1.034" → "1034", "16,67%" → "16.67"); a row whose value
// column is missing or not a number falls back to the evaluated number.
std::string machine_number(const AppendixRow& row, int value_column) {
    if (!row.number) return {};
    if (value_column >= 0 && static_cast<std::size_t>(value_column) < row.cells.size()) {
        const std::string& shown = row.cells[static_cast<std::size_t>(value_column)];
        if (is_plain_number(shown)) {
            std::string out;
            for (const char c : shown) {
                if (c == '.' || c == '%') continue;
                out += c == ',' ? '.' : c;
            }
            return out;
        }
    }
    return detail::number_text(*row.number);
}

void append_line(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(fields[i]);
    }
    out += "\r\n";
}

}  // namespace

bool is_plain_number(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    if (i >= text.size() || !is_digit(text[i])) return false;
    bool comma = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) continue;
        if (c == '.' && !comma && i + 1 < text.size() && is_digit(text[i + 1])) continue;
        if (c == ',' && !comma && i + 1 < text.size() && is_digit(text[i + 1])) {
            comma = true;
            continue;
        }
        if (c == '%' && i + 1 == text.size()) return true;
        return false;
    }
    return true;
}

std::string csv_field(std::string_view raw) {
    std::string text = detail::clean_text(raw);
    if (!text.empty()) {
        const char first = text.front();
        const bool trigger =
            first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        // A lone "-" is how the appendix numbers some rows (STT "-"): no spreadsheet reads it
        // as a formula, and a quote in front would change what the row says.
        if (trigger && text != "-" && !is_plain_number(text)) text.insert(text.begin(), '\'');
    }
    const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string appendix_to_csv(const ExportDocument& doc) {
    const Appendix& a = doc.appendix;
    bool has_code_column = false;
    for (const auto& c : a.columns) has_code_column = has_code_column || c.kind == ColumnKind::Code;

    std::string out = "\xEF\xBB\xBF";
    out.reserve(32 * 1024);
    std::vector<std::string> fields;
    for (const auto& c : a.columns) fields.push_back(heading_text(c));
    if (!has_code_column) fields.emplace_back(kCsvCodeHeading);
    fields.emplace_back(kCsvNumberHeading);
    append_line(out, fields);

    for (const auto& row : a.rows) {
        fields.assign(row.cells.begin(), row.cells.end());
        fields.resize(a.columns.size());  // a row never has more cells than the table has columns
        if (!has_code_column) fields.push_back(row.code);
        fields.push_back(row.heading ? std::string() : machine_number(row, a.value_column));
        append_line(out, fields);
    }
    return out;
}

namespace {

class CsvExporter final : public Exporter {
public:
    std::string id() const override { return "csv"; }
    std::string extension() const override { return "csv"; }
    schema::LocalText label() const override { return {"Bảng số liệu CSV", "Data table (CSV)"}; }

    rb::Status write(const ExportInput& in, const std::string& path,
                     const Progress& progress) const override {
        if (progress) progress(0.0, tr("Tạo bảng số liệu CSV"));
        const std::string bytes = appendix_to_csv(in.document);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (out) out.flush();
        if (!out) return rb::Status::fail(trf("Không ghi được tệp {}", path));
        if (progress) progress(1.0, tr("Xong"));
        return ok_status();
    }
};

}  // namespace

std::shared_ptr<const Exporter> make_csv_exporter() {
    return std::make_shared<CsvExporter>();
}

}  // namespace rb::exporting
