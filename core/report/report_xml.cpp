// Reading and writing report documents (schemas/report.xsd).
#include <fmt/format.h>

#include <charconv>
#include <climits>
#include <sstream>

#include "i18n/i18n.hpp"
#include "report/date_iso.hpp"
#include "report/report.hpp"
#include "xml/text.hpp"
#include "xml/xml.hpp"

namespace rb::report {
namespace {

constexpr const char* kSchema = "report.xsd";
constexpr std::size_t kMaxIssuesShown = 20;

// ---------------------------------------------------------------------------------------------
// Writing

// Text as XML 1.0 can carry it (xml/text.hpp): the rule saved reports share with submissions.
std::string xml_safe(std::string_view s) { return xml::clean_text(s); }

void set_attr(pugi::xml_node n, const char* name, std::string_view value) {
    n.append_attribute(name).set_value(xml_safe(value).c_str());
}

pugi::xml_node text_child(pugi::xml_node parent, const char* name, std::string_view text) {
    pugi::xml_node n = parent.append_child(name);
    const std::string safe = xml_safe(text);
    if (!safe.empty()) n.append_child(pugi::node_pcdata).set_value(safe.c_str());
    return n;
}

// ---------------------------------------------------------------------------------------------
// Reading

std::string_view local_name(const pugi::xml_node& n) {
    std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_of(std::string_view qname) {
    const auto colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

// Namespace URI bound to `prefix` ("" for the default namespace) in scope at `n`.
std::optional<std::string> resolve(pugi::xml_node n, std::string_view prefix) {
    const std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    for (; n && n.type() == pugi::node_element; n = n.parent()) {
        if (pugi::xml_attribute a = n.attribute(attr.c_str())) return std::string(a.value());
    }
    if (prefix == "xml") return std::string("http://www.w3.org/XML/1998/namespace");
    if (prefix.empty()) return std::string();
    return std::nullopt;
}

bool is_ours(const pugi::xml_node& n) {
    if (n.type() != pugi::node_element) return false;
    const auto ns = resolve(n, prefix_of(n.name()));
    return ns && *ns == kNamespace;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (is_ours(c) && local_name(c) == local) return c;
    }
    return {};
}

// All character data directly inside `n` (text and CDATA parts joined).
std::string text_of(const pugi::xml_node& n) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    }
    return out;
}

void collect_prefixes(const pugi::xml_node& n, std::vector<std::string>& out) {
    auto note = [&](std::string_view qname) {
        const std::string_view p = prefix_of(qname);
        if (p.empty() || p == "xml" || p == "xmlns") return;
        for (const auto& have : out)
            if (have == p) return;
        out.emplace_back(p);
    };
    // Iterative: preserved content comes from untrusted files and may nest deeply.
    pugi::xml_node cur = n;
    while (cur) {
        if (cur.type() == pugi::node_element) {
            note(cur.name());
            for (const pugi::xml_attribute& a : cur.attributes()) note(a.name());
        }
        if (cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur && cur != n && !cur.next_sibling()) cur = cur.parent();
        if (!cur || cur == n) break;
        cur = cur.next_sibling();
    }
}

// One unknown element as standalone XML: the namespace declarations it relies on from its
// ancestors are copied onto it, so it means the same wherever it is written back.
std::string raw_element(const pugi::xml_node& n) {
    pugi::xml_document tmp;
    pugi::xml_node copy = tmp.append_copy(n);
    if (!copy.attribute("xmlns")) {
        const std::string def = resolve(n.parent(), "").value_or("");
        // Written back under our root, whose default namespace is ours.
        if (def != kNamespace) copy.append_attribute("xmlns").set_value(def.c_str());
    }
    std::vector<std::string> prefixes;
    collect_prefixes(n, prefixes);
    for (const auto& p : prefixes) {
        const std::string attr = "xmlns:" + p;
        if (copy.attribute(attr.c_str())) continue;
        if (auto uri = resolve(n.parent(), p)) copy.append_attribute(attr.c_str()).set_value(uri->c_str());
    }
    std::ostringstream os;
    copy.print(os, "", pugi::format_raw, pugi::encoding_utf8);
    return os.str();
}

// Column of the first non-blank character of `line`, for messages whose source gave none.
int first_column(std::string_view text, int line) {
    std::size_t pos = 0;
    for (int l = 1; l < line && pos < text.size(); ++l) {
        const auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) return 1;
        pos = nl + 1;
    }
    std::size_t end = pos;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    return xml::locate(text.substr(pos), end - pos).column;
}

