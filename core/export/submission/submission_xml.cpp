// The XML shape of the submission (schemas/submission.xsd): a writer of its own, so that every
// character is escaped the way the reader needs to get it back exactly, and a reader that
// validates against the schema before it reads anything.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "export/submission/submission.hpp"
#include "export/submission/submission_detail.hpp"
#include "export/submission/text_rules.hpp"
#include "i18n/i18n.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

constexpr const char* kSchema = "submission.xsd";
constexpr std::size_t kMaxIssuesShown = 20;
constexpr std::string_view kNamespacePrefix = "urn:reportbench:submission:";

// ---------------------------------------------------------------------------------------------
// Writing

bool is_xml_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void char_ref(std::string& out, char c) {
    switch (c) {
        case ' ':
            out += "&#32;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\n':
            out += "&#10;";
            break;
        default:
            out += "&#13;";
            break;
    }
}

// Element text. A carriage return would become a line feed in any reader, and whitespace at
// either end is what pretty-printers and trimming readers take away: both go as references.
void append_text(std::string& out, std::string_view raw) {
    const std::string s = detail::clean_text(raw);
    std::size_t lead = 0;
    while (lead < s.size() && is_xml_space(s[lead])) ++lead;
    std::size_t trail = s.size();
    while (trail > lead && is_xml_space(s[trail - 1])) --trail;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i < lead || i >= trail) {
            char_ref(out, c);
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;  // "]]>" may not appear in text
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
}

// Attribute value in double quotes. Readers turn a literal tab or line break in an attribute
// into a space, so those go as references too.
void append_attr(std::string& out, const char* name, std::string_view raw) {
    out += ' ';
    out += name;
    out += "=\"";
    for (const char c : detail::clean_text(raw)) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
    out += '"';
}

void indent(std::string& out, int depth) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

// Ends an element whose start tag (and attributes) are written: ">text</name>", or "/>" when
// the text is empty.
void finish_with_text(std::string& out, const char* name, std::string_view text) {
    if (text.empty()) {
        out += "/>\n";
        return;
    }
    out += '>';
    append_text(out, text);
    out += "</";
    out += name;
    out += ">\n";
}

// <name>text</name> on a line of its own (or <name/> when the text is empty).
void text_element(std::string& out, int depth, const char* name, std::string_view text) {
    indent(out, depth);
    out += '<';
    out += name;
    finish_with_text(out, name, text);
}

void open(std::string& out, int depth, const char* name) {
    indent(out, depth);
    out += '<';
    out += name;
}

void close_tag(std::string& out, int depth, const char* name) {
    indent(out, depth);
    out += "</";
    out += name;
    out += ">\n";
}

}  // namespace

