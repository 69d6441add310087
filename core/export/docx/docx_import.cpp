// Reading a report's narrative back from a DOCX. Two ways to find the sections:
// - our own documents carry a hidden bookmark where each section starts ("_RbSec_II_2E2"):
//   the text between two bookmarks belongs to the first one, heading paragraphs excluded;
// - documents written by people are cut at their headings (Word heading styles, or
//   paragraphs numbered "I. ", "1. ", "1.1. " that look like headings), matched to the
//   definition by title and number.
// Only the expected part names are ever looked up in the archive, and nothing is unpacked.
#include "export/docx/docx_import.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "export/docx/docx_package.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kWordStrictNs = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr int kMaxNesting = 64;  // content controls inside content controls, as far as we go

// Element names under the WordprocessingML namespace, whatever prefix the file binds it to.
class Names {
public:
    bool bind(const pugi::xml_node& root) {
        for (const pugi::xml_attribute& a : root.attributes()) {
            const std::string_view name = a.name();
            const std::string_view value = a.value();
            if (value != kWordNs && value != kWordStrictNs) continue;
            if (name == "xmlns") {
                prefix_.clear();
                return true;
            }
            if (name.rfind("xmlns:", 0) == 0) {
                prefix_ = std::string(name.substr(6)) + ":";
                return true;
            }
        }
        return false;
    }
    std::string operator()(std::string_view local) const { return prefix_ + std::string(local); }
    // The local name of `node` when it is in our namespace, "" otherwise.
    std::string_view local(const pugi::xml_node& node) const {
        const std::string_view name = node.name();
        if (name.size() <= prefix_.size() || name.substr(0, prefix_.size()) != prefix_) return {};
        const std::string_view rest = name.substr(prefix_.size());
        return rest.find(':') == std::string_view::npos ? rest : std::string_view{};
    }
    std::string attr(const pugi::xml_node& node, std::string_view local_name) const {
        return node.attribute((*this)(local_name).c_str()).value();
    }

private:
    std::string prefix_ = "w:";
};

struct Paragraph {
    std::string text;
    std::string style;
    int heading_level = -1;  // from the paragraph's style: 0 for "heading 1"
    bool tight = false;      // spacing after set to 0 on the paragraph itself
    bool all_bold = false;
    std::vector<std::string> bookmarks;  // names of bookmarks starting in it
};

struct Item {
    bool table = false;
    Paragraph p;
};

bool on_value(const std::string& v) {
    return v.empty() || (v != "0" && v != "false" && v != "off");
}

// The paragraph's text in document order, with tabs and line breaks; deleted text, field
// codes, drawings and text boxes are left out.
Paragraph read_paragraph(const pugi::xml_node& p, const Names& w) {
    Paragraph out;
    if (pugi::xml_node ppr = p.child(w("pPr").c_str())) {
        out.style = w.attr(ppr.child(w("pStyle").c_str()), "val");
        if (pugi::xml_node sp = ppr.child(w("spacing").c_str())) out.tight = w.attr(sp, "after") == "0";
    }
    bool any_run = false;
    bool all_bold = true;
    // Iterative walk: a hostile file may nest elements very deeply.
    pugi::xml_node n = p.first_child();
    while (n) {
        bool descend = true;
        const std::string_view name = w.local(n);
        if (n.type() != pugi::node_element) {
            descend = false;
        } else if (name == "pPr" || name == "rPr" || name == "del" || name == "moveFrom" ||
                   name == "instrText" || name == "delText" || name == "drawing" || name == "pict" ||
                   name == "object" || name.empty()) {
            descend = false;  // also skips mc:AlternateContent and other namespaces
        } else if (name == "t") {
            out.text += n.text().get();
            descend = false;
        } else if (name == "tab") {
            out.text += '\t';
        } else if (name == "br") {
            if (w.attr(n, "type") != "page" && w.attr(n, "type") != "column") out.text += '\n';
        } else if (name == "cr") {
            out.text += '\n';
        } else if (name == "noBreakHyphen") {
            out.text += '-';
        } else if (name == "bookmarkStart") {
            out.bookmarks.push_back(w.attr(n, "name"));
        } else if (name == "r") {
            bool has_text = false;
            for (pugi::xml_node c : n.children())
                if (w.local(c) == "t" && *c.text().get()) has_text = true;
            if (has_text) {
                any_run = true;
                const pugi::xml_node b = n.child(w("rPr").c_str()).child(w("b").c_str());
                if (!b || !on_value(w.attr(b, "val"))) all_bold = false;
            }
        }
        if (descend && n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != p && !n.next_sibling()) n = n.parent();
        if (!n || n == p) break;
        n = n.next_sibling();
    }
    out.all_bold = any_run && all_bold;
    return out;
}