std::string join_issues(std::vector<xml::Issue> issues, std::string_view text, const std::string& label) {
    std::string out = trf("Tệp báo cáo {} không hợp lệ:", label);
    std::size_t shown = 0;
    for (auto& issue : issues) {
        if (shown == kMaxIssuesShown) {
            out += "\n" + trf("… và {} lỗi khác.", issues.size() - shown);
            break;
        }
        if (issue.where.line < 1) issue.where.line = 1;
        if (issue.where.column < 1) issue.where.column = first_column(text, issue.where.line);
        out += "\n" + issue.to_string();
        ++shown;
    }
    return out;
}

// A non-negative integer as XSD writes it (blanks around, optional '+'). INT_MAX when too
// large to hold; nullopt when not a number.
std::optional<int> parse_count(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r'))
        v.remove_suffix(1);
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    if (v.empty() || v.front() == '-') return std::nullopt;
    int out = 0;
    const auto res = std::from_chars(v.data(), v.data() + v.size(), out);
    if (res.ptr != v.data() + v.size()) return std::nullopt;
    if (res.ec == std::errc::result_out_of_range) return INT_MAX;
    if (res.ec != std::errc()) return std::nullopt;
    return out;
}

std::optional<int> format_version(const pugi::xml_node& root) {
    return parse_count(root.attribute("formatVersion").value());
}

struct ReadError {
    std::string message;
};

class Reader {
public:
    Reader(std::string_view text, const std::string& label) : text_(text), label_(label) {}

    Report read(const pugi::xml_node& root) {
        Report r;
        const std::optional<int> version = format_version(root);
        if (!version || *version < 1) {
            fail(root,
                 trf("phiên bản định dạng \"{}\" không hợp lệ", root.attribute("formatVersion").value()));
        }
        if (*version > kFormatVersion) {
            r.read_only = true;
            r.read_only_reason =
                trf("Tệp được tạo bởi phiên bản ReportBench mới hơn (định dạng {}; phiên bản này "
                    "đọc được đến định dạng {}), nên chỉ mở để xem.",
                    *version, kFormatVersion);
        }

        const pugi::xml_node type = required(root, "type");
        r.type_id = type.attribute("id").value();
        if (r.type_id.empty()) fail(type, tr("thiếu mã loại báo cáo (id)"));
        r.type_version = type.attribute("version").value();
        r.edition = type.attribute("edition").value();

        const pugi::xml_node period = required(root, "period");
        auto parsed = Period::parse(period.attribute("code").value());
        if (!parsed) fail(period, parsed.error());
        r.period = *parsed;
        r.window_from = date(period, period.attribute("from").value());
        r.window_to = date(period, period.attribute("to").value());
        if (r.window_to < r.window_from) {
            fail(period, trf("ngày bắt đầu {} sau ngày kết thúc {}", detail::format_iso(r.window_from),
                             detail::format_iso(r.window_to)));
        }

        const pugi::xml_node status = required(root, "status");
        auto st = parse_status(status.attribute("value").value());
        if (!st) fail(status, st.error());
        r.status = *st;
        const std::string_view amendment = status.attribute("amendment").value();
        const std::optional<int> number = parse_count(amendment);
        if (!number || *number == INT_MAX)
            fail(status, trf("số thứ tự sửa đổi \"{}\" không hợp lệ", amendment));
        r.amendment = *number;
        r.amends = status.attribute("amends").value();

        if (const pugi::xml_node ts = child(root, "timestamps")) {
            r.created = ts.attribute("created").value();
            r.modified = ts.attribute("modified").value();
        }

        const pugi::xml_node unit = required(root, "unit");
        r.unit.code = unit.attribute("code").value();
        r.unit.name = unit.attribute("name").value();
        r.unit.kind = unit.attribute("kind").value();
        r.unit.parent = unit.attribute("parent").value();
        r.unit.parent_kind = unit.attribute("parentKind").value();
        r.unit.province = unit.attribute("province").value();
        for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling())
            if (is_ours(c) && local_name(c) == "formerName") r.unit.former_names.push_back(text_of(c));

        read_header(required(root, "header"), r.header);

