// The JSON shape of the submission: the same content as the XML shape, field for field
// (docs/submission-format.md). Written by hand for a stable key order and exact escaping; read
// with nlohmann::json and then checked field by field, each message naming the field by its
// JSON pointer ("/values/3/code").
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <climits>
#include <cmath>
#include <initializer_list>
#include <set>

#include "export/submission/submission.hpp"
#include "export/submission/submission_detail.hpp"
#include "export/submission/text_rules.hpp"
#include "i18n/i18n.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Writing

void append_string(std::string& out, std::string_view raw) {
    out += '"';
    for (const char ch : detail::clean_text(raw)) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));  // not reached: cleaned
                else
                    out += ch;
        }
    }
    out += '"';
}

// A small writer that keeps the key order of the format and indents by two spaces.
class JsonOut {
public:
    std::string out;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void key(const char* k) {
        separator();
        append_string(out, k);
        out += ": ";
        after_key_ = true;
    }
    void string(std::string_view v) {
        value_start();
        append_string(out, v);
    }
    void integer(long long v) {
        value_start();
        out += std::to_string(v);
    }
    void number(double v) {
        value_start();
        out += detail::number_text(v);
    }
    void boolean(bool v) {
        value_start();
        out += v ? "true" : "false";
    }
    void null() {
        value_start();
        out += "null";
    }
    void field(const char* k, std::string_view v) {
        key(k);
        string(v);
    }

private:
    void open(char c) {
        value_start();
        out += c;
        first_.push_back(true);
    }
    void close(char c) {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) newline();
        out += c;
    }
    void value_start() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        separator();
    }
    void separator() {
        if (first_.empty()) return;
        if (!first_.back()) out += ',';
        first_.back() = false;
        newline();
    }
    void newline() {
        out += '\n';
        out.append(first_.size() * 2, ' ');
    }

    std::vector<bool> first_;
    bool after_key_ = false;
};

}  // namespace

std::string submission_to_json(const Submission& s) {
    const report::Report& r = s.report;
    JsonOut j;
    j.out.reserve(64 * 1024);
    j.begin_object();
    j.field("format", kSubmissionJsonFormat);
    j.key("formatVersion");
    j.integer(kSubmissionFormatVersion);

    j.key("type");
    j.begin_object();
    j.field("id", r.type_id);
    j.field("edition", r.edition);
    j.field("version", r.type_version);
    j.end_object();

    j.key("period");
    j.begin_object();
    j.field("code", r.period.code());
    j.field("from", detail::format_iso_date(r.window_from));
    j.field("to", detail::format_iso_date(r.window_to));
    j.end_object();

    j.key("unit");
    j.begin_object();
    if (!r.unit.code.empty()) j.field("code", r.unit.code);
    j.field("name", r.unit.name);
    j.field("kind", r.unit.kind);
    j.field("parent", r.unit.parent);
    j.field("parentKind", r.unit.parent_kind);
    j.field("province", r.unit.province);
    j.key("formerNames");
    j.begin_array();
    for (const auto& f : r.unit.former_names) j.string(f);
    j.end_array();
    j.end_object();

    const report::Header& h = r.header;
    j.key("header");
    j.begin_object();
    j.field("parentBody", h.parent_body);
    j.field("issuingBody", h.issuing_body);
    j.field("number", h.number);
    j.field("symbol", h.symbol);
    j.field("place", h.place);
    j.key("date");
    if (h.date)
        j.string(detail::format_iso_date(*h.date));
    else
        j.null();
    j.field("summary", h.summary);
    j.field("signingAuthority", h.signing_authority);
    j.field("signerTitle", h.signer_title);
    j.field("signerName", h.signer_name);
    j.key("recipients");
    j.begin_array();
    for (const auto& recipient : h.recipients) j.string(recipient);
    j.end_array();
    j.end_object();

    j.key("status");
    j.begin_object();
    j.field("value", report::to_string(r.status));
    j.key("amendment");
    j.integer(r.amendment);
    j.field("amends", r.amends);
    j.end_object();

    j.key("timestamps");
    j.begin_object();
    j.field("created", r.created);
    j.field("modified", r.modified);
    j.end_object();

    j.key("values");
    j.begin_array();
    for (const auto& [code, entry] : r.values) {
        j.begin_object();
        j.field("code", code);
        j.field("value", entry.value);
        if (!entry.note.empty()) j.field("note", entry.note);
        j.end_object();
    }
    j.end_array();

    j.key("computed");
    j.begin_array();
    for (const auto& c : s.computed) {
        j.begin_object();
        j.field("code", c.code);
        j.field("state", detail::state_name(c.state));
        j.key("number");
        if (c.number && std::isfinite(*c.number))
            j.number(*c.number);
        else
            j.null();
        j.field("display", c.display);
        j.end_object();
    }
    j.end_array();

    j.key("narrative");
    j.begin_array();
    for (const auto& [id, text] : r.narrative) {
        j.begin_object();
        j.field("id", id);
        j.field("text", text);
        j.end_object();
    }
    j.end_array();

    j.key("justifications");
    j.begin_array();
    for (const auto& just : r.justifications) {
        j.begin_object();
        j.field("rule", just.rule);
        j.field("text", just.text);
        j.field("date", just.date);
        j.end_object();
    }
    j.end_array();

    j.key("findings");
    j.begin_array();
    for (const auto& f : s.findings) {
        j.begin_object();
        j.field("severity", schema::to_string(f.severity));
        j.field("rule", f.rule);
        j.key("codes");
        j.begin_array();
        for (const auto& code : f.codes) j.string(code);
        j.end_array();
        j.field("section", f.section);
        j.field("message", f.message);
        j.key("justified");
        j.boolean(f.justified);
        j.end_object();
    }
    j.end_array();

    j.end_object();
    j.out += '\n';
    return std::move(j.out);
}