void collect_items(const pugi::xml_node& container, const Names& w, std::vector<Item>& items, int depth) {
    if (depth > kMaxNesting) return;
    for (pugi::xml_node n : container.children()) {
        const std::string_view name = w.local(n);
        if (name == "p") {
            items.push_back({false, read_paragraph(n, w)});
        } else if (name == "tbl") {
            items.push_back({true, {}});
        } else if (name == "sdt") {
            collect_items(n.child(w("sdtContent").c_str()), w, items, depth + 1);
        } else if (name == "customXml" || name == "ins" || name == "smartTag") {
            collect_items(n, w, items, depth + 1);
        }
    }
}

// Heading level of each paragraph style: Word's built-in "heading 1..3" by name (the id may
// be localised), or an outline level, following basedOn a few steps.
std::map<std::string, int> heading_styles(const pugi::xml_document& styles, const Names& w) {
    std::map<std::string, int> level;
    std::map<std::string, std::string> based_on;
    const pugi::xml_node root = styles.document_element();
    // The name outlives the loop: the range keeps only its pointer, and a temporary's would
    // dangle from the first step (AddressSanitizer: stack-use-after-scope).
    const std::string style_tag = w("style");
    for (pugi::xml_node s : root.children(style_tag.c_str())) {
        const std::string id = w.attr(s, "styleId");
        std::string name = w.attr(s.child(w("name").c_str()), "val");
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        int l = -1;
        if (name.size() == 9 && name.rfind("heading ", 0) == 0 && name[8] >= '1' && name[8] <= '3')
            l = name[8] - '1';
        const std::string outline = w.attr(s.child(w("pPr").c_str()).child(w("outlineLvl").c_str()), "val");
        if (l < 0 && outline.size() == 1 && outline[0] >= '0' && outline[0] <= '2') l = outline[0] - '0';
        if (l >= 0) level[id] = l;
        based_on[id] = w.attr(s.child(w("basedOn").c_str()), "val");
    }
    for (const auto& [id, parent] : based_on) {
        if (level.count(id)) continue;
        std::string p = parent;
        for (int step = 0; step < 8 && !p.empty(); ++step) {
            if (auto it = level.find(p); it != level.end()) {
                level[id] = it->second;
                break;
            }
            auto next = based_on.find(p);
            p = next == based_on.end() ? std::string{} : next->second;
        }
    }
    return level;
}

// Folded for comparison: no diacritics, no case, words separated by single spaces.
std::string key(std::string_view s) {
    const std::string folded = locale::fold_case(locale::strip_diacritics(locale::to_nfc(s)));
    std::string out;
    bool space = false;
    for (unsigned char c : folded) {
        if (std::isalnum(c) || c >= 0x80) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += static_cast<char>(c);
        } else {
            space = true;
        }
    }
    return out;
}

bool starts_with_words(std::string_view text, std::string_view prefix) {
    if (prefix.empty() || text.substr(0, prefix.size()) != prefix) return false;
    return text.size() == prefix.size() || text[prefix.size()] == ' ';
}

