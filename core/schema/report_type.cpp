#include "schema/report_type.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "base/file_io.hpp"
#include "expr/graph.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"

namespace rb::schema {

const char* to_string(ValueType t) {
    switch (t) {
        case ValueType::Integer: return "integer";
        case ValueType::Decimal: return "decimal";
        case ValueType::Percent: return "percent";
        case ValueType::YesNo: return "yesno";
        case ValueType::Choice: return "choice";
        case ValueType::Text: return "text";
        case ValueType::Date: return "date";
    }
    return "?";
}

const char* to_string(Consolidation c) {
    switch (c) {
        case Consolidation::Sum: return "sum";
        case Consolidation::Recompute: return "recompute";
        case Consolidation::Mean: return "mean";
        case Consolidation::None: return "none";
    }
    return "?";
}

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "info";
    }
    return "?";
}

const char* to_string(MappingKind k) {
    switch (k) {
        case MappingKind::Rename: return "rename";
        case MappingKind::Split: return "split";
        case MappingKind::Merge: return "merge";
        case MappingKind::Drop: return "drop";
        case MappingKind::Section: return "section";
        case MappingKind::DropSection: return "drop-section";
    }
    return "?";
}

const std::string& LocalText::get() const { return i18n::pick(vi, en); }

MissingValues Rule::missing_values() const {
    if (missing != MissingValues::Default) return missing;
    return test.is_equality() ? MissingValues::SkipIfAny : MissingValues::Never;
}

bool Indicator::is_numeric() const {
    switch (type) {
        case ValueType::Integer:
        case ValueType::Decimal:
        case ValueType::Percent:
        case ValueType::YesNo:
        case ValueType::Choice: return !heading;
        default: return false;
    }
}

std::optional<std::pair<std::size_t, std::size_t>> Indicator::ratio_parts() const {
    if (type != ValueType::Percent || !computed || computed_source.rfind("ratio(", 0) != 0 ||
        computed->reference_slots().size() != 2)
        return std::nullopt;
    return std::pair{computed->reference_slots()[0], computed->reference_slots()[1]};
}

std::optional<std::size_t> ReportType::slot(std::string_view code) const {
    auto it = by_code_.find(code);
    if (it == by_code_.end()) return std::nullopt;
    return it->second;
}

const Indicator* ReportType::indicator(std::string_view code) const {
    auto s = slot(code);
    return s ? &indicators[*s] : nullptr;
}

const Section* ReportType::section(std::string_view id) const {
    auto it = by_section_.find(id);
    return it == by_section_.end() ? nullptr : &sections[it->second];
}

const Group* ReportType::group(std::string_view code) const {
    for (const auto& g : groups)
        if (g.code == code) return &g;
    return nullptr;
}

bool ReportType::allows_period(std::string_view kind) const {
    for (const auto& p : periods)
        if (p == kind) return true;
    return false;
}

const Migration* ReportType::migration_from(std::string_view edition) const {
    for (const auto& m : migrations)
        if (m.from_edition == edition) return &m;
    return nullptr;
}

namespace {

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t b = text.find_first_not_of(" \t\n\r", pos);
        if (b == std::string::npos) break;
        const std::size_t e = text.find_first_of(" \t\n\r", b);
        out.push_back(text.substr(b, e == std::string::npos ? std::string::npos : e - b));
        pos = e == std::string::npos ? text.size() : e;
    }
    return out;
}

std::string located(const ReportType& t, const xml::Location& where, const std::string& message) {
    return xml::Issue{t.source_file, where, message}.to_string();
}

}  // namespace

const std::vector<std::string>& document_placeholders() {
    static const std::vector<std::string> names = {"unit",        "UNIT",        "parent",      "PARENT",
                                                   "province",    "PROVINCE",    "period",      "PERIOD",
                                                   "next_period", "NEXT_PERIOD", "window_from", "window_to"};
    return names;
}

std::vector<std::string> placeholder_names(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open + 1);
        if (close == std::string_view::npos) break;
        const std::string_view name = text.substr(open + 1, close - open - 1);
        if (!name.empty() && name.size() <= 64 && name.find_first_of(" \t\r\n{") == std::string_view::npos)
            out.emplace_back(name);
    }
    return out;
}