namespace detail {
namespace {

std::string pointer_token(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Where the nesting first goes deeper than the limit, found before parsing so that no parser
// ever builds a hostile tree. Brackets inside strings do not count.
std::optional<std::size_t> json_too_deep(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

// nlohmann::json keeps the last of two equal keys without a word; a submission with two
// "code" keys in one value is ambiguous, so the parse callback notes the first repeat.
class DuplicateKeys {
public:
    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                count_in_parent();
                frames_.push_back({true, {}, -1, {}});
                break;
            case json::parse_event_t::array_start:
                count_in_parent();
                frames_.push_back({false, {}, -1, {}});
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!frames_.empty()) frames_.pop_back();
                break;
            case json::parse_event_t::key:
                if (!frames_.empty() && parsed.is_string()) {
                    Frame& f = frames_.back();
                    f.key = parsed.get<std::string>();
                    if (!f.keys.insert(f.key).second && !duplicate) duplicate = path();
                }
                break;
            case json::parse_event_t::value:
                count_in_parent();
                break;
        }
        return true;
    }

    std::optional<std::string> duplicate;  // pointer of the repeated key

private:
    struct Frame {
        bool object;
        std::string key;
        long index;
        std::set<std::string> keys;
    };

    void count_in_parent() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }

    std::string path() const {
        std::string out;
        for (const auto& f : frames_)
            out += "/" + (f.object ? pointer_token(f.key) : std::to_string(f.index));
        return out;
    }

    std::vector<Frame> frames_;
};

class JsonReader {
public:
    explicit JsonReader(const std::string& label) : label_(label) {}