// A section title from the definition against a heading's title. Placeholders ("{NEXT_PERIOD}")
// match anything; the literal parts must appear in order, the first at the start.
bool title_matches(const std::string& title_template, const std::string& heading_key) {
    std::vector<std::string> pieces;
    std::string literal;
    bool open_end = false;
    for (std::size_t i = 0; i < title_template.size(); ++i) {
        if (title_template[i] == '{') {
            const std::size_t close = title_template.find('}', i);
            if (close != std::string::npos) {
                pieces.push_back(key(literal));
                literal.clear();
                i = close;
                open_end = close + 1 == title_template.size();
                continue;
            }
        }
        literal += title_template[i];
        open_end = false;
    }
    pieces.push_back(key(literal));
    pieces.erase(std::remove(pieces.begin(), pieces.end(), std::string{}), pieces.end());
    if (pieces.empty()) return false;
    if (pieces.size() == 1 && !open_end)
        return heading_key == pieces[0] || starts_with_words(heading_key, pieces[0]);
    if (!starts_with_words(heading_key, pieces[0])) return false;
    std::size_t at = pieces[0].size();
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        const std::size_t found = heading_key.find(pieces[i], at);
        if (found == std::string::npos) return false;
        at = found + pieces[i].size();
    }
    return true;
}

struct Numbered {
    int level = -1;      // 0 "IV.", 1 "2.", 2 "2.1.", as Section::level
    std::string number;  // "IV", "2", "2.1"
    std::string title;   // what follows the number
};

// "IV. NHIỆM VỤ…", "2. Cải cách…", "2.1. …" (the dot after the last number may be missing in
// multi-level numbers, and ")" may replace it).
Numbered parse_numbered(std::string_view text) {
    Numbered out;
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    auto is_roman = [](char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'; };
    if (i < text.size() && is_roman(text[i])) {
        while (i < text.size() && is_roman(text[i])) ++i;
        if (i < text.size() && (text[i] == '.' || text[i] == ')') && i + 1 < text.size() &&
            (text[i + 1] == ' ' || text[i + 1] == '\t')) {
            out.level = 0;
            out.number = std::string(text.substr(start, i - start));
            ++i;
        }
    } else if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        int parts = 0;
        std::string number;
        for (;;) {
            const std::size_t d = i;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
            if (i == d) break;
            if (!number.empty()) number += '.';
            number += std::string(text.substr(d, i - d));
            ++parts;
            if (i < text.size() && (text[i] == '.' || text[i] == ')')) {
                ++i;
                if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) continue;
                break;
            }
            if (parts < 2) return out;  // "2 " is not a heading number
            break;
        }
        if (parts >= 1 && parts <= 3 && i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
            out.level = parts;
            out.number = number;
        }
    }
    if (out.level < 0) return out;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    out.title = std::string(text.substr(i));
    if (out.title.empty()) out.level = -1;
    return out;
}

bool looks_like_heading_line(const Paragraph& p) {
    if (p.all_bold) return true;
    if (p.text.size() > 150) return false;
    const char last = p.text.empty() ? '\0' : p.text.back();
    return last != '.' && last != ';' && last != ',';
}

// The number of a section as the document prints it: "2" under "II" is "2", "III.3.1" is "3.1".
std::string printed_number(const schema::ReportType& type, const schema::Section& s) {
    if (s.level <= 1) return s.number;
    const schema::Section* parent = type.section(s.parent);
    return parent ? printed_number(type, *parent) + "." + s.number : s.number;
}

class HeadingMapper {
public:
    explicit HeadingMapper(const schema::ReportType& type) : type_(type) {}

    // The section a heading names, or nullptr. `number`/`level` from its numbering (level -1
    // when it has none, e.g. a styled heading without a number).
    const schema::Section* map(int level, const std::string& number, const std::string& title) {
        const std::string k = key(title);
        const schema::Section* found = nullptr;
        for (const auto& s : type_.sections) {
            if (s.number.empty() || (level >= 0 && s.level != level)) continue;
            if (!title_matches(s.title.vi, k) && !(!s.title.en.empty() && title_matches(s.title.en, k)))
                continue;
            // Among equal titles ("Nguyên nhân" in two parts) prefer the one in the current part.
            if (!found || (s.level > 0 && parent_is_current(s))) found = &s;
        }
        if (!found && level >= 0) found = by_number(level, number);
        if (found) remember(*found);
        return found;
    }

private:
    const schema::Section* by_number(int level, const std::string& number) const {
        for (const auto& s : type_.sections) {
            if (s.number.empty() || s.level != level) continue;
            if (level == 0 && s.number == number) return &s;
            if (level > 0 && printed_number(type_, s) == number && parent_is_current(s)) return &s;
        }
        return nullptr;
    }