std::string submission_to_xml(const Submission& s) {
    const report::Report& r = s.report;
    std::string out;
    out.reserve(64 * 1024);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<submission xmlns=\"";
    out += kSubmissionNamespace;
    out += "\" formatVersion=\"";
    out += std::to_string(kSubmissionFormatVersion);
    out += "\">\n";

    open(out, 1, "type");
    append_attr(out, "id", r.type_id);
    append_attr(out, "edition", r.edition);
    append_attr(out, "version", r.type_version);
    out += "/>\n";

    open(out, 1, "period");
    append_attr(out, "code", r.period.code());
    append_attr(out, "from", detail::format_iso_date(r.window_from));
    append_attr(out, "to", detail::format_iso_date(r.window_to));
    out += "/>\n";

    open(out, 1, "unit");
    if (!r.unit.code.empty()) append_attr(out, "code", r.unit.code);
    append_attr(out, "name", r.unit.name);
    append_attr(out, "kind", r.unit.kind);
    append_attr(out, "parent", r.unit.parent);
    append_attr(out, "parentKind", r.unit.parent_kind);
    append_attr(out, "province", r.unit.province);
    if (r.unit.former_names.empty()) {
        out += "/>\n";
    } else {
        out += ">\n";
        for (const auto& former : r.unit.former_names) text_element(out, 2, "formerName", former);
        close_tag(out, 1, "unit");
    }

    const report::Header& h = r.header;
    out += "  <header>\n";
    text_element(out, 2, "parentBody", h.parent_body);
    text_element(out, 2, "issuingBody", h.issuing_body);
    text_element(out, 2, "number", h.number);
    text_element(out, 2, "symbol", h.symbol);
    text_element(out, 2, "place", h.place);
    if (h.date) text_element(out, 2, "date", detail::format_iso_date(*h.date));
    text_element(out, 2, "summary", h.summary);
    text_element(out, 2, "signingAuthority", h.signing_authority);
    text_element(out, 2, "signerTitle", h.signer_title);
    text_element(out, 2, "signerName", h.signer_name);
    if (h.recipients.empty()) {
        out += "    <recipients/>\n";
    } else {
        out += "    <recipients>\n";
        for (const auto& recipient : h.recipients) text_element(out, 3, "recipient", recipient);
        out += "    </recipients>\n";
    }
    out += "  </header>\n";

    open(out, 1, "status");
    append_attr(out, "value", report::to_string(r.status));
    append_attr(out, "amendment", std::to_string(r.amendment));
    append_attr(out, "amends", r.amends);
    out += "/>\n";

    open(out, 1, "timestamps");
    append_attr(out, "created", r.created);
    append_attr(out, "modified", r.modified);
    out += "/>\n";

    out += "  <values>\n";
    for (const auto& [code, entry] : r.values) {
        open(out, 2, "value");
        append_attr(out, "code", code);
        if (!entry.note.empty()) append_attr(out, "note", entry.note);
        finish_with_text(out, "value", entry.value);
    }
    out += "  </values>\n";

    out += "  <computed>\n";
    for (const auto& c : s.computed) {
        open(out, 2, "value");
        append_attr(out, "code", c.code);
        append_attr(out, "state", detail::state_name(c.state));
        if (c.number && std::isfinite(*c.number)) append_attr(out, "number", detail::number_text(*c.number));
        append_attr(out, "display", c.display);
        out += "/>\n";
    }
    out += "  </computed>\n";

    out += "  <narrative>\n";
    for (const auto& [id, text] : r.narrative) {
        open(out, 2, "section");
        append_attr(out, "id", id);
        finish_with_text(out, "section", text);
    }
    out += "  </narrative>\n";

    out += "  <justifications>\n";
    for (const auto& j : r.justifications) {
        open(out, 2, "justification");
        append_attr(out, "rule", j.rule);
        append_attr(out, "date", j.date);
        finish_with_text(out, "justification", j.text);
    }
    out += "  </justifications>\n";

    out += "  <findings>\n";
    for (const auto& f : s.findings) {
        open(out, 2, "finding");
        append_attr(out, "severity", schema::to_string(f.severity));
        append_attr(out, "rule", f.rule);
        append_attr(out, "section", f.section);
        append_attr(out, "justified", f.justified ? "true" : "false");
        out += ">\n";
        for (const auto& code : f.codes) text_element(out, 3, "code", code);
        text_element(out, 3, "message", f.message);
        close_tag(out, 2, "finding");
    }
    out += "  </findings>\n";

    out += "</submission>\n";
    return out;
}

namespace detail {
namespace {

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
std::string namespace_of(pugi::xml_node n) {
    const std::string_view prefix = prefix_of(n.name());
    const std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    for (; n && n.type() == pugi::node_element; n = n.parent())
        if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
    return {};
}

// Character data directly inside `n` (text and CDATA parts joined).
std::string text_of(const pugi::xml_node& n) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    return out;
}

// A schema-valid document has every element in our namespace, so children are found by
// their local name whatever prefix the sender chose.
pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) return c;
    return {};
}

template <class F>
void for_children(const pugi::xml_node& parent, std::string_view local, F&& f) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) f(c);
}