std::vector<std::string> check_migration_sources(const ReportType& to, const Migration& m, const ReportType& from) {
    std::vector<std::string> out;
    if (from.id != to.id)
        out.push_back(located(to, m.where, trf("ánh xạ chuyển ấn bản dành cho loại báo cáo “{}”, không dùng cho “{}”",
                                               to.id, from.id)));
    if (from.edition != m.from_edition)
        out.push_back(located(to, m.where, trf("ánh xạ này dành cho ấn bản “{}”, không phải “{}”", m.from_edition,
                                               from.edition)));
    for (const auto& r : m.rules) {
        const bool section = r.kind == MappingKind::Section || r.kind == MappingKind::DropSection;
        for (const auto& code : r.from) {
            if (section) {
                if (!from.section(code))
                    out.push_back(located(to, r.where, trf("ấn bản cũ {} ({}) không có mục “{}”", from.edition,
                                                           from.source_file, code)));
                continue;
            }
            const Indicator* ind = from.indicator(code);
            if (!ind || ind->heading)
                out.push_back(located(to, r.where, trf("ấn bản cũ {} ({}) không có chỉ tiêu “{}”", from.edition,
                                                       from.source_file, code)));
        }
    }
    return out;
}

std::vector<std::string> check_cross_references(const ReportType& t, const CrossCheck& c, const ReportType& other) {
    std::vector<std::string> out;
    if (other.id != c.with) {
        out.push_back(located(t, c.where, trf("kiểm tra chéo {} dành cho loại báo cáo “{}”, không phải “{}”", c.id, c.with,
                                              other.id)));
        return out;
    }
    for (const auto& code : c.other_codes) {
        const Indicator* ind = other.indicator(code);
        if (!ind || ind->heading)
            out.push_back(located(t, c.where, trf("kiểm tra chéo {}: loại báo cáo {} (ấn bản {}) không có chỉ tiêu “{}”",
                                                  c.id, other.id, other.edition, code)));
        else if (!ind->is_numeric())
            out.push_back(located(t, c.where, trf("kiểm tra chéo {}: “{}” của {} không phải chỉ tiêu dạng số", c.id,
                                                  code, other.id)));
    }
    return out;
}

// Builds the model from a document that already passed the XSD, checking what the XSD can't.
class Loader {
public:
    Loader(std::string_view text, std::string label) : lines_(text), label_(std::move(label)) {}

    Result<ReportTypePtr> run(const pugi::xml_document& doc) {
        auto type = std::make_shared<ReportType>();
        t_ = type.get();
        t_->source_file = label_;
        const pugi::xml_node root = doc.document_element();
        t_->id = root.attribute("id").value();
        t_->edition = root.attribute("edition").value();
        t_->version = root.attribute("version").value();
        t_->title = local_text(root, "title");
        t_->short_title = root.child("shortTitle") ? local_text(root, "shortTitle") : t_->title;
        t_->edition_title = local_text(root, "editionTitle");
        for (auto p : root.child("periods").children("period")) t_->periods.push_back(p.attribute("kind").value());
        if (auto c = root.child("cutoff")) {
            t_->cutoff.start_day = c.attribute("startDay").as_int(15);
            t_->cutoff.end_day = c.attribute("endDay").as_int(14);
        }
        read_document(root.child("document"));
        for (auto s : root.child("narrative").children("section")) read_section(s, 0, "");
        if (auto a = root.child("appendix")) {
            t_->appendix_title = local_text(a, "title");
            t_->appendix_number = a.attribute("number").value();
            // The appendix's number is <appendix number>; <document appendixNumber> says the same
            // from the header's side and only fills in when the appendix gives none.
            const std::string& declared = t_->document.appendix_number;
            if (t_->appendix_number.empty()) t_->appendix_number = declared;
            else if (!declared.empty() && declared != t_->appendix_number)
                warning(lines_.at(a), trf("<appendix number=\"{}\"> khác <document appendixNumber=\"{}\">; phụ lục "
                                          "được đánh số theo <appendix number>",
                                          t_->appendix_number, declared));
            for (auto g : a.children("group")) read_group(g);
        }
        for (auto s : root.child("narrative").children("section")) check_section_texts(s);
        check_weights();
        for (std::size_t k = 0; k < t_->indicators.size(); ++k)
            if (auto note = nodes_[k].child("note"))
                check_placeholders(note, note.text().get(), trf("chỉ tiêu {}", t_->indicators[k].code), kCodes);
        if (errors_.empty()) bind_computed();
        for (std::size_t k = 0; errors_.empty() && k < t_->indicators.size(); ++k)
            if (t_->indicators[k].show_parts && !t_->indicators[k].ratio_parts())
                error(nodes_[k], trf("chỉ tiêu {}: show=\"parts\" chỉ dùng cho tỷ lệ tính bằng ratio(a, b)",
                                     t_->indicators[k].code));
        if (errors_.empty()) {
            for (auto r : root.child("rules").children("rule")) read_rule(r);
        }
        if (errors_.empty()) {
            for (auto c : root.child("crossChecks").children("crossCheck")) read_cross_check(c);
            for (auto m : root.children("migration")) read_migration(m);
        }
        if (!errors_.empty()) return Result<ReportTypePtr>::fail(join_errors());
        return Result<ReportTypePtr>::ok(std::move(type));
    }

private:
    void error(const pugi::xml_node& node, const std::string& message, int column_offset = 0) {
        xml::Location loc = lines_.at(node);
        loc.column += column_offset;
        errors_.push_back(xml::Issue{label_, loc, message}.to_string());
    }