    // Whether `s` sits under the section of the last heading (or one of its parents).
    bool parent_is_current(const schema::Section& s) const {
        for (const schema::Section* c = current_; c; c = type_.section(c->parent))
            if (c->id == s.parent) return true;
        return false;
    }

    void remember(const schema::Section& s) { current_ = &s; }

    const schema::ReportType& type_;
    const schema::Section* current_ = nullptr;
};

// The literal start of the closing section's template ("Trên đây là báo cáo…"): its first
// three words, folded.
std::string closing_marker(const schema::Section& s) {
    const std::string k = key(s.draft.substr(0, s.draft.find('{')));
    int words = 0;
    for (std::size_t i = 0; i < k.size(); ++i)
        if (k[i] == ' ' && ++words == 3) return k.substr(0, i);
    return k;
}

using Sections = std::map<std::string, std::vector<docx::SectionParagraph>>;

void add_to(Sections& sections, std::vector<std::string>& order, const std::string& id, const Paragraph& p) {
    auto [it, inserted] = sections.try_emplace(id);
    if (inserted) order.push_back(id);
    it->second.push_back({p.text, p.tight});
}

// Our own documents: hidden bookmarks open the sections.
bool read_by_bookmarks(const std::vector<Item>& items, const schema::ReportType& type, Sections& sections,
                       std::vector<std::string>& order, std::vector<std::string>& warnings) {
    bool any = false;
    for (const Item& item : items)
        for (const auto& b : item.p.bookmarks)
            if (docx::section_of_bookmark(b)) any = true;
    if (!any) return false;
    std::string current;
    bool started = false;
    for (const Item& item : items) {
        if (item.table) {
            if (started) break;  // the signature table ends the text
            continue;
        }
        const Paragraph& p = item.p;
        for (const auto& b : p.bookmarks) {
            const auto id = docx::section_of_bookmark(b);
            if (!id) continue;
            started = true;
            if (type.section(*id)) {
                current = *id;
            } else {
                current.clear();
                warnings.push_back(trf(
                    "Văn bản có mục \"{}\" mà định nghĩa báo cáo không có; nội dung của mục này bị bỏ qua.",
                    *id));
            }
        }
        if (!started || current.empty() || p.heading_level >= 0) continue;
        add_to(sections, order, current, p);
    }
    return true;
}

// Documents written by people: cut at the headings.
void read_by_headings(const std::vector<Item>& items, const schema::ReportType& type, Sections& sections,
                      std::vector<std::string>& order, std::vector<std::string>& warnings) {
    // The text starts after "BÁO CÁO" and the summary line under it, when the document has them.
    std::size_t start = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].table || key(items[i].p.text) != "bao cao") continue;
        start = i + 1;
        while (start < items.size() && !items[start].table && key(items[start].p.text).empty()) ++start;
        if (start < items.size() && !items[start].table && items[start].p.heading_level < 0 &&
            parse_numbered(items[start].p.text).level < 0)
            ++start;  // the summary
        break;
    }
    if (start == 0 && !items.empty() && items[0].table) start = 1;  // the header table

    const schema::Section* intro = nullptr;
    if (!type.sections.empty() && type.sections.front().number.empty()) intro = &type.sections.front();
    const schema::Section* closing = nullptr;
    if (type.sections.size() > 1 && type.sections.back().number.empty()) closing = &type.sections.back();

    HeadingMapper mapper(type);
    std::string current = intro ? intro->id : std::string{};
    bool dropped_before_heading = false;
    for (std::size_t i = start; i < items.size(); ++i) {
        if (items[i].table) {
            if (!sections.empty()) break;  // "Nơi nhận" and the signature
            continue;
        }
        const Paragraph& p = items[i].p;
        const std::string k = key(p.text);
        if (starts_with_words(k, "noi nhan")) break;
        const Numbered numbered = parse_numbered(p.text);
        const bool styled_heading = p.heading_level >= 0;
        const bool candidate = styled_heading || (numbered.level >= 0 && looks_like_heading_line(p));
        if (candidate && !k.empty()) {
            const int level = numbered.level >= 0 ? numbered.level : -1;
            const std::string title = numbered.level >= 0 ? numbered.title : p.text;
            if (const schema::Section* s = mapper.map(level, numbered.number, title)) {
                current = s->id;
                if (!sections.count(current)) {
                    sections[current];
                    order.push_back(current);
                }
                continue;
            }
            if (styled_heading || p.all_bold)
                warnings.push_back(
                    trf("Đề mục \"{}\" không khớp mục nào của định nghĩa báo cáo; nội dung được giữ trong "
                        "mục đứng trước.",
                        p.text));
        }
        if (current.empty()) {
            if (!k.empty()) dropped_before_heading = true;
            continue;
        }
        add_to(sections, order, current, p);
    }
    if (dropped_before_heading)
        warnings.push_back(tr("Đoạn văn trước đề mục đầu tiên không thuộc mục nào nên bị bỏ qua."));

    // The closing line is the last paragraphs of the last section, from the one that reads
    // like the definition's closing template.
    if (closing && !order.empty() && order.back() != closing->id && !closing->draft.empty()) {
        const std::string marker = closing_marker(*closing);
        auto& last = sections[order.back()];
        for (std::size_t j = last.size(); j-- > 0;) {
            if (!starts_with_words(key(last[j].text), marker)) continue;
            std::vector<docx::SectionParagraph> tail(last.begin() + static_cast<std::ptrdiff_t>(j),
                                                     last.end());
            last.erase(last.begin() + static_cast<std::ptrdiff_t>(j), last.end());
            sections[closing->id] = std::move(tail);
            order.push_back(closing->id);
            break;
        }
    }
}

}  // namespace