// A DOCTYPE brings entity declarations, and with them entity expansion ("billion laughs")
// and external entities (XXE). A submission never needs one, so any is refused before a
// parser sees the file. Our writer escapes every '<' in text, so "<!DOCTYPE" and "<!ENTITY"
// can only be markup here (or sit in a comment, which we refuse as well rather than guess).
std::optional<std::size_t> find_declaration(std::string_view text) {
    for (std::string_view token : {"<!DOCTYPE", "<!ENTITY"}) {
        const std::size_t at = text.find(token);
        if (at != std::string_view::npos) return at;
    }
    return std::nullopt;
}

// Where element nesting first goes deeper than `limit`, found by a scan of the markup before
// any parser builds a tree: the schema allows depth 4, and a hostile file of 20 MiB could
// otherwise nest millions of elements. Comments, CDATA, processing instructions and quoted
// attribute values (which may hold '>') are skipped; malformed markup is left to the parser.
std::optional<std::size_t> xml_too_deep(std::string_view text, int limit) {
    int depth = 0;
    std::size_t i = 0;
    auto skip_past = [&](std::string_view end) {
        const std::size_t at = text.find(end, i);
        i = at == std::string_view::npos ? text.size() : at + end.size();
    };
    while ((i = text.find('<', i)) != std::string_view::npos) {
        const std::size_t start = i;
        const std::string_view rest = text.substr(i);
        if (rest.substr(0, 4) == "<!--") {
            skip_past("-->");
        } else if (rest.substr(0, 9) == "<![CDATA[") {
            skip_past("]]>");
        } else if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") {
            skip_past(">");
        } else if (rest.substr(0, 2) == "</") {
            --depth;
            skip_past(">");
        } else {
            char quote = 0;
            for (++i; i < text.size(); ++i) {
                const char c = text[i];
                if (quote) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    break;
                }
            }
            const bool self_closing = i < text.size() && text[i - 1] == '/';
            ++i;
            if (!self_closing && ++depth > limit) return start;
        }
    }
    return std::nullopt;
}

std::string join_issues(std::vector<xml::Issue> issues, const std::string& label) {
    std::string out = trf("Tệp nộp báo cáo {} không hợp lệ:", label);
    std::size_t shown = 0;
    for (auto& issue : issues) {
        if (shown == kMaxIssuesShown) {
            out += "\n" + trf("… và {} lỗi khác.", issues.size() - shown);
            break;
        }
        if (issue.where.line < 1) issue.where.line = 1;
        if (issue.where.column < 1) issue.where.column = 1;
        issue.message = shorten(issue.message, 400);
        out += "\n" + issue.to_string();
        ++shown;
    }
    return out;
}

// A count as the schema writes it (xs:nonNegativeInteger within 32 bits).
std::optional<int> parse_count(std::string_view v) {
    while (!v.empty() && is_xml_space(v.front())) v.remove_prefix(1);
    while (!v.empty() && is_xml_space(v.back())) v.remove_suffix(1);
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    int out = 0;
    const auto res = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || res.ec != std::errc() || res.ptr != v.data() + v.size() || out < 0) return std::nullopt;
    return out;
}

class XmlReader {
public:
    XmlReader(std::string_view text, const std::string& label) : text_(text), label_(label) {}