    void warning(const xml::Location& where, const std::string& message) {
        t_->warnings.push_back(xml::Issue{label_, where, message}.to_string());
    }

    // What a text may hold in braces: indicator codes (filled with their values), the
    // document's names ({unit}, {period}...), or both.
    enum Fill : unsigned { kCodes = 1, kDocument = 2 };

    // Every "{NAME}" of `text` must be something the program fills there: users would read an
    // unknown one as is. In a cross check's message, "{@with.CODE}" names the other report's
    // indicator, checked when both types are known (added to `other_codes`).
    void check_placeholders(const pugi::xml_node& node, std::string_view text, const std::string& owner,
                            unsigned allowed, std::vector<std::string>* other_codes = nullptr,
                            const std::string& other_prefix = {}) {
        for (const auto& name : placeholder_names(text)) {
            const Indicator* ind = (allowed & kCodes) ? t_->indicator(name) : nullptr;
            if (ind && !ind->heading) continue;
            const auto& names = document_placeholders();
            if ((allowed & kDocument) && std::find(names.begin(), names.end(), name) != names.end()) continue;
            if (other_codes && name.size() > other_prefix.size() && name.rfind(other_prefix, 0) == 0) {
                const std::string code = name.substr(other_prefix.size());
                if (std::find(other_codes->begin(), other_codes->end(), code) == other_codes->end())
                    other_codes->push_back(code);
                continue;
            }
            std::vector<std::string> candidates;
            if (allowed & kCodes)
                for (const auto& i : t_->indicators)
                    if (!i.heading) candidates.push_back(i.code);
            std::string listed;
            if (allowed & kDocument)
                for (const auto& n : names) {
                    candidates.push_back(n);
                    listed += (listed.empty() ? "{" : ", {") + n + "}";
                }
            const std::string token = "{" + name + "}";
            const std::string why = ind ? trf("“{}” là dòng tiêu đề, không có số liệu", name)
                                    : allowed == kCodes    ? trf("không có chỉ tiêu mã “{}”", name)
                                    : allowed == kDocument ? trf("ở đây chỉ điền được {}", listed)
                                                           : trf("không có chỉ tiêu mã “{}”, và ngoài mã chỉ tiêu chỉ "
                                                                 "điền được {}",
                                                                 name, listed);
            const std::string best = locale::closest_match(name, candidates);
            const std::string hint = best.empty() ? std::string() : trf(" (có phải “{}”?)", "{" + best + "}");
            error(node, trf("{}: “{}” không điền được vì {}{}; người dùng sẽ thấy nguyên văn “{}”", owner, token, why,
                            hint, token));
        }
    }

    // A mean's weight is a number each unit reports, known once every row is read.
    void check_weights() {
        std::vector<std::string> numeric;
        for (const auto& i : t_->indicators)
            if (i.is_numeric()) numeric.push_back(i.code);
        for (std::size_t k = 0; k < t_->indicators.size(); ++k) {
            const Indicator& ind = t_->indicators[k];
            if (ind.weight.empty()) continue;
            const Indicator* w = t_->indicator(ind.weight);
            if (!w) {
                const std::string best = locale::closest_match(ind.weight, numeric);
                error(nodes_[k], trf("chỉ tiêu {}: weight=\"{}\" không phải chỉ tiêu nào{}", ind.code, ind.weight,
                                     best.empty() ? std::string() : trf(" (có phải “{}”?)", best)));
            } else if (!w->is_numeric() || w->type == ValueType::YesNo || w->type == ValueType::Choice) {
                error(nodes_[k], trf("chỉ tiêu {}: weight=\"{}\" phải là chỉ tiêu số lượng", ind.code, ind.weight));
            }
        }
    }

