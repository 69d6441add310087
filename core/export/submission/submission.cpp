// The submission: building it from a report, telling XML from JSON on import, the limits every
// input meets before a parser sees it, and the two exporters.
#include "base/file_io.hpp"
#include "export/submission/submission.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>

#include "export/submission/submission_detail.hpp"
#include "export/submission/text_rules.hpp"
#include "i18n/i18n.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace detail {

std::optional<report::SimpleDate> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    report::SimpleDate d;
    if (!digits(0, 4, d.year) || !digits(5, 2, d.month) || !digits(8, 2, d.day)) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int last = d.month == 2 && leap ? 29 : kDays[d.month - 1];
    if (d.day > last) return std::nullopt;
    return d;
}

std::string format_iso_date(const report::SimpleDate& d) {
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<std::string> read_period(std::string_view code, report::Period& out) {
    auto p = report::Period::parse(code);
    if (!p) return report::Period::parse(shorten(code, 40)).error();  // quotes the text: keep it short
    out = *p;
    return std::nullopt;
}

std::optional<std::string> read_date(std::string_view text, report::SimpleDate& out) {
    auto d = parse_iso_date(text);
    if (!d) return trf("ngày \"{}\" không hợp lệ (cần dạng YYYY-MM-DD)", shorten(text, 40));
    out = *d;
    return std::nullopt;
}

std::optional<std::string> check_unit_code(std::string_view code) {
    const bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || code.size() < 2 || code.size() > 8)
        return trf("mã đơn vị \"{}\" phải gồm 2 đến 8 chữ số", shorten(code, 40));
    return std::nullopt;
}

std::optional<std::string> check_window(const report::SimpleDate& from, const report::SimpleDate& to) {
    if (to < from)
        return trf("ngày bắt đầu {} sau ngày kết thúc {}", format_iso_date(from), format_iso_date(to));
    return std::nullopt;
}

std::optional<std::string> read_status(std::string_view text, report::Status& out) {
    auto st = report::parse_status(text);
    if (!st) return report::parse_status(shorten(text, 40)).error();
    out = *st;
    return std::nullopt;
}

const char* state_name(validate::ValueState s) {
    return validate::to_string(s);
}

std::optional<std::string> read_state(std::string_view text, validate::ValueState& out) {
    for (auto s :
         {validate::ValueState::Computed, validate::ValueState::Blank, validate::ValueState::NotApplicable}) {
        if (text == state_name(s)) {
            out = s;
            return std::nullopt;
        }
    }
    return trf("trạng thái \"{}\" không hợp lệ (dùng computed, blank hoặc not-applicable)",
               shorten(text, 40));
}

std::optional<std::string> read_severity(std::string_view text, schema::Severity& out) {
    for (auto s : {schema::Severity::Error, schema::Severity::Warning, schema::Severity::Info}) {
        if (text == schema::to_string(s)) {
            out = s;
            return std::nullopt;
        }
    }
    return trf("mức độ \"{}\" không hợp lệ (dùng error, warning hoặc info)", shorten(text, 40));
}

std::string number_text(double v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

}  // namespace detail

Submission make_submission(const report::Report& r, const validate::Evaluation& ev,
                           const validate::ValidationResult& findings) {
    Submission s;
    s.report = r;
    s.report.preserved_xml.clear();
    s.report.read_only = false;
    s.report.read_only_reason.clear();

    const auto& indicators = ev.type().indicators;
    for (std::size_t slot = 0; slot < indicators.size(); ++slot) {
        const auto& ind = indicators[slot];
        if (!ind.is_computed() || ind.heading) continue;
        const validate::Cell cell = ev.cell(slot);
        ComputedValue c;
        c.code = ind.code;
        c.state = cell.state == validate::ValueState::Entered ? validate::ValueState::Computed : cell.state;
        if (cell.number && std::isfinite(*cell.number) && c.state == validate::ValueState::Computed)
            c.number = cell.number;
        c.display = cell.display;
        s.computed.push_back(std::move(c));
    }
    for (const auto& f : findings.findings) {
        s.findings.push_back({f.severity, f.rule, f.codes, f.section, f.message, !f.justification.empty()});
    }
    return s;
}