        if (const pugi::xml_node values = child(root, "values")) {
            for (pugi::xml_node v = values.first_child(); v; v = v.next_sibling()) {
                if (!is_ours(v) || local_name(v) != "value") continue;
                const std::string code = v.attribute("code").value();
                if (code.empty()) fail(v, tr("giá trị thiếu mã chỉ tiêu (code)"));
                if (!r.values.emplace(code, Entry{text_of(v), v.attribute("note").value()}).second)
                    fail(v, trf("chỉ tiêu {} có hai giá trị", code));
            }
        }
        if (const pugi::xml_node narrative = child(root, "narrative")) {
            for (pugi::xml_node s = narrative.first_child(); s; s = s.next_sibling()) {
                if (!is_ours(s) || local_name(s) != "section") continue;
                const std::string id = s.attribute("id").value();
                if (id.empty()) fail(s, tr("đoạn văn thiếu mã mục (id)"));
                if (!r.narrative.emplace(id, text_of(s)).second) fail(s, trf("mục {} có hai đoạn văn", id));
            }
        }
        if (const pugi::xml_node js = child(root, "justifications")) {
            for (pugi::xml_node j = js.first_child(); j; j = j.next_sibling()) {
                if (!is_ours(j) || local_name(j) != "justification") continue;
                r.justifications.push_back(
                    {j.attribute("rule").value(), text_of(j), j.attribute("date").value()});
            }
        }

        // Whatever this version does not know is kept, in document order.
        static constexpr std::string_view kKnown[] = {"type",       "period",    "status",
                                                      "timestamps", "unit",      "header",
                                                      "values",     "narrative", "justifications"};
        for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            if (is_ours(c) && local_name(c) == "extension") {
                for (pugi::xml_node e = c.first_child(); e; e = e.next_sibling())
                    if (e.type() == pugi::node_element) r.preserved_xml.push_back(raw_element(e));
                continue;
            }
            bool known = false;
            if (is_ours(c))
                for (auto k : kKnown) known = known || local_name(c) == k;
            if (!known) r.preserved_xml.push_back(raw_element(c));
        }
        return r;
    }

private:
    [[noreturn]] void fail(const pugi::xml_node& n, const std::string& what) const {
        const xml::Location at = xml::where(n, text_);
        throw ReadError{fmt::format("{}:{}:{}: {}", label_, at.line, at.column, what)};
    }

    pugi::xml_node required(const pugi::xml_node& parent, const char* local) const {
        pugi::xml_node n = child(parent, local);
        if (!n) fail(parent, trf("thiếu phần <{}> trong <{}>", local, local_name(parent)));
        return n;
    }

    SimpleDate date(const pugi::xml_node& n, std::string_view text) const {
        auto d = detail::parse_iso(text);
        if (!d) fail(n, trf("ngày \"{}\" không hợp lệ (cần dạng YYYY-MM-DD)", text));
        return *d;
    }

    void read_header(const pugi::xml_node& h, Header& out) const {
        auto text = [&](const char* local, std::string& field) {
            if (pugi::xml_node n = child(h, local)) field = text_of(n);
        };
        text("parentBody", out.parent_body);
        text("issuingBody", out.issuing_body);
        text("number", out.number);
        text("symbol", out.symbol);
        text("place", out.place);
        if (pugi::xml_node d = child(h, "date")) out.date = date(d, text_of(d));
        text("summary", out.summary);
        text("signingAuthority", out.signing_authority);
        text("signerTitle", out.signer_title);
        text("signerName", out.signer_name);
        if (pugi::xml_node rs = child(h, "recipients")) {
            for (pugi::xml_node c = rs.first_child(); c; c = c.next_sibling())
                if (is_ours(c) && local_name(c) == "recipient") out.recipients.push_back(text_of(c));
        }
    }

    std::string_view text_;
    const std::string& label_;
};

}  // namespace