    Submission read(const json& root) {
        Submission s;
        report::Report& r = s.report;
        only(root, "",
             {"format", "formatVersion", "type", "period", "unit", "header", "status", "timestamps", "values",
              "computed", "narrative", "justifications", "findings"});

        const json& type = object(root, "", "type");
        only(type, "/type", {"id", "edition", "version"});
        r.type_id = string(type, "/type", "id");
        if (r.type_id.empty()) fail("/type/id", tr("mã loại báo cáo trống"));
        r.edition = string(type, "/type", "edition");
        r.type_version = string(type, "/type", "version");

        const json& period = object(root, "", "period");
        only(period, "/period", {"code", "from", "to"});
        check("/period/code", read_period(string(period, "/period", "code"), r.period));
        check("/period/from", read_date(string(period, "/period", "from"), r.window_from));
        check("/period/to", read_date(string(period, "/period", "to"), r.window_to));
        check("/period", check_window(r.window_from, r.window_to));

        const json& unit = object(root, "", "unit");
        only(unit, "/unit", {"code", "name", "kind", "parent", "parentKind", "province", "formerNames"});
        if (unit.contains("code")) {
            r.unit.code = string(unit, "/unit", "code");
            check("/unit/code", detail::check_unit_code(r.unit.code));
        }
        r.unit.name = string(unit, "/unit", "name");
        r.unit.kind = string(unit, "/unit", "kind");
        r.unit.parent = string(unit, "/unit", "parent");
        r.unit.parent_kind = string(unit, "/unit", "parentKind");
        r.unit.province = string(unit, "/unit", "province");
        r.unit.former_names = strings(unit, "/unit", "formerNames");

        const json& h = object(root, "", "header");
        only(h, "/header",
             {"parentBody", "issuingBody", "number", "symbol", "place", "date", "summary", "signingAuthority",
              "signerTitle", "signerName", "recipients"});
        report::Header& header = r.header;
        header.parent_body = string(h, "/header", "parentBody");
        header.issuing_body = string(h, "/header", "issuingBody");
        header.number = string(h, "/header", "number");
        header.symbol = string(h, "/header", "symbol");
        header.place = string(h, "/header", "place");
        if (const json& d = member(h, "/header", "date"); !d.is_null()) {
            report::SimpleDate date;
            check("/header/date", read_date(as_string(d, "/header/date"), date));
            header.date = date;
        }
        header.summary = string(h, "/header", "summary");
        header.signing_authority = string(h, "/header", "signingAuthority");
        header.signer_title = string(h, "/header", "signerTitle");
        header.signer_name = string(h, "/header", "signerName");
        header.recipients = strings(h, "/header", "recipients");

        const json& status = object(root, "", "status");
        only(status, "/status", {"value", "amendment", "amends"});
        check("/status/value", read_status(string(status, "/status", "value"), r.status));
        r.amendment = count(member(status, "/status", "amendment"), "/status/amendment");
        r.amends = string(status, "/status", "amends");

        const json& ts = object(root, "", "timestamps");
        only(ts, "/timestamps", {"created", "modified"});
        r.created = string(ts, "/timestamps", "created");
        r.modified = string(ts, "/timestamps", "modified");

        const json& values = array(root, "", "values");
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::string p = "/values/" + std::to_string(i);
            const json& v = as_object(values[i], p);
            only(v, p, {"code", "value", "note"});
            const std::string code = string(v, p, "code");
            if (code.empty()) fail(p + "/code", tr("mã chỉ tiêu trống"));
            report::Entry entry{string(v, p, "value"),
                                v.contains("note") ? string(v, p, "note") : std::string()};
            if (!r.values.emplace(code, std::move(entry)).second)
                fail(p + "/code", trf("chỉ tiêu {} có hai giá trị", shorten(code)));
        }

        if (root.contains("computed")) {
            const json& computed = array(root, "", "computed");
            std::set<std::string> seen;
            for (std::size_t i = 0; i < computed.size(); ++i) {
                const std::string p = "/computed/" + std::to_string(i);
                const json& v = as_object(computed[i], p);
                only(v, p, {"code", "state", "number", "display"});
                ComputedValue c;
                c.code = string(v, p, "code");
                if (c.code.empty()) fail(p + "/code", tr("mã chỉ tiêu trống"));
                if (!seen.insert(c.code).second)
                    fail(p + "/code", trf("chỉ tiêu {} có hai giá trị", shorten(c.code)));
                check(p + "/state", read_state(string(v, p, "state"), c.state));
                if (v.contains("number") && !v["number"].is_null()) {
                    if (!v["number"].is_number()) fail(p + "/number", tr("cần một số hoặc null"));
                    const double n = v["number"].get<double>();
                    if (std::isfinite(n)) c.number = n;
                }
                c.display = string(v, p, "display");
                s.computed.push_back(std::move(c));
            }
        }