    // Section titles and drafts, once every indicator is known.
    void check_section_texts(const pugi::xml_node& n) {
        const std::string owner = trf("mục {}", n.attribute("id").value());
        for (auto t : n.children("title")) check_placeholders(t, t.text().get(), owner, kDocument);
        if (auto d = n.child("draft")) check_placeholders(d, d.text().get(), owner, kCodes | kDocument);
        for (auto c : n.children("section")) check_section_texts(c);
    }

    std::string join_errors() const {
        std::string out;
        for (const auto& e : errors_) {
            if (!out.empty()) out += '\n';
            out += e;
        }
        return out;
    }

    static LocalText local_text(const pugi::xml_node& parent, const char* name) {
        LocalText t;
        for (auto n : parent.children(name)) {
            const std::string lang = n.attribute("lang").as_string("vi");
            (lang == "en" ? t.en : t.vi) = n.text().get();
        }
        return t;
    }

    void read_document(const pugi::xml_node& d) {
        if (!d) return;
        auto& doc = t_->document;
        doc.symbol = d.attribute("symbol").as_string("BC-UBND");
        doc.parent_body = d.attribute("parentBody").value();
        doc.issuing_body = d.attribute("issuingBody").value();
        doc.signing_authority = d.attribute("signingAuthority").as_string("TM. ỦY BAN NHÂN DÂN");
        doc.signer_title = d.attribute("signerTitle").as_string("CHỦ TỊCH");
        doc.appendix_number = d.attribute("appendixNumber").value();
        doc.summary = local_text(d, "summary");
        for (auto r : d.children("recipient")) doc.recipients.emplace_back(r.text().get());
        for (const char* attr : {"parentBody", "issuingBody"})
            check_placeholders(d, d.attribute(attr).value(), fmt::format("<document {}>", attr), kDocument);
        for (auto n : d.children())
            if (std::string_view(n.name()) == "summary" || std::string_view(n.name()) == "recipient")
                check_placeholders(n, n.text().get(), fmt::format("<{}>", n.name()), kDocument);
    }

    void read_section(const pugi::xml_node& n, int level, const std::string& parent) {
        Section s;
        s.id = n.attribute("id").value();
        s.number = n.attribute("number").value();
        s.title = local_text(n, "title");
        s.guidance = local_text(n, "guidance");
        s.draft = n.child("draft").text().get();
        s.level = level;
        s.parent = parent;
        s.required = n.attribute("required").as_bool(false);
        s.where = lines_.at(n);
        if (auto first = t_->by_section_.find(s.id); first != t_->by_section_.end()) {
            error(n, trf("mục “{}” đã được khai báo ở dòng {}", s.id, t_->sections[first->second].where.line));
        } else {
            t_->by_section_.emplace(s.id, t_->sections.size());
        }
        const std::string id = s.id;
        t_->sections.push_back(std::move(s));
        for (auto c : n.children("section")) read_section(c, level + 1, id);
    }

    void read_group(const pugi::xml_node& g) {
        Group group;
        group.code = g.attribute("code").value();
        group.title = local_text(g, "title");
        group.supplementary = g.attribute("supplementary").as_bool(false);
        if (t_->group(group.code)) error(g, trf("nhóm “{}” đã được khai báo trước đó", group.code));
        t_->groups.push_back(group);
        for (auto row : g.children()) {
            const std::string name = row.name();
            if (name == "indicator" || name == "heading") read_row(row, group, name == "heading");
        }
    }