Result<ImportedNarrative> import_docx_narrative(const std::string& path, const schema::ReportType& type) {
    using R = Result<ImportedNarrative>;
    auto package = docx::PackageReader::open(path);
    if (!package) return R::fail(package.error());
    auto document = package->read("word/document.xml");
    if (!document) return R::fail(document.error());
    if (!*document)
        return R::fail(trf("Tệp {} không phải văn bản Word (DOCX): không có phần word/document.xml.", path));

    pugi::xml_document doc;
    const std::string label = path + " [word/document.xml]";
    if (auto parsed = xml::parse(**document, label, doc); !parsed) return R::fail(parsed.error());
    const pugi::xml_node root = doc.document_element();
    Names w;
    if (!w.bind(root) || w.local(root) != "document")
        return R::fail(trf("{}: không phải nội dung văn bản Word (thiếu phần tử w:document).", label));
    const pugi::xml_node body = root.child(w("body").c_str());
    if (!body) return R::fail(trf("{}: văn bản không có phần thân (w:body).", label));

    ImportedNarrative out;
    std::map<std::string, int> styles;
    auto styles_part = package->read("word/styles.xml");
    if (!styles_part) {
        out.warnings.push_back(styles_part.error());
    } else if (*styles_part) {
        pugi::xml_document sdoc;
        Names sw;
        if (auto parsed = xml::parse(**styles_part, path + " [word/styles.xml]", sdoc); !parsed)
            out.warnings.push_back(parsed.error());
        else if (sw.bind(sdoc.document_element()))
            styles = heading_styles(sdoc, sw);
    }

    std::vector<Item> items;
    collect_items(body, w, items, 0);
    for (Item& item : items) {
        if (item.table) continue;
        auto it = styles.find(item.p.style);
        if (it != styles.end()) {
            item.p.heading_level = it->second;
        } else if (item.p.style.size() == 8 && item.p.style.rfind("Heading", 0) == 0 &&
                   item.p.style[7] >= '1' && item.p.style[7] <= '3') {
            item.p.heading_level = item.p.style[7] - '1';  // Word's ids, when styles.xml is missing
        }
    }

    Sections sections;
    std::vector<std::string> order;
    if (!read_by_bookmarks(items, type, sections, order, out.warnings))
        read_by_headings(items, type, sections, order, out.warnings);
    for (const std::string& id : order) {
        std::string text = locale::to_nfc(docx::join_section(sections[id]));
        if (!text.empty()) out.sections[id] = std::move(text);
    }
    return R::ok(std::move(out));
}

}  // namespace rb::exporting