    Submission read(const pugi::xml_node& root) {
        Submission s;
        report::Report& r = s.report;

        const pugi::xml_node type = child(root, "type");
        r.type_id = type.attribute("id").value();
        r.edition = type.attribute("edition").value();
        r.type_version = type.attribute("version").value();

        const pugi::xml_node period = child(root, "period");
        check(period, read_period(period.attribute("code").value(), r.period));
        check(period, read_date(period.attribute("from").value(), r.window_from));
        check(period, read_date(period.attribute("to").value(), r.window_to));
        check(period, check_window(r.window_from, r.window_to));

        const pugi::xml_node unit = child(root, "unit");
        r.unit.code = unit.attribute("code").value();
        r.unit.name = unit.attribute("name").value();
        r.unit.kind = unit.attribute("kind").value();
        r.unit.parent = unit.attribute("parent").value();
        r.unit.parent_kind = unit.attribute("parentKind").value();
        r.unit.province = unit.attribute("province").value();
        for_children(unit, "formerName",
                     [&](const pugi::xml_node& n) { r.unit.former_names.push_back(text_of(n)); });

        read_header(child(root, "header"), r.header);

        const pugi::xml_node status = child(root, "status");
        check(status, read_status(status.attribute("value").value(), r.status));
        const std::string_view amendment = status.attribute("amendment").value();
        const auto number = parse_count(amendment);
        if (!number) fail(status, trf("số thứ tự sửa đổi \"{}\" không hợp lệ", shorten(amendment, 40)));
        r.amendment = *number;
        r.amends = status.attribute("amends").value();

        const pugi::xml_node ts = child(root, "timestamps");
        r.created = ts.attribute("created").value();
        r.modified = ts.attribute("modified").value();

        for_children(child(root, "values"), "value", [&](const pugi::xml_node& v) {
            const std::string code = v.attribute("code").value();
            if (!r.values.emplace(code, report::Entry{text_of(v), v.attribute("note").value()}).second)
                fail(v, trf("chỉ tiêu {} có hai giá trị", shorten(code)));
        });
        if (const pugi::xml_node computed = child(root, "computed")) {
            for_children(computed, "value", [&](const pugi::xml_node& v) {
                ComputedValue c;
                c.code = v.attribute("code").value();
                check(v, read_state(v.attribute("state").value(), c.state));
                if (pugi::xml_attribute n = v.attribute("number")) c.number = number_of(v, n.value());
                c.display = v.attribute("display").value();
                s.computed.push_back(std::move(c));
            });
        }
        for_children(child(root, "narrative"), "section", [&](const pugi::xml_node& n) {
            const std::string id = n.attribute("id").value();
            if (!r.narrative.emplace(id, text_of(n)).second)
                fail(n, trf("mục {} có hai đoạn văn", shorten(id)));
        });
        for_children(child(root, "justifications"), "justification", [&](const pugi::xml_node& j) {
            r.justifications.push_back(
                {j.attribute("rule").value(), text_of(j), j.attribute("date").value()});
        });
        if (const pugi::xml_node findings = child(root, "findings")) {
            for_children(findings, "finding", [&](const pugi::xml_node& n) {
                SubmittedFinding f;
                check(n, read_severity(n.attribute("severity").value(), f.severity));
                f.rule = n.attribute("rule").value();
                f.section = n.attribute("section").value();
                const std::string_view justified = n.attribute("justified").value();
                f.justified = justified == "true" || justified == "1";
                for_children(n, "code", [&](const pugi::xml_node& c) { f.codes.push_back(text_of(c)); });
                f.message = text_of(child(n, "message"));
                s.findings.push_back(std::move(f));
            });
        }
        return s;
    }

private:
    [[noreturn]] void fail(const pugi::xml_node& n, const std::string& what) const {
        // Located only on failure: indexing the lines of every file read would cost for nothing.
        throw ReadError{xml::Issue{label_, xml::where(n, text_), what}.to_string()};
    }

    void check(const pugi::xml_node& n, const std::optional<std::string>& problem) const {
        if (problem) fail(n, *problem);
    }

    // xs:double allows INF and NaN, which carry no figure: they read as no number.
    std::optional<double> number_of(const pugi::xml_node& n, std::string_view text) const {
        double v = 0;
        const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
        if (res.ec == std::errc::result_out_of_range || !std::isfinite(v)) return std::nullopt;
        if (res.ec != std::errc() || res.ptr != text.data() + text.size())
            fail(n, trf("số \"{}\" không hợp lệ", shorten(text, 40)));
        return v;
    }