        const json& narrative = array(root, "", "narrative");
        for (std::size_t i = 0; i < narrative.size(); ++i) {
            const std::string p = "/narrative/" + std::to_string(i);
            const json& n = as_object(narrative[i], p);
            only(n, p, {"id", "text"});
            const std::string id = string(n, p, "id");
            if (id.empty()) fail(p + "/id", tr("mã mục trống"));
            if (!r.narrative.emplace(id, string(n, p, "text")).second)
                fail(p + "/id", trf("mục {} có hai đoạn văn", shorten(id)));
        }

        const json& justifications = array(root, "", "justifications");
        for (std::size_t i = 0; i < justifications.size(); ++i) {
            const std::string p = "/justifications/" + std::to_string(i);
            const json& j = as_object(justifications[i], p);
            only(j, p, {"rule", "text", "date"});
            r.justifications.push_back({string(j, p, "rule"), string(j, p, "text"), string(j, p, "date")});
        }

        if (root.contains("findings")) {
            const json& findings = array(root, "", "findings");
            for (std::size_t i = 0; i < findings.size(); ++i) {
                const std::string p = "/findings/" + std::to_string(i);
                const json& f = as_object(findings[i], p);
                only(f, p, {"severity", "rule", "codes", "section", "message", "justified"});
                SubmittedFinding out;
                check(p + "/severity", read_severity(string(f, p, "severity"), out.severity));
                out.rule = string(f, p, "rule");
                out.codes = strings(f, p, "codes");
                out.section = string(f, p, "section");
                out.message = string(f, p, "message");
                const json& justified = member(f, p, "justified");
                if (!justified.is_boolean()) fail(p + "/justified", tr("cần true hoặc false"));
                out.justified = justified.get<bool>();
                s.findings.push_back(std::move(out));
            }
        }
        return s;
    }

private:
    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw ReadError{fmt::format("{}: {}: {}", label_, path.empty() ? "/" : path, what)};
    }

    void check(const std::string& path, const std::optional<std::string>& problem) const {
        if (problem) fail(path, *problem);
    }

    // Unknown fields are refused, as the schema refuses unknown elements: a field this version
    // does not know would otherwise be dropped without a word.
    void only(const json& o, const std::string& path, std::initializer_list<std::string_view> known) const {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool ok = false;
            for (auto k : known) ok = ok || it.key() == k;
            if (!ok)
                fail(path + "/" + shorten(pointer_token(it.key())), tr("trường không có trong định dạng"));
        }
    }

    const json& member(const json& o, const std::string& path, const char* key) const {
        auto it = o.find(key);
        if (it == o.end()) fail(path + "/" + key, tr("thiếu trường bắt buộc"));
        return *it;
    }

    const json& as_object(const json& v, const std::string& path) const {
        if (!v.is_object()) fail(path, tr("cần một đối tượng"));
        return v;
    }

    const json& object(const json& o, const std::string& path, const char* key) const {
        return as_object(member(o, path, key), path + "/" + key);
    }

    const json& array(const json& o, const std::string& path, const char* key) const {
        const json& v = member(o, path, key);
        if (!v.is_array()) fail(path + "/" + key, tr("cần một mảng"));
        return v;
    }

    // JSON may escape characters XML cannot carry ("\u0001"); a submission must read the same
    // in both shapes, so they are refused here as XML refuses them.
    std::string as_string(const json& v, const std::string& path) const {
        if (!v.is_string()) fail(path, tr("cần một chuỗi"));
        const std::string& s = v.get_ref<const std::string&>();
        if (const std::size_t bad = first_forbidden(s); bad != std::string::npos) {
            char32_t cp = 0;
            decode_utf8(s, bad, cp);
            fail(path,
                 trf("ký tự U+{:04X} không được phép trong tệp nộp báo cáo", static_cast<unsigned>(cp)));
        }
        return s;
    }

    std::string string(const json& o, const std::string& path, const char* key) const {
        return as_string(member(o, path, key), path + "/" + key);
    }

    std::vector<std::string> strings(const json& o, const std::string& path, const char* key) const {
        const json& a = array(o, path, key);
        std::vector<std::string> out;
        out.reserve(a.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            out.push_back(as_string(a[i], path + "/" + key + "/" + std::to_string(i)));
        return out;
    }

    // A count within 0..INT_MAX. A number beyond 64 bits arrives as a float and is refused as
    // not an integer; one within 64 bits but past INT_MAX as out of range.
    int count(const json& v, const std::string& path) const {
        if (v.is_number_unsigned()) {
            const auto n = v.get<std::uint64_t>();
            if (n > static_cast<std::uint64_t>(INT_MAX))
                fail(path, trf("số {} vượt quá giới hạn {}", n, INT_MAX));
            return static_cast<int>(n);
        }
        if (v.is_number_integer()) fail(path, trf("số {} không được âm", v.get<std::int64_t>()));
        fail(path, tr("cần một số nguyên"));
    }

    const std::string& label_;
};

}  // namespace