    void read_row(const pugi::xml_node& n, const Group& group, bool heading) {
        Indicator ind;
        ind.code = n.attribute("code").value();
        ind.stt = n.attribute("stt").value();
        ind.group = group.code;
        ind.supplementary = group.supplementary || n.attribute("supplementary").as_bool(false);
        ind.label = local_text(n, "label");
        ind.caption = local_text(n, "caption");
        ind.heading = heading;
        ind.where = lines_.at(n);
        if (!heading) {
            const std::string type = n.attribute("type").value();
            static const std::map<std::string, ValueType> types = {
                {"integer", ValueType::Integer}, {"decimal", ValueType::Decimal},
                {"percent", ValueType::Percent}, {"yesno", ValueType::YesNo},
                {"choice", ValueType::Choice},   {"text", ValueType::Text},
                {"date", ValueType::Date}};
            ind.type = types.at(type);
            ind.unit = n.attribute("unit").value();
            if (auto a = n.attribute("min")) ind.min = a.as_double();
            if (auto a = n.attribute("max")) ind.max = a.as_double();
            ind.decimals = n.attribute("decimals").as_int(ind.type == ValueType::Integer ? 0 : 2);
            ind.required = n.attribute("required").as_bool(false);
            ind.cumulative = n.attribute("cumulative").as_bool(false);
            ind.computed_source = n.attribute("computed").value();
            const std::string cons = n.attribute("consolidate").value();
            if (cons.empty()) {
                // Ratios are recomputed from summed parts; never averaged or summed.
                ind.consolidate = ind.type == ValueType::Percent ? Consolidation::Recompute
                                  : ind.is_numeric() && ind.type != ValueType::Choice
                                      ? Consolidation::Sum
                                      : Consolidation::None;
            } else {
                ind.consolidate = cons == "sum"         ? Consolidation::Sum
                                  : cons == "recompute" ? Consolidation::Recompute
                                  : cons == "mean"      ? Consolidation::Mean
                                                        : Consolidation::None;
            }
            ind.weight = n.attribute("weight").value();
            if (!ind.weight.empty() && ind.consolidate != Consolidation::Mean)
                error(n, trf("chỉ tiêu {}: weight chỉ dùng với consolidate=\"mean\"", ind.code));
            if (ind.consolidate == Consolidation::Mean &&
                (ind.type != ValueType::Decimal && ind.type != ValueType::Percent))
                error(n, trf("chỉ tiêu {}: consolidate=\"mean\" cần kiểu decimal hoặc percent (trung bình thường có "
                             "phần lẻ)",
                             ind.code));
            if (ind.consolidate == Consolidation::Mean && !ind.computed_source.empty())
                error(n, trf("chỉ tiêu {}: chỉ tiêu tính tự động được tính lại từ số tổng hợp, không lấy trung bình; "
                             "bỏ consolidate=\"mean\"",
                             ind.code));
            for (auto c : n.children("choice")) {
                Choice ch;
                ch.value = c.attribute("value").as_int();
                ch.label.vi = c.text().get();
                ch.label.en = c.attribute("en").value();
                ind.choices.push_back(std::move(ch));
            }
            ind.note = n.child("note").text().get();
            ind.show_parts = std::string_view(n.attribute("show").value()) == "parts";
            for (auto m : n.children("mention")) {
                // Each phrase keeps its own noun ("thủ tục" here, "TTHC" there).
                ind.mentions.push_back({m.text().get(), m.attribute("noun").value()});
            }
            if (ind.type == ValueType::Choice && ind.choices.empty())
                error(n, trf("chỉ tiêu {} kiểu lựa chọn nhưng không có <choice>", ind.code));
            if (ind.type == ValueType::YesNo && !ind.min && !ind.max) {
                ind.min = 0;
                ind.max = 1;
            }
            if (ind.min && ind.max && *ind.min > *ind.max)
                error(n, trf("chỉ tiêu {}: min lớn hơn max", ind.code));
            if (ind.consolidate == Consolidation::Recompute && ind.computed_source.empty())
                error(n, trf("chỉ tiêu {}: consolidate=\"recompute\" cần một công thức (computed)",
                             ind.code));
        }
        if (auto first = t_->by_code_.find(ind.code); first != t_->by_code_.end()) {
            error(n, trf("mã chỉ tiêu “{}” đã được khai báo ở dòng {}", ind.code,
                         t_->indicators[first->second].where.line));
            return;
        }
        t_->by_code_.emplace(ind.code, t_->indicators.size());
        nodes_.push_back(n);
        t_->indicators.push_back(std::move(ind));
    }

    // Parses an expression held in attribute `attr` of `node`; errors point into the attribute.
    std::optional<expr::Expr> compile(const pugi::xml_node& node, const char* attr,
                                      const std::string& owner) {
        const std::string source = node.attribute(attr).value();
        auto parsed = expr::Expr::parse(source);
        if (!parsed) {
            error(node, trf("{} ({}=\"{}\"): {}", owner, attr, source, parsed.error()));
            return std::nullopt;
        }
        std::string bad;
        auto bound = parsed->bind([&](std::string_view code) -> std::optional<std::size_t> {
            auto s = t_->slot(code);
            if (!s) return std::nullopt;
            const Indicator& target = t_->indicators[*s];
            if (!target.is_numeric()) {
                if (bad.empty()) bad = std::string(code);
                return std::nullopt;
            }
            return s;
        });
        if (!bound) {
            if (!bad.empty())
                error(node, trf("{}: “{}” không phải chỉ tiêu dạng số nên không dùng được trong công thức",
                                owner, bad));
            else
                error(node, trf("{}: {}", owner, bound.error()));
            return std::nullopt;
        }
        return std::move(*parsed);
    }