std::string to_xml(const Report& r) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";

    pugi::xml_node root = doc.append_child("report");
    root.append_attribute("xmlns") = kNamespace;
    root.append_attribute("formatVersion") = kFormatVersion;

    pugi::xml_node type = root.append_child("type");
    set_attr(type, "id", r.type_id);
    set_attr(type, "version", r.type_version);
    set_attr(type, "edition", r.edition);

    pugi::xml_node period = root.append_child("period");
    set_attr(period, "code", r.period.code());
    set_attr(period, "from", detail::format_iso(r.window_from));
    set_attr(period, "to", detail::format_iso(r.window_to));

    pugi::xml_node status = root.append_child("status");
    set_attr(status, "value", to_string(r.status));
    status.append_attribute("amendment") = r.amendment;
    if (!r.amends.empty()) set_attr(status, "amends", r.amends);

    if (!r.created.empty() || !r.modified.empty()) {
        pugi::xml_node ts = root.append_child("timestamps");
        if (!r.created.empty()) set_attr(ts, "created", r.created);
        if (!r.modified.empty()) set_attr(ts, "modified", r.modified);
    }

    pugi::xml_node unit = root.append_child("unit");
    if (!r.unit.code.empty()) set_attr(unit, "code", r.unit.code);
    set_attr(unit, "name", r.unit.name);
    set_attr(unit, "kind", r.unit.kind);
    set_attr(unit, "parent", r.unit.parent);
    set_attr(unit, "parentKind", r.unit.parent_kind);
    set_attr(unit, "province", r.unit.province);
    for (const auto& former : r.unit.former_names) text_child(unit, "formerName", former);

    const Header& h = r.header;
    pugi::xml_node header = root.append_child("header");
    text_child(header, "parentBody", h.parent_body);
    text_child(header, "issuingBody", h.issuing_body);
    text_child(header, "number", h.number);
    text_child(header, "symbol", h.symbol);
    text_child(header, "place", h.place);
    if (h.date) text_child(header, "date", detail::format_iso(*h.date));
    text_child(header, "summary", h.summary);
    text_child(header, "signingAuthority", h.signing_authority);
    text_child(header, "signerTitle", h.signer_title);
    text_child(header, "signerName", h.signer_name);
    pugi::xml_node recipients = header.append_child("recipients");
    for (const auto& recipient : h.recipients) text_child(recipients, "recipient", recipient);

    pugi::xml_node values = root.append_child("values");
    for (const auto& [code, entry] : r.values) {
        pugi::xml_node v = text_child(values, "value", entry.value);
        set_attr(v, "code", code);
        if (!entry.note.empty()) set_attr(v, "note", entry.note);
    }

    pugi::xml_node narrative = root.append_child("narrative");
    for (const auto& [id, text] : r.narrative) {
        pugi::xml_node s = text_child(narrative, "section", text);
        set_attr(s, "id", id);
    }

    if (!r.justifications.empty()) {
        pugi::xml_node js = root.append_child("justifications");
        for (const auto& j : r.justifications) {
            pugi::xml_node n = text_child(js, "justification", j.text);
            set_attr(n, "rule", j.rule);
            set_attr(n, "date", j.date);
        }
    }

    std::ostringstream os;
    doc.save(os, "  ", pugi::format_indent, pugi::encoding_utf8);
    std::string out = os.str();

    if (!r.preserved_xml.empty()) {
        // Preserved parts go in one line each, as read: indenting them would add whitespace to
        // data we do not understand, and costs quadratic space on deeply nested content.
        std::string ext = "  <extension>\n";
        for (const auto& raw : r.preserved_xml) {
            // Re-printed from a parse, so whatever a caller put there is well-formed XML.
            pugi::xml_document part;
            if (!part.load_buffer(raw.data(), raw.size(),
                                  pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_fragment,
                                  pugi::encoding_utf8))
                continue;  // not XML: it cannot be written into an XML file
            for (pugi::xml_node c = part.first_child(); c; c = c.next_sibling()) {
                if (c.type() != pugi::node_element) continue;
                std::ostringstream one;
                c.print(one, "", pugi::format_raw, pugi::encoding_utf8);
                ext += "    " + xml_safe(one.str()) + "\n";
            }
        }
        ext += "  </extension>\n";
        const std::string close = "</report>";
        out.insert(out.rfind(close), ext);
    }

    // pugixml writes a carriage return in text as is, which readers turn into a newline;
    // escaping it keeps the text exact.
    std::string escaped;
    escaped.reserve(out.size());
    for (const char c : out) {
        if (c == '\r')
            escaped += "&#13;";
        else
            escaped += c;
    }
    return escaped;
}

Result<Report> from_xml(std::string_view text, const std::string& file_label) {
    std::vector<xml::Issue> issues = xml::validate(text, kSchema, file_label);
    pugi::xml_document doc;
    if (!issues.empty()) {
        // A newer format may hold parts this schema does not know: open it read-only and keep
        // those parts, rather than refusing a file that is only newer.
        const bool parsed = static_cast<bool>(xml::parse(text, file_label, doc));
        const pugi::xml_node root = doc.document_element();
        const auto version = parsed ? format_version(root) : std::nullopt;
        const bool newer =
            parsed && is_ours(root) && local_name(root) == "report" && version && *version > kFormatVersion;
        if (!newer) return Result<Report>::fail(join_issues(std::move(issues), text, file_label));
    } else if (rb::Status parsed = xml::parse(text, file_label, doc); !parsed) {
        return Result<Report>::fail(parsed.error());
    }
    try {
        return Result<Report>::ok(Reader(text, file_label).read(doc.document_element()));
    } catch (const ReadError& e) {
        return Result<Report>::fail(e.message);
    }
}

}  // namespace rb::report