Result<Submission> read_json(std::string_view text, const std::string& label) {
    using R = Result<Submission>;
    auto where = [&](std::size_t offset) {
        const xml::Location loc = xml::locate(text, offset);
        return fmt::format("{}:{}:{}", label, loc.line, loc.column);
    };
    if (const auto deep = json_too_deep(text, kMaxSubmissionDepth))
        return R::fail(trf("{}: JSON lồng quá {} cấp", where(*deep), kMaxSubmissionDepth));

    DuplicateKeys duplicates;
    json root;
    try {
        root = json::parse(text.begin(), text.end(), std::ref(duplicates), true, false);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based: the byte after the last one read.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string detail = e.what();
        if (const auto colon = detail.find(": ", detail.find("parse error")); colon != std::string::npos)
            detail = detail.substr(colon + 2);
        return R::fail(trf("{}: JSON không hợp lệ: {}", where(offset), shorten(clean_text(detail), 300)));
    } catch (const json::exception& e) {
        return R::fail(trf("{}: JSON không hợp lệ: {}", label, e.what()));
    }
    if (duplicates.duplicate)
        return R::fail(trf("{}: {}: khóa xuất hiện hai lần trong một đối tượng", label,
                           shorten(*duplicates.duplicate, 300)));

    if (!root.is_object())
        return R::fail(trf("{}: không phải tệp nộp báo cáo (cần một đối tượng JSON)", label));
    const auto format = root.find("format");
    if (format == root.end() || !format->is_string() ||
        format->get_ref<const std::string&>() != kSubmissionJsonFormat)
        return R::fail(
            trf("{}: không phải tệp nộp báo cáo (cần \"format\": \"{}\")", label, kSubmissionJsonFormat));
    const auto version = root.find("formatVersion");
    if (version == root.end()) return R::fail(trf("{}: /formatVersion: thiếu phiên bản định dạng", label));
    const bool supported =
        version->is_number_unsigned()
            ? version->get<std::uint64_t>() == static_cast<std::uint64_t>(kSubmissionFormatVersion)
            : version->is_number_integer() && version->get<std::int64_t>() == kSubmissionFormatVersion;
    if (!supported) {
        const std::string shown = version->is_string() ? version->get<std::string>() : version->dump();
        return R::fail(
            trf("{}: tệp nộp báo cáo định dạng phiên bản \"{}\" không được hỗ trợ; phiên bản này chỉ "
                "đọc định dạng {}",
                label, shorten(clean_text(shown)), kSubmissionFormatVersion));
    }
    try {
        return R::ok(JsonReader(label).read(root));
    } catch (const ReadError& e) {
        return R::fail(e.message);
    }
}

}  // namespace detail
}  // namespace rb::exporting