    void bind_computed() {
        expr::Graph graph(t_->indicators.size());
        for (std::size_t i = 0; i < t_->indicators.size(); ++i) {
            Indicator& ind = t_->indicators[i];
            if (ind.computed_source.empty()) continue;
            ind.computed = compile(nodes_[i], "computed", trf("chỉ tiêu {}", ind.code));
            if (ind.computed) graph.set_formula(i, *ind.computed);
        }
        if (!errors_.empty()) return;
        // The cycle's message names its slots in order: the first one named locates the error.
        std::optional<std::size_t> first_in_cycle;
        auto finalized = graph.finalize([&](std::size_t s) {
            if (!first_in_cycle) first_in_cycle = s;
            return t_->indicators[s].code;
        });
        if (!finalized) {
            if (first_in_cycle) error(nodes_[*first_in_cycle], finalized.error());
            else errors_.push_back(fmt::format("{}: {}", label_, finalized.error()));
        }
    }

    // A percent indicator holds percentage points (80 for 80%): compared with a number between
    // 0 and 1, the threshold was most likely written as a fraction and the rule never fires.
    void warn_percent_scale(const expr::Expr& e, const xml::Location& where, const std::string& owner) {
        for (const auto& c : e.code_number_comparisons()) {
            const Indicator* ind = t_->indicator(c.code);
            if (!ind || ind->type != ValueType::Percent || !(c.number > 0 && c.number < 1)) continue;
            warning(where, trf("{}: {} là tỷ lệ phần trăm, tính theo thang 0–100, mà được so với {}; có phải {}?",
                               owner, c.code, fmt::format("{:g}", c.number), fmt::format("{:g}", c.number * 100)));
        }
    }

    void read_rule(const pugi::xml_node& n) {
        Rule r;
        r.id = n.attribute("id").value();
        r.severity = std::string_view(n.attribute("severity").value()) == "error" ? Severity::Error
                     : std::string_view(n.attribute("severity").value()) == "warning"
                         ? Severity::Warning
                         : Severity::Info;
        r.test_source = n.attribute("test").value();
        r.section = n.attribute("section").value();
        if (const std::string_view m = n.attribute("missing").value(); m == "skip-if-any")
            r.missing = MissingValues::SkipIfAny;
        else if (m == "skip-if-all")
            r.missing = MissingValues::SkipIfAll;
        else if (m == "never")
            r.missing = MissingValues::Never;
        r.message = local_text(n, "message");
        r.where = lines_.at(n);
        const std::string owner = trf("quy tắc {}", r.id);
        for (const auto& existing : t_->rules)
            if (existing.id == r.id)
                error(n, trf("quy tắc “{}” đã được khai báo ở dòng {}", r.id, existing.where.line));
        for (auto m : n.children("message")) check_placeholders(m, m.text().get(), owner, kCodes);
        auto test = compile(n, "test", owner);
        if (!test) return;
        r.test = std::move(*test);
        if (n.attribute("when")) {
            r.when = compile(n, "when", owner);
            if (!r.when) return;
        }
        warn_percent_scale(r.test, r.where, owner);
        if (r.when) warn_percent_scale(*r.when, r.where, owner);
        r.uses_previous = !r.test.previous_references().empty() ||
                          (r.when && !r.when->previous_references().empty());
        const std::string codes = n.attribute("codes").value();
        if (codes.empty()) {
            r.codes = r.test.references();
        } else {
            std::size_t pos = 0;
            while (pos < codes.size()) {
                const std::size_t end = codes.find(' ', pos);
                std::string code = codes.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
                if (!code.empty()) {
                    if (!t_->slot(code)) error(n, trf("{}: không có chỉ tiêu “{}”", owner, code));
                    r.codes.push_back(std::move(code));
                }
                if (end == std::string::npos) break;
                pos = end + 1;
            }
        }
        if (!r.section.empty() && !t_->section(r.section))
            error(n, trf("{}: không có mục “{}”", owner, r.section));
        t_->rules.push_back(std::move(r));
    }