namespace {

using detail::ReadError;

std::string at(std::string_view text, std::size_t offset, const std::string& label) {
    const xml::Location loc = xml::locate(text, offset);
    return fmt::format("{}:{}:{}", label, loc.line, loc.column);
}

// The first non-blank character, after an optional UTF-8 byte order mark.
std::size_t first_significant(std::string_view text) {
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i;
}

// A file cut short in the middle of a multi-byte character: what a truncated download or an
// interrupted copy looks like, worth saying so rather than naming a byte.
bool cut_in_a_character(std::string_view text, std::size_t bad) {
    const auto lead = static_cast<unsigned char>(text[bad]);
    const std::size_t need = (lead & 0xE0) == 0xC0   ? 2
                             : (lead & 0xF0) == 0xE0 ? 3
                             : (lead & 0xF8) == 0xF0 ? 4
                                                     : 0;
    if (need == 0 || bad + need <= text.size()) return false;
    for (std::size_t i = bad + 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return false;
    return true;
}

}  // namespace

Result<Submission> read_submission(std::string_view bytes, const std::string& file_label) {
    using R = Result<Submission>;
    if (bytes.size() > kMaxSubmissionBytes)
        return R::fail(
            trf("Tệp {} quá lớn ({} byte; tối đa {} byte)", file_label, bytes.size(), kMaxSubmissionBytes));
    if (const std::size_t bad = detail::first_invalid_utf8(bytes); bad != std::string_view::npos) {
        if (cut_in_a_character(bytes, bad))
            return R::fail(
                trf("{}: tệp bị cắt cụt: kết thúc giữa một ký tự UTF-8", at(bytes, bad, file_label)));
        return R::fail(trf("{}: byte 0x{:02X} không phải UTF-8 hợp lệ (tệp nộp báo cáo phải mã hóa UTF-8)",
                           at(bytes, bad, file_label),
                           static_cast<unsigned>(static_cast<unsigned char>(bytes[bad]))));
    }
    const std::size_t start = first_significant(bytes);
    if (start == bytes.size()) return R::fail(trf("Tệp {} trống", file_label));
    if (bytes[start] == '<') return detail::read_xml(bytes, file_label);
    if (bytes[start] == '{' || bytes[start] == '[') return detail::read_json(bytes, file_label);
    return R::fail(trf("{}: không phải tệp nộp báo cáo (cần XML hoặc JSON)", at(bytes, start, file_label)));
}

Result<report::Report> import_submission(std::string_view bytes, const std::string& file_label) {
    auto s = read_submission(bytes, file_label);
    if (!s) return Result<report::Report>::fail(s.error());
    return Result<report::Report>::ok(std::move(s->report));
}

Result<report::Report> load_submission(const std::string& path) {
    auto text = files::read(path, kMaxSubmissionBytes);
    if (!text) return Result<report::Report>::fail(text.error());
    return import_submission(*text, path);
}

namespace {

rb::Status write_bytes(const std::string& bytes, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return rb::Status::fail(trf("Không ghi được tệp {}", path));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return rb::Status::fail(trf("Không ghi được tệp {}", path));
    return ok_status();
}

class SubmissionExporter final : public Exporter {
public:
    explicit SubmissionExporter(bool json) : json_(json) {}

    std::string id() const override { return json_ ? "json" : "xml"; }
    std::string extension() const override { return json_ ? "json" : "xml"; }
    schema::LocalText label() const override {
        return json_ ? schema::LocalText{"Tệp nộp báo cáo (JSON)", "Submission file (JSON)"}
                     : schema::LocalText{"Tệp nộp báo cáo (XML)", "Submission file (XML)"};
    }

    rb::Status write(const ExportInput& in, const std::string& path,
                     const Progress& progress) const override {
        if (progress) progress(0.0, tr("Tạo tệp nộp báo cáo"));
        const Submission s = make_submission(in.report, in.evaluation, in.findings);
        const std::string bytes = json_ ? submission_to_json(s) : submission_to_xml(s);
        if (progress) progress(0.8, tr("Ghi tệp"));
        rb::Status written = write_bytes(bytes, path);
        if (written && progress) progress(1.0, tr("Xong"));
        return written;
    }

private:
    bool json_;
};

}  // namespace

std::shared_ptr<const Exporter> make_submission_xml_exporter() {
    return std::make_shared<SubmissionExporter>(false);
}

std::shared_ptr<const Exporter> make_submission_json_exporter() {
    return std::make_shared<SubmissionExporter>(true);
}

}  // namespace rb::exporting