    void read_header(const pugi::xml_node& h, report::Header& out) const {
        out.parent_body = text_of(child(h, "parentBody"));
        out.issuing_body = text_of(child(h, "issuingBody"));
        out.number = text_of(child(h, "number"));
        out.symbol = text_of(child(h, "symbol"));
        out.place = text_of(child(h, "place"));
        if (const pugi::xml_node d = child(h, "date")) {
            report::SimpleDate date;
            check(d, read_date(text_of(d), date));
            out.date = date;
        }
        out.summary = text_of(child(h, "summary"));
        out.signing_authority = text_of(child(h, "signingAuthority"));
        out.signer_title = text_of(child(h, "signerTitle"));
        out.signer_name = text_of(child(h, "signerName"));
        for_children(child(h, "recipients"), "recipient",
                     [&](const pugi::xml_node& n) { out.recipients.push_back(text_of(n)); });
    }

    std::string_view text_;
    const std::string& label_;
};

}  // namespace

Result<Submission> read_xml(std::string_view text, const std::string& label) {
    using R = Result<Submission>;
    if (const auto decl = find_declaration(text)) {
        const xml::Location loc = xml::locate(text, *decl);
        return R::fail(trf("{}:{}:{}: tệp nộp báo cáo không được chứa khai báo DOCTYPE hoặc ENTITY", label,
                           loc.line, loc.column));
    }
    if (const auto deep = xml_too_deep(text, kMaxSubmissionDepth)) {
        const xml::Location loc = xml::locate(text, *deep);
        return R::fail(
            trf("{}:{}:{}: XML lồng quá {} cấp", label, loc.line, loc.column, kMaxSubmissionDepth));
    }
    pugi::xml_document doc;
    if (rb::Status parsed = xml::parse(text, label, doc); !parsed) return R::fail(parsed.error());

    // What the file is and which version wrote it, before the schema: a newer version or
    // another kind of file deserves a plain sentence, not a list of schema errors.
    const pugi::xml_node root = doc.document_element();
    // Where the root is: for the messages below only, so located when one is given.
    auto root_where = [&] {
        const xml::Location at = xml::where(root, text);
        return fmt::format("{}:{}:{}", label, at.line, at.column);
    };
    const std::string ns = namespace_of(root);
    if (local_name(root) == "report" && ns.rfind("urn:reportbench:report:", 0) == 0)
        return R::fail(
            trf("{}: đây là tệp báo cáo đã lưu (.rbr), không phải tệp nộp báo cáo; hãy mở tệp này "
                "trực tiếp",
                root_where()));
    if (local_name(root) != "submission" || ns.rfind(kNamespacePrefix, 0) != 0)
        return R::fail(
            trf("{}: không phải tệp nộp báo cáo (phần tử gốc <{}>, không gian tên \"{}\"; cần "
                "<submission> trong \"{}\")",
                root_where(), shorten(root.name()), shorten(ns), kSubmissionNamespace));
    const std::string_view version_attr = root.attribute("formatVersion").value();
    const std::string_view ns_version = std::string_view(ns).substr(kNamespacePrefix.size());
    const auto version = parse_count(version_attr);
    if (ns != kSubmissionNamespace || !version || *version != kSubmissionFormatVersion) {
        const std::string_view shown = ns != kSubmissionNamespace ? ns_version : version_attr;
        return R::fail(
            trf("{}: tệp nộp báo cáo định dạng phiên bản \"{}\" không được hỗ trợ; phiên bản này chỉ "
                "đọc định dạng {}",
                root_where(), shorten(shown), kSubmissionFormatVersion));
    }

    if (std::vector<xml::Issue> issues = xml::validate(text, kSchema, label); !issues.empty())
        return R::fail(join_issues(std::move(issues), label));
    try {
        return R::ok(XmlReader(text, label).read(root));
    } catch (const ReadError& e) {
        return R::fail(e.message);
    }
}

}  // namespace detail
}  // namespace rb::exporting