    // A cross check's test: this type's codes must be numeric indicators; "@with.CODE" names
    // the other type's (checked when both reports are at hand); prev() has no meaning there.
    std::optional<expr::Expr> compile_cross(const pugi::xml_node& node, const char* attr, const CrossCheck& c,
                                            std::vector<std::string>& own, std::vector<std::string>& other) {
        const std::string source = node.attribute(attr).value();
        const std::string owner = trf("kiểm tra chéo {}", c.id);
        auto parsed = expr::Expr::parse(source);
        if (!parsed) {
            error(node, fmt::format("{} ({}=\"{}\"): {}", owner, attr, source, parsed.error()));
            return std::nullopt;
        }
        if (!parsed->previous_references().empty()) {
            error(node, trf("{}: không dùng prev() trong kiểm tra chéo", owner));
            return std::nullopt;
        }
        const std::string prefix = "@" + c.with + ".";
        bool ok = true;
        for (const auto& code : parsed->references()) {
            if (code.rfind('@', 0) == 0) {
                if (code.rfind(prefix, 0) != 0 || code.size() == prefix.size()) {
                    error(node, trf("{}: “{}” phải có dạng {}MÃ (báo cáo được đối chiếu là {})", owner, code, prefix,
                                    c.with));
                    ok = false;
                } else if (std::find(other.begin(), other.end(), code.substr(prefix.size())) == other.end()) {
                    other.push_back(code.substr(prefix.size()));
                }
                continue;
            }
            const Indicator* ind = t_->indicator(code);
            if (!ind) {
                error(node, trf("{}: không có chỉ tiêu “{}”", owner, code));
                ok = false;
            } else if (!ind->is_numeric()) {
                error(node, trf("{}: “{}” không phải chỉ tiêu dạng số nên không dùng được trong công thức", owner, code));
                ok = false;
            } else if (std::find(own.begin(), own.end(), code) == own.end()) {
                own.push_back(code);
            }
        }
        if (!ok) return std::nullopt;
        return std::move(*parsed);
    }

    void read_cross_check(const pugi::xml_node& n) {
        CrossCheck c;
        c.id = n.attribute("id").value();
        c.with = n.attribute("with").value();
        const std::string_view sev = n.attribute("severity").value();
        c.severity = sev == "error" ? Severity::Error : sev == "info" ? Severity::Info : Severity::Warning;
        c.test_source = n.attribute("test").value();
        c.message = local_text(n, "message");
        c.where = lines_.at(n);
        const std::string owner = trf("kiểm tra chéo {}", c.id);
        if (c.with == t_->id) {
            error(n, trf("{}: with=\"{}\" là chính loại báo cáo này; quy tắc trong cùng báo cáo viết trong <rules>",
                         owner, c.with));
            return;
        }
        for (const auto& existing : t_->cross_checks)
            if (existing.id == c.id)
                error(n, trf("kiểm tra chéo “{}” đã được khai báo ở dòng {}", c.id, existing.where.line));
        std::vector<std::string> own, other;
        auto test = compile_cross(n, "test", c, own, other);
        if (!test) return;
        c.test = std::move(*test);
        if (n.attribute("when")) {
            std::vector<std::string> o2, t2;
            c.when = compile_cross(n, "when", c, o2, t2);
            if (!c.when) return;
        }
        if (const std::string codes = n.attribute("codes").value(); !codes.empty()) {
            const std::string prefix = "@" + c.with + ".";
            for (const auto& code : split_words(codes)) {
                if (code.rfind(prefix, 0) == 0) {
                    c.other_codes.push_back(code.substr(prefix.size()));
                } else if (!t_->slot(code)) {
                    error(n, trf("{}: không có chỉ tiêu “{}”", owner, code));
                } else {
                    c.codes.push_back(code);
                }
            }
            // Codes the test reads on the other side stay checked against the other type.
            for (const auto& o : other)
                if (std::find(c.other_codes.begin(), c.other_codes.end(), o) == c.other_codes.end())
                    c.other_codes.push_back(o);
        } else {
            c.codes = own;
            c.other_codes = other;
        }
        for (auto m : n.children("message"))
            check_placeholders(m, m.text().get(), owner, kCodes, &c.other_codes, "@" + c.with + ".");
        t_->cross_checks.push_back(std::move(c));
    }

    // The new side of a migration mapping: targets must be indicators one can type in this
    // edition, and no old code may be mapped twice.
    void read_migration(const pugi::xml_node& n) {
        Migration m;
        m.from_edition = n.attribute("from").value();
        m.where = lines_.at(n);
        if (m.from_edition == t_->edition) error(n, trf("ánh xạ chuyển ấn bản từ chính ấn bản này ({})", m.from_edition));
        if (t_->migration_from(m.from_edition))
            error(n, trf("ánh xạ từ ấn bản “{}” đã được khai báo trước đó", m.from_edition));
        std::set<std::string> old_codes, old_sections, new_single;
        for (auto e : n.children()) {
            if (e.type() != pugi::node_element) continue;
            const std::string name = e.name();
            MappingRule r;
            r.where = lines_.at(e);
            r.reason = local_text(e, "reason");
            if (name == "rename") {
                r.kind = MappingKind::Rename;
                r.from = {e.attribute("from").value()};
                r.to = {e.attribute("to").value()};
            } else if (name == "split") {
                r.kind = MappingKind::Split;
                r.from = {e.attribute("from").value()};
                r.to = split_words(e.attribute("to").value());
                r.keep = e.attribute("keep").value();
                if (r.to.size() < 2) error(e, trf("split {}: cần ít nhất hai chỉ tiêu mới trong to", r.from[0]));
                if (!r.keep.empty() && std::find(r.to.begin(), r.to.end(), r.keep) == r.to.end())
                    error(e, trf("split {}: keep=\"{}\" không nằm trong to", r.from[0], r.keep));
            } else if (name == "merge") {
                r.kind = MappingKind::Merge;
                r.from = split_words(e.attribute("from").value());
                r.to = {e.attribute("to").value()};
                r.sum = e.attribute("sum").as_bool(false);
                if (r.from.size() < 2) error(e, trf("merge {}: cần ít nhất hai chỉ tiêu cũ trong from", r.to[0]));
            } else if (name == "drop") {
                r.kind = MappingKind::Drop;
                r.from = {e.attribute("code").value()};
            } else if (name == "section") {
                r.kind = MappingKind::Section;
                r.from = {e.attribute("from").value()};
                r.to = {e.attribute("to").value()};
            } else if (name == "dropSection") {
                r.kind = MappingKind::DropSection;
                r.from = {e.attribute("id").value()};
            } else {
                continue;
            }
            const bool section = r.kind == MappingKind::Section || r.kind == MappingKind::DropSection;
            for (const auto& code : r.from) {
                if (!(section ? old_sections : old_codes).insert(code).second)
                    error(e, trf("“{}” của ấn bản cũ đã có trong một ánh xạ khác", code));
            }
            for (const auto& code : r.to) {
                if (section) {
                    if (!t_->section(code)) error(e, trf("ấn bản này không có mục “{}”", code));
                    continue;
                }
                const Indicator* ind = t_->indicator(code);
                if (!ind || ind->heading)
                    error(e, trf("ấn bản này không có chỉ tiêu “{}”", code));
                else if (ind->is_computed())
                    error(e, trf("chỉ tiêu {} của ấn bản này được tính tự động, không nhận giá trị chuyển sang", code));
                else if (!new_single.insert(code).second)
                    error(e, trf("chỉ tiêu {} của ấn bản này đã là đích của một ánh xạ khác", code));
            }
            m.rules.push_back(std::move(r));
        }
        t_->migrations.push_back(std::move(m));
    }

    xml::LineIndex lines_;
    std::string label_;
    ReportType* t_ = nullptr;
    std::vector<pugi::xml_node> nodes_;  // the element of each indicator, for error positions
    std::vector<std::string> errors_;
};

Result<ReportTypePtr> parse_definition(std::string_view text, const std::string& file_label) {
    const auto issues = xml::validate(text, "reporttype.xsd", file_label);
    if (!issues.empty()) {
        std::string msg;
        std::size_t shown = 0;
        for (const auto& i : issues) {
            if (shown++ == 20) {
                msg += '\n' + trf("… và {} lỗi khác", issues.size() - 20);
                break;
            }
            if (!msg.empty()) msg += '\n';
            msg += i.to_string();
        }
        return Result<ReportTypePtr>::fail(msg);
    }
    pugi::xml_document doc;
    if (auto parsed = xml::parse(text, file_label, doc); !parsed)
        return Result<ReportTypePtr>::fail(parsed.error());
    return Loader(text, file_label).run(doc);
}

Result<ReportTypePtr> load_definition(const std::string& path) {
    auto text = files::read(path, 16u << 20);
    if (!text) return Result<ReportTypePtr>::fail(text.error());
    return parse_definition(*text, path);
}

}  // namespace rb::schema
