// The DOCX writer. Layout per Nghị định 30/2020/NĐ-CP, appendix I: A4 portrait, margins
// 20/20/30/15 mm, Times New Roman in black, page numbers centred in the top margin from page 2.
// Every element has a named style carrying its size, so a clerk who restyles the document in
// Word changes one style, not hundreds of runs. Parts are built with pugixml; element order
// inside pPr/rPr/tblPr/tcPr/sectPr follows the OOXML schema, which Word enforces.
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "export/docx/docx.hpp"
#include "export/docx/docx_package.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"

namespace rb::exporting {
namespace {

using docx::Part;
using docx::xml_text;

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kFont = "Times New Roman";

// Page geometry in twips (1/1440 inch): A4 portrait, margins 20 / 20 / 30 / 15 mm.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 1134;
constexpr int kMarginBottom = 1134;
constexpr int kMarginLeft = 1701;
constexpr int kMarginRight = 851;  // 15 mm is 850.4 twips: never under it
constexpr int kHeaderDistance = 567;  // the page number sits 10 mm from the top edge
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

// Header and foot tables: column widths in twips.
constexpr int kHeaderLeft = 3402;  // 6 cm: parent and issuing body
constexpr int kHeaderRight = kTextWidth - kHeaderLeft;
constexpr int kFootLeft = 4536;  // 8 cm: "Nơi nhận"
constexpr int kFootRight = kTextWidth - kFootLeft;

constexpr int kFirstLineIndent = 720;  // 1.27 cm
constexpr int kSpaceAfter = 120;       // 6 pt
constexpr int kLineSpacing = 288;      // 1.2 lines (240 = single)
constexpr const char* kComputedFill = "F2F2F2";

// ------------------------------------------------------------------------------------------
// XML building
// ------------------------------------------------------------------------------------------

pugi::xml_node el(pugi::xml_node parent, const char* name) {
    return parent.append_child(name);
}

pugi::xml_node el(pugi::xml_node parent, const char* name,
                  std::initializer_list<std::pair<const char*, std::string>> attrs) {
    pugi::xml_node n = parent.append_child(name);
    for (const auto& [k, v] : attrs) n.append_attribute(k).set_value(v.c_str());
    return n;
}

pugi::xml_node val(pugi::xml_node parent, const char* name, const std::string& value) {
    return el(parent, name, {{"w:val", value}});
}

std::string serialize(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_document new_part() {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    return doc;
}

// Run properties in schema order (rFonts, b, i, caps, color, sz, lang).
struct RunProps {
    bool bold = false;
    bool italic = false;
    bool caps = false;
    int half_points = 0;  // 0: from the style
};

void write_rpr(pugi::xml_node parent, const RunProps& rp, bool fonts) {
    const bool any = fonts || rp.bold || rp.italic || rp.caps || rp.half_points > 0;
    if (!any) return;
    pugi::xml_node rpr = el(parent, "w:rPr");
    if (fonts) {
        el(rpr, "w:rFonts", {{"w:ascii", kFont}, {"w:hAnsi", kFont}, {"w:eastAsia", kFont}, {"w:cs", kFont}});
    }
    if (rp.bold) el(rpr, "w:b"), el(rpr, "w:bCs");
    if (rp.italic) el(rpr, "w:i"), el(rpr, "w:iCs");
    if (rp.caps) el(rpr, "w:caps");
    if (fonts) val(rpr, "w:color", "000000");
    if (rp.half_points > 0) {
        val(rpr, "w:sz", std::to_string(rp.half_points));
        val(rpr, "w:szCs", std::to_string(rp.half_points));
    }
    if (fonts) el(rpr, "w:lang", {{"w:val", "vi-VN"}, {"w:eastAsia", "vi-VN"}, {"w:bidi", "ar-SA"}});
}

enum class Align { Inherit, Left, Centre, Right, Both };

const char* align_value(Align a) {
    switch (a) {
        case Align::Left:
            return "left";
        case Align::Centre:
            return "center";
        case Align::Right:
            return "right";
        case Align::Both:
            return "both";
        case Align::Inherit:
            break;
    }
    return "";
}

// Paragraph properties in schema order.
struct ParaProps {
    std::string style;
    bool keep_next = false;
    bool page_break_before = false;
    bool border_top = false;  // a rule drawn at the paragraph's top edge, between its indents
    int space_before = -1, space_after = -1, line = -1;
    bool line_exact = false;
    int indent_left = -1, indent_right = -1, first_line = -1;
    Align align = Align::Inherit;
};

void write_ppr(pugi::xml_node parent, const ParaProps& pp, int outline_level = -1) {
    pugi::xml_node ppr = el(parent, "w:pPr");
    if (!pp.style.empty()) val(ppr, "w:pStyle", pp.style);
    if (pp.keep_next) el(ppr, "w:keepNext");
    if (pp.page_break_before) el(ppr, "w:pageBreakBefore");
    if (pp.border_top) {
        pugi::xml_node bdr = el(ppr, "w:pBdr");
        el(bdr, "w:top", {{"w:val", "single"}, {"w:sz", "6"}, {"w:space", "1"}, {"w:color", "000000"}});
    }
    if (pp.space_before >= 0 || pp.space_after >= 0 || pp.line >= 0) {
        pugi::xml_node sp = el(ppr, "w:spacing");
        if (pp.space_before >= 0) sp.append_attribute("w:before") = pp.space_before;
        if (pp.space_after >= 0) sp.append_attribute("w:after") = pp.space_after;
        if (pp.line >= 0) {
            sp.append_attribute("w:line") = pp.line;
            sp.append_attribute("w:lineRule") = pp.line_exact ? "exact" : "auto";
        }
    }
    if (pp.indent_left >= 0 || pp.indent_right >= 0 || pp.first_line >= 0) {
        pugi::xml_node ind = el(ppr, "w:ind");
        if (pp.indent_left >= 0) ind.append_attribute("w:left") = pp.indent_left;
        if (pp.indent_right >= 0) ind.append_attribute("w:right") = pp.indent_right;
        if (pp.first_line >= 0) ind.append_attribute("w:firstLine") = pp.first_line;
    }
    if (pp.align != Align::Inherit) val(ppr, "w:jc", align_value(pp.align));
    if (outline_level >= 0) val(ppr, "w:outlineLvl", std::to_string(outline_level));
}

// Appends `text` as runs: tabs become <w:tab/>, line breaks <w:br/>.
void add_text(pugi::xml_node p, std::string_view raw, const RunProps& rp = {}) {
    const std::string text = xml_text(raw);
    if (text.empty()) return;
    pugi::xml_node r = el(p, "w:r");
    write_rpr(r, rp, false);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = start;
        while (end < text.size() && text[end] != '\t' && text[end] != '\n' && !is_symbol_hyphen(text, end)) ++end;
        if (end > start) {
            pugi::xml_node t = el(r, "w:t");
            t.append_attribute("xml:space") = "preserve";
            t.text().set(text.substr(start, end - start).c_str());
        }
        if (end == text.size()) break;
        el(r, text[end] == '\t' ? "w:tab" : text[end] == '\n' ? "w:br" : "w:noBreakHyphen");
        start = end + 1;
    }
}

pugi::xml_node add_paragraph(pugi::xml_node parent, const ParaProps& pp, std::string_view text = {},
                             const RunProps& rp = {}) {
    pugi::xml_node p = el(parent, "w:p");
    write_ppr(p, pp);
    add_text(p, text, rp);
    return p;
}

ParaProps styled(const char* style) {
    ParaProps pp;
    pp.style = style;
    return pp;
}

// ------------------------------------------------------------------------------------------
// Text width, for rules as long as a line of text (Nghị định 30: the motto's rule). Advance
// widths of Times (regular and bold, 1/1000 em) on the text without diacritics; Vietnamese
// marks sit above or below and barely change a letter's width.
// ------------------------------------------------------------------------------------------

int glyph_width(unsigned char c, bool bold) {
    static const short regular_upper[26] = {722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
                                            722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611};
    static const short bold_upper[26] = {722, 667, 722, 722, 667, 611, 778, 778, 389, 500,  778, 667, 944,
                                         722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667};
    static const short regular_lower[26] = {444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
                                            500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444};
    static const short bold_lower[26] = {500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
                                         556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444};
    if (c >= 'A' && c <= 'Z') return (bold ? bold_upper : regular_upper)[c - 'A'];
    if (c >= 'a' && c <= 'z') return (bold ? bold_lower : regular_lower)[c - 'a'];
    if (c >= '0' && c <= '9') return 500;
    switch (c) {
        case ' ':
        case ',':
        case '.':
            return 250;
        case '-':
        case '(':
        case ')':
            return 333;
        case ':':
        case ';':
            return bold ? 333 : 278;
        case '/':
            return 278;
        default:
            return 500;
    }
}

double text_width_twips(std::string_view text, double size_pt, bool bold) {
    const std::string plain = locale::strip_diacritics(text);
    long units = 0;
    std::size_t i = 0;
    while (i < plain.size()) {
        const unsigned char c = static_cast<unsigned char>(plain[i]);
        if (c < 0x80) {
            units += glyph_width(c, bold);
            ++i;
            continue;
        }
        units += 500;  // a letter the table does not know
        ++i;
        while (i < plain.size() && (static_cast<unsigned char>(plain[i]) & 0xC0) == 0x80) ++i;
    }
    return static_cast<double>(units) / 1000.0 * size_pt * 20.0;
}

// An empty paragraph whose top border, between symmetric indents, draws a centred rule of
// `length` twips in a space `width` twips wide.
void add_rule(pugi::xml_node parent, double length, int width) {
    const double side = std::max(0.0, (width - std::min<double>(length, width)) / 2.0);
    ParaProps pp = styled("RbRule");
    pp.border_top = true;
    pp.indent_left = static_cast<int>(std::lround(side));
    pp.indent_right = static_cast<int>(std::lround(side));
    add_paragraph(parent, pp);
}

// ------------------------------------------------------------------------------------------
// Tables
// ------------------------------------------------------------------------------------------

enum class Borders { None, Single };

pugi::xml_node add_table(pugi::xml_node body, const std::vector<int>& widths, Borders borders,
                         int cell_margin) {
    pugi::xml_node tbl = el(body, "w:tbl");
    pugi::xml_node pr = el(tbl, "w:tblPr");
    int total = 0;
    for (int w : widths) total += w;
    el(pr, "w:tblW", {{"w:w", std::to_string(total)}, {"w:type", "dxa"}});
    val(pr, "w:jc", "center");
    pugi::xml_node b = el(pr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        if (borders == Borders::Single)
            el(b, side, {{"w:val", "single"}, {"w:sz", "4"}, {"w:space", "0"}, {"w:color", "000000"}});
        else
            el(b, side, {{"w:val", "nil"}});
    }
    val(pr, "w:tblLayout", "fixed");
    pugi::xml_node mar = el(pr, "w:tblCellMar");
    el(mar, "w:left", {{"w:w", std::to_string(cell_margin)}, {"w:type", "dxa"}});
    el(mar, "w:right", {{"w:w", std::to_string(cell_margin)}, {"w:type", "dxa"}});
    el(pr, "w:tblLook",
       {{"w:val", "0000"},
        {"w:firstRow", "0"},
        {"w:lastRow", "0"},
        {"w:firstColumn", "0"},
        {"w:lastColumn", "0"},
        {"w:noHBand", "1"},
        {"w:noVBand", "1"}});
    pugi::xml_node grid = el(tbl, "w:tblGrid");
    for (int w : widths) el(grid, "w:gridCol", {{"w:w", std::to_string(w)}});
    return tbl;
}

struct RowProps {
    bool header = false;  // repeated at the top of every page
    bool cant_split = false;
};

pugi::xml_node add_row(pugi::xml_node tbl, const RowProps& rp) {
    pugi::xml_node tr = el(tbl, "w:tr");
    if (rp.header || rp.cant_split) {
        pugi::xml_node pr = el(tr, "w:trPr");
        if (rp.cant_split) el(pr, "w:cantSplit");
        if (rp.header) el(pr, "w:tblHeader");
    }
    return tr;
}

enum class VMerge { None, Restart, Continue };

struct CellProps {
    int width = 0;
    int span = 1;
    VMerge vmerge = VMerge::None;
    const char* fill = nullptr;
    bool centre_vertically = false;
};

CellProps cell_of(int width) {
    CellProps cp;
    cp.width = width;
    return cp;
}

pugi::xml_node add_cell(pugi::xml_node tr, const CellProps& cp) {
    pugi::xml_node tc = el(tr, "w:tc");
    pugi::xml_node pr = el(tc, "w:tcPr");
    el(pr, "w:tcW", {{"w:w", std::to_string(cp.width)}, {"w:type", "dxa"}});
    if (cp.span > 1) val(pr, "w:gridSpan", std::to_string(cp.span));
    if (cp.vmerge == VMerge::Restart) val(pr, "w:vMerge", "restart");
    if (cp.vmerge == VMerge::Continue) el(pr, "w:vMerge");
    if (cp.fill) el(pr, "w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", cp.fill}});
    if (cp.centre_vertically) val(pr, "w:vAlign", "center");
    return tc;
}

// ------------------------------------------------------------------------------------------
// styles.xml
// ------------------------------------------------------------------------------------------

struct StyleDef {
    const char* id = "";
    const char* name = "";
    const char* based_on = nullptr;
    ParaProps para;
    RunProps run;
    int outline_level = -1;
};

StyleDef style_def(const char* id, const char* name, const char* based_on, const ParaProps& para,
                   const RunProps& run, int outline_level = -1) {
    StyleDef d;
    d.id = id;
    d.name = name;
    d.based_on = based_on;
    d.para = para;
    d.run = run;
    d.outline_level = outline_level;
    return d;
}

std::string styles_xml() {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "w:styles");
    root.append_attribute("xmlns:w") = kW;

    pugi::xml_node defaults = el(root, "w:docDefaults");
    pugi::xml_node rpr_default = el(defaults, "w:rPrDefault");
    RunProps base_run;
    base_run.half_points = 28;
    write_rpr(rpr_default, base_run, true);
    pugi::xml_node ppr_default = el(defaults, "w:pPrDefault");
    ParaProps base_para;
    base_para.space_after = 0;
    base_para.line = 240;
    write_ppr(ppr_default, base_para);

    auto para = [](Align a, int before = -1, int after = -1) {
        ParaProps p;
        p.align = a;
        p.space_before = before;
        p.space_after = after;
        return p;
    };
    auto run = [](int hp, bool b = false, bool i = false, bool caps = false) {
        RunProps r;
        r.half_points = hp;
        r.bold = b;
        r.italic = i;
        r.caps = caps;
        return r;
    };
    ParaProps body = para(Align::Both, 0, kSpaceAfter);
    body.line = kLineSpacing;
    body.first_line = kFirstLineIndent;
    ParaProps list = body;  // the decree lays out a "- …" line as any body paragraph
    ParaProps heading = body;
    heading.keep_next = true;
    heading.space_before = 60;
    ParaProps rule;
    rule.space_before = 80;  // clear of the descenders of the line above
    rule.space_after = 0;
    rule.line = 40;
    rule.line_exact = true;
    ParaProps table_text = para(Align::Left, 20, 20);
    ParaProps appendix_number = para(Align::Centre, 0, 0);
    appendix_number.page_break_before = true;
    appendix_number.keep_next = true;
    ParaProps title = para(Align::Centre, 360, 0);
    title.keep_next = true;
    ParaProps summary = para(Align::Centre, 0, 0);
    summary.keep_next = true;
    ParaProps signer_name = para(Align::Centre, 1560, 0);

    const std::vector<StyleDef> defs = {
        style_def("Normal", "Normal", nullptr, {}, {}),
        style_def("RbParentBody", "RB Parent body", "Normal", para(Align::Centre),
                  run(26, false, false, true)),
        style_def("RbIssuingBody", "RB Issuing body", "Normal", para(Align::Centre),
                  run(26, true, false, true)),
        style_def("RbNumber", "RB Number and symbol", "Normal", para(Align::Centre, 60), run(26)),
        style_def("RbNationalTitle", "RB National title", "Normal", para(Align::Centre),
                  run(26, true, false, true)),
        style_def("RbMotto", "RB Motto", "Normal", para(Align::Centre), run(28, true)),
        style_def("RbPlaceDate", "RB Place and date", "Normal", para(Align::Centre, 60),
                  run(28, false, true)),
        style_def("RbRule", "RB Rule", "Normal", rule, run(4)),
        style_def("RbTitle", "RB Document type", "Normal", title, run(28, true, false, true)),
        style_def("RbSummary", "RB Summary", "Normal", summary, run(28, true)),
        style_def("RbBody", "RB Body text", "Normal", body, run(28)),
        style_def("RbList", "RB List item", "RbBody", list, {}),
        style_def("Heading1", "heading 1", "RbBody", heading, run(28, true, false, true), 0),
        style_def("Heading2", "heading 2", "RbBody", heading, run(28, true), 1),
        style_def("Heading3", "heading 3", "RbBody", heading, run(28, true, true), 2),
        style_def("RbRecipientsHeading", "RB Recipients heading", "Normal", para(Align::Left, 120),
                  run(24, true, true)),
        style_def("RbRecipients", "RB Recipients", "Normal", para(Align::Left), run(22)),
        style_def("RbSignature", "RB Signing authority", "Normal", para(Align::Centre, 0),
                  run(28, true, false, true)),
        style_def("RbSignerName", "RB Signer name", "Normal", signer_name, run(28, true)),
        style_def("RbAppendixNumber", "RB Appendix number", "Normal", appendix_number, run(28, true)),
        style_def("RbAppendixTitle", "RB Appendix title", "Normal", summary, run(28, true, false, true)),
        style_def("RbAppendixSubtitle", "RB Appendix subtitle", "Normal", para(Align::Centre, 0, 240),
                  run(28, false, true)),
        style_def("RbTableText", "RB Table text", "Normal", table_text, run(24)),
        style_def("RbTableHeading", "RB Table heading", "Normal", para(Align::Centre, 20, 20), run(26, true)),
        style_def("RbJustificationHeading", "RB Justifications heading", "RbBody", heading, run(28, true)),
        style_def("Header", "header", "Normal", para(Align::Centre), run(26)),
    };
    for (const StyleDef& d : defs) {
        pugi::xml_node s = el(root, "w:style", {{"w:type", "paragraph"}, {"w:styleId", d.id}});
        if (std::string_view(d.id) == "Normal") s.append_attribute("w:default") = "1";
        val(s, "w:name", d.name);
        if (d.based_on) val(s, "w:basedOn", d.based_on);
        if (std::string_view(d.id).rfind("Heading", 0) == 0) val(s, "w:next", "RbBody");
        val(s, "w:uiPriority", d.outline_level >= 0 ? "9" : "1");
        el(s, "w:qFormat");
        write_ppr(s, d.para, d.outline_level);
        // Every style names the font and colour itself: Word's own heading styles would
        // otherwise bring their theme font and blue.
        write_rpr(s, d.run, true);
    }
    pugi::xml_node table =
        el(root, "w:style", {{"w:type", "table"}, {"w:default", "1"}, {"w:styleId", "TableNormal"}});
    val(table, "w:name", "Normal Table");
    val(table, "w:uiPriority", "99");
    el(table, "w:semiHidden");
    pugi::xml_node tpr = el(table, "w:tblPr");
    pugi::xml_node mar = el(tpr, "w:tblCellMar");
    el(mar, "w:top", {{"w:w", "0"}, {"w:type", "dxa"}});
    el(mar, "w:left", {{"w:w", "108"}, {"w:type", "dxa"}});
    el(mar, "w:bottom", {{"w:w", "0"}, {"w:type", "dxa"}});
    el(mar, "w:right", {{"w:w", "108"}, {"w:type", "dxa"}});
    return serialize(doc);
}

// ------------------------------------------------------------------------------------------
// document.xml
// ------------------------------------------------------------------------------------------

class DocumentWriter {
public:
    explicit DocumentWriter(const ExportDocument& d) : d_(d) {
        doc_ = new_part();
        pugi::xml_node root = el(doc_, "w:document");
        root.append_attribute("xmlns:w") = kW;
        root.append_attribute("xmlns:r") = kR;
        body_ = el(root, "w:body");
    }

    void header() {
        const DocumentHeader& h = d_.header;
        pugi::xml_node tbl = add_table(body_, {kHeaderLeft, kHeaderRight}, Borders::None, 0);
        pugi::xml_node top = add_row(tbl, {false, true});
        pugi::xml_node left = add_cell(top, cell_of(kHeaderLeft));
        if (!h.parent_body.empty()) add_paragraph(left, styled("RbParentBody"), header_body_lines(h.parent_body));
        const std::string issuing = header_body_lines(h.issuing_body);
        add_paragraph(left, styled("RbIssuingBody"), issuing);
        // A short rule under the issuing body: from a third to a half of its (last) line.
        add_rule(left,
                 0.4 * std::min<double>(text_width_twips(std::string_view(issuing).substr(issuing.rfind('\n') + 1), 13,
                                                         true),
                                        kHeaderLeft),
                 kHeaderLeft);
        pugi::xml_node right = add_cell(top, cell_of(kHeaderRight));
        add_paragraph(right, styled("RbNationalTitle"), h.national_title);
        add_paragraph(right, styled("RbMotto"), h.motto);
        add_rule(right, text_width_twips(h.motto, 14, true), kHeaderRight);  // as long as the motto

        pugi::xml_node second = add_row(tbl, {false, true});
        add_paragraph(add_cell(second, cell_of(kHeaderLeft)), styled("RbNumber"), h.number_line);
        add_paragraph(add_cell(second, cell_of(kHeaderRight)), styled("RbPlaceDate"), h.place_date);

        add_paragraph(body_, styled("RbTitle"), h.title);
        add_paragraph(body_, styled("RbSummary"), h.summary);
        add_rule(body_, 0.4 * std::min<double>(text_width_twips(h.summary, 14, true), kTextWidth),
                 kTextWidth);
        // Space between the rule and the text.
        ParaProps gap = styled("RbRule");
        gap.line = 240;
        add_paragraph(body_, gap);
    }

    void narrative() {
        const auto& body = d_.body;
        std::string previous_section;
        bool previous_tight = false;
        for (std::size_t i = 0; i < body.size(); ++i) {
            const Block& b = body[i];
            const bool starts_section = !b.section_id.empty() && b.section_id != previous_section;
            previous_section = b.section_id;
            if (b.kind == Block::Kind::Heading) {
                pugi::xml_node p =
                    add_paragraph_marked(styled(heading_style(b.level)), starts_section, b.section_id);
                add_text(p, b.text);
                continue;
            }
            // Every paragraph, list items included, is 6 pt from the next (the decree's least).
            // A line typed directly under another (no blank line between them in the text) is
            // marked by no space after it, the 6 pt going before the next instead: the page
            // looks the same, and import tells "\n" from "\n\n" by it.
            const Block* next = i + 1 < body.size() ? &body[i + 1] : nullptr;
            const bool next_in_section =
                next && next->kind == Block::Kind::Paragraph && next->section_id == b.section_id;
            ParaProps pp = styled(is_list_item(b.text) ? "RbList" : "RbBody");
            if (previous_tight) pp.space_before = kSpaceAfter;
            previous_tight = next_in_section && next->blank_lines_before == 0;
            if (previous_tight) pp.space_after = 0;
            pugi::xml_node p = add_paragraph_marked(pp, starts_section, b.section_id);
            add_text(p, b.text);
            // Blank lines beyond the first stay visible as empty paragraphs.
            if (next_in_section)
                for (int k = 1; k < next->blank_lines_before; ++k) {
                    ParaProps empty = styled("RbBody");
                    empty.space_after = 0;
                    add_paragraph(body_, empty);
                }
        }
        if (!d_.closing.empty()) add_paragraph(body_, styled("RbBody"), d_.closing);
    }

    void signature() {
        const SignatureBlock& s = d_.signature;
        // Space between the last line of text and the signature block.
        ParaProps gap = styled("RbRule");
        gap.line = 240;
        add_paragraph(body_, gap);
        pugi::xml_node tbl = add_table(body_, {kFootLeft, kFootRight}, Borders::None, 0);
        pugi::xml_node row = add_row(tbl, {false, true});
        pugi::xml_node left = add_cell(row, cell_of(kFootLeft));
        add_paragraph(left, styled("RbRecipientsHeading"), s.recipients_heading);
        for (const std::string& line : s.recipients) add_paragraph(left, styled("RbRecipients"), line);
        if (s.recipients.empty()) add_paragraph(left, styled("RbRecipients"));
        pugi::xml_node right = add_cell(row, cell_of(kFootRight));
        add_paragraph(right, styled("RbSignature"), s.authority);
        add_paragraph(right, styled("RbSignature"), s.signer_title);
        add_paragraph(right, styled("RbSignerName"), s.signer_name);
    }

    void appendix() {
        const Appendix& a = d_.appendix;
        if (a.columns.empty() && a.rows.empty()) return;
        add_paragraph(body_, styled("RbAppendixNumber"), a.number_line);
        add_paragraph(body_, styled("RbAppendixTitle"), a.title);
        add_paragraph(body_, styled("RbAppendixSubtitle"), a.subtitle);
        if (a.columns.empty()) return;

        const std::vector<int> widths = column_widths(a.columns);
        pugi::xml_node tbl = add_table(body_, widths, Borders::Single, 57);
        header_rows(tbl, a.columns, widths);
        for (std::size_t i = 0; i < a.rows.size(); ++i) data_row(tbl, a, a.rows[i], widths, a.keeps_with_next(i));
    }

    void justifications() {
        if (!d_.print_justifications || d_.justifications.empty()) return;
        add_paragraph(body_, styled("RbJustificationHeading"), "Giải trình các cảnh báo đã chấp nhận");
        for (const JustificationLine& j : d_.justifications) {
            pugi::xml_node p = add_paragraph(body_, styled("RbList"), "- " + j.message);
            RunProps italic;
            italic.italic = true;
            add_text(p, " Giải trình: " + j.text, italic);
        }
    }

    std::string finish() {
        pugi::xml_node sect = el(body_, "w:sectPr");
        el(sect, "w:headerReference", {{"w:type", "default"}, {"r:id", "rIdHeaderDefault"}});
        el(sect, "w:headerReference", {{"w:type", "first"}, {"r:id", "rIdHeaderFirst"}});
        el(sect, "w:pgSz",
           {{"w:w", std::to_string(kPageWidth)},
            {"w:h", std::to_string(kPageHeight)},
            {"w:orient", "portrait"}});
        el(sect, "w:pgMar",
           {{"w:top", std::to_string(kMarginTop)},
            {"w:right", std::to_string(kMarginRight)},
            {"w:bottom", std::to_string(kMarginBottom)},
            {"w:left", std::to_string(kMarginLeft)},
            {"w:header", std::to_string(kHeaderDistance)},
            {"w:footer", std::to_string(kHeaderDistance)},
            {"w:gutter", "0"}});
        el(sect, "w:cols", {{"w:space", "720"}});
        el(sect, "w:titlePg");  // the first page takes the empty first-page header
        el(sect, "w:docGrid", {{"w:linePitch", "360"}});
        return serialize(doc_);
    }

private:
    static const char* heading_style(int level) {
        if (level <= 0) return "Heading1";
        if (level == 1) return "Heading2";
        return "Heading3";
    }

    // A paragraph, with a hidden bookmark at its start when it opens a section, so that
    // import finds the section again even after a clerk edits the text around it.
    pugi::xml_node add_paragraph_marked(const ParaProps& pp, bool starts_section,
                                        const std::string& section_id) {
        pugi::xml_node p = el(body_, "w:p");
        write_ppr(p, pp);
        if (starts_section) {
            const std::string name = docx::section_bookmark(section_id);
            if (!name.empty()) {
                const std::string id = std::to_string(next_bookmark_++);
                el(p, "w:bookmarkStart", {{"w:id", id}, {"w:name", name}});
                el(p, "w:bookmarkEnd", {{"w:id", id}});
            }
        }
        return p;
    }

    static int default_width_mm(ColumnKind k) {
        switch (k) {
            case ColumnKind::Stt:
                return 12;
            case ColumnKind::Label:
                return 90;
            case ColumnKind::Unit:
                return 25;
            case ColumnKind::Value:
                return 25;
            case ColumnKind::Note:
                return 25;
            case ColumnKind::Code:
                return 20;
        }
        return 25;
    }

    // The profile's widths (or ours) filling the text width exactly. The label column is the
    // one that gives or takes the difference, so that STT and figures keep their room; only
    // when that would leave the label too narrow are all columns scaled.
    static std::vector<int> column_widths(const std::vector<Column>& cols) {
        constexpr double kTwipsPerMm = 1440.0 / 25.4;
        constexpr double kMinLabelMm = 50;
        std::vector<double> mm;
        double total = 0;
        int label = -1;
        for (std::size_t i = 0; i < cols.size(); ++i) {
            mm.push_back(cols[i].width_mm > 0 ? cols[i].width_mm : default_width_mm(cols[i].kind));
            total += mm.back();
            if (cols[i].kind == ColumnKind::Label && label < 0) label = static_cast<int>(i);
        }
        const double text_mm = kTextWidth / kTwipsPerMm;
        if (label >= 0) {
            const double others = total - mm[static_cast<std::size_t>(label)];
            if (text_mm - others >= kMinLabelMm) {
                mm[static_cast<std::size_t>(label)] = text_mm - others;
                total = text_mm;
            }
        }
        std::vector<int> widths;
        int used = 0;
        for (std::size_t i = 0; i < mm.size(); ++i) {
            const int w = i + 1 == mm.size() ? kTextWidth - used
                                             : static_cast<int>(std::lround(mm[i] / total * kTextWidth));
            widths.push_back(w);
            used += w;
        }
        return widths;
    }

    // One header row, or two when columns have a group: the group's cell spans its columns
    // ("Kết quả thống kê" over "Đơn vị tính" and "Số liệu"), the others span both rows.
    void header_rows(pugi::xml_node tbl, const std::vector<Column>& cols, const std::vector<int>& widths) {
        const bool grouped =
            std::any_of(cols.begin(), cols.end(), [](const Column& c) { return !c.group.vi.empty(); });
        RowProps rp;
        rp.header = true;
        rp.cant_split = true;
        pugi::xml_node first = add_row(tbl, rp);
        for (std::size_t c = 0; c < cols.size();) {
            std::size_t end = c + 1;
            if (!cols[c].group.vi.empty())
                while (end < cols.size() && cols[end].group.vi == cols[c].group.vi) ++end;
            int width = 0;
            for (std::size_t k = c; k < end; ++k) width += widths[k];
            CellProps cp;
            cp.width = width;
            cp.span = static_cast<int>(end - c);
            cp.centre_vertically = true;
            if (grouped && cols[c].group.vi.empty()) cp.vmerge = VMerge::Restart;
            pugi::xml_node tc = add_cell(first, cp);
            add_paragraph(tc, styled("RbTableHeading"),
                          cols[c].group.vi.empty() ? cols[c].heading.vi : cols[c].group.vi);
            c = end;
        }
        if (!grouped) return;
        pugi::xml_node second = add_row(tbl, rp);
        for (std::size_t c = 0; c < cols.size(); ++c) {
            CellProps cp;
            cp.width = widths[c];
            cp.centre_vertically = true;
            if (cols[c].group.vi.empty()) cp.vmerge = VMerge::Continue;
            pugi::xml_node tc = add_cell(second, cp);
            add_paragraph(tc, styled("RbTableHeading"),
                          cols[c].group.vi.empty() ? std::string{} : cols[c].heading.vi);
        }
    }

    // `keep`: Word keeps a row with the next when its paragraphs keep with the next.
    void data_row(pugi::xml_node tbl, const Appendix& a, const AppendixRow& row, const std::vector<int>& widths,
                  bool keep) {
        RowProps rp;
        rp.cant_split = true;
        pugi::xml_node tr = add_row(tbl, rp);
        RunProps run;
        run.bold = row.group || row.heading;
        for (std::size_t c = 0; c < a.columns.size(); ++c) {
            const ColumnKind kind = a.columns[c].kind;
            CellProps cp;
            cp.width = widths[c];
            cp.centre_vertically = true;
            if (row.computed && kind == ColumnKind::Value) cp.fill = kComputedFill;
            pugi::xml_node tc = add_cell(tr, cp);
            ParaProps pp = styled("RbTableText");
            pp.keep_next = keep;
            if (kind == ColumnKind::Value)
                pp.align = Align::Right;
            else if (kind == ColumnKind::Stt || kind == ColumnKind::Unit)
                pp.align = Align::Centre;
            else if (kind == ColumnKind::Label && row.depth > 1)
                pp.indent_left = 113 * (row.depth - 1);
            add_paragraph(tc, pp, c < row.cells.size() ? row.cells[c] : std::string{}, run);
        }
    }

    const ExportDocument& d_;
    pugi::xml_document doc_;
    pugi::xml_node body_;
    int next_bookmark_ = 1;
};

// ------------------------------------------------------------------------------------------
// The other parts
// ------------------------------------------------------------------------------------------

std::string header_xml(bool with_page_number) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "w:hdr");
    root.append_attribute("xmlns:w") = kW;
    root.append_attribute("xmlns:r") = kR;
    pugi::xml_node p = el(root, "w:p");
    write_ppr(p, styled("Header"));
    if (!with_page_number) return serialize(doc);
    el(el(p, "w:r"), "w:fldChar", {{"w:fldCharType", "begin"}});
    pugi::xml_node instr = el(el(p, "w:r"), "w:instrText");
    instr.append_attribute("xml:space") = "preserve";
    instr.text().set(" PAGE ");
    el(el(p, "w:r"), "w:fldChar", {{"w:fldCharType", "separate"}});
    pugi::xml_node t = el(el(p, "w:r"), "w:t");
    t.text().set("2");
    el(el(p, "w:r"), "w:fldChar", {{"w:fldCharType", "end"}});
    return serialize(doc);
}

std::string settings_xml() {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "w:settings");
    root.append_attribute("xmlns:w") = kW;
    el(root, "w:zoom", {{"w:percent", "100"}});
    val(root, "w:defaultTabStop", "720");
    val(root, "w:characterSpacingControl", "doNotCompress");
    pugi::xml_node compat = el(root, "w:compat");
    el(compat, "w:compatSetting",
       {{"w:name", "compatibilityMode"},
        {"w:uri", "http://schemas.microsoft.com/office/word"},
        {"w:val", "15"}});
    el(root, "w:themeFontLang", {{"w:val", "vi-VN"}});
    return serialize(doc);
}

std::string content_types_xml() {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "Types");
    root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
    el(root, "Default",
       {{"Extension", "rels"}, {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
    el(root, "Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    el(root, "Override", {{"PartName", "/word/document.xml"}, {"ContentType", wml + "document.main+xml"}});
    el(root, "Override", {{"PartName", "/word/styles.xml"}, {"ContentType", wml + "styles+xml"}});
    el(root, "Override", {{"PartName", "/word/settings.xml"}, {"ContentType", wml + "settings+xml"}});
    el(root, "Override", {{"PartName", "/word/header1.xml"}, {"ContentType", wml + "header+xml"}});
    el(root, "Override", {{"PartName", "/word/header2.xml"}, {"ContentType", wml + "header+xml"}});
    el(root, "Override",
       {{"PartName", "/docProps/core.xml"},
        {"ContentType", "application/vnd.openxmlformats-package.core-properties+xml"}});
    el(root, "Override",
       {{"PartName", "/docProps/app.xml"},
        {"ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml"}});
    return serialize(doc);
}

std::string relationships_xml(std::initializer_list<std::pair<std::string, std::string>> rels) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "Relationships");
    root.append_attribute("xmlns") = kRelsNs;
    const std::string base = "http://schemas.openxmlformats.org/";
    int n = 0;
    for (const auto& [type, target] : rels) {
        std::string id = "rId" + std::to_string(++n);
        if (target == "header1.xml") id = "rIdHeaderDefault";
        if (target == "header2.xml") id = "rIdHeaderFirst";
        el(root, "Relationship", {{"Id", id}, {"Type", base + type}, {"Target", target}});
    }
    return serialize(doc);
}

std::string core_xml(const ExportDocument& d) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "cp:coreProperties");
    root.append_attribute("xmlns:cp") =
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    std::string title = d.header.title;
    if (!d.header.summary.empty()) title += " " + d.header.summary;
    el(root, "dc:title").text().set(xml_text(title).c_str());
    el(root, "dc:subject").text().set(xml_text(d.period_label).c_str());
    el(root, "dc:creator").text().set(xml_text(d.header.issuing_body).c_str());
    el(root, "cp:keywords").text().set(xml_text(d.type_id + " " + d.period_code).c_str());
    el(root, "dc:language").text().set("vi-VN");
    return serialize(doc);
}

std::string app_xml() {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = el(doc, "Properties");
    root.append_attribute("xmlns") =
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    el(root, "Application").text().set("ReportBench");
    return serialize(doc);
}

class DocxExporter final : public Exporter {
public:
    std::string id() const override { return "docx"; }
    std::string extension() const override { return "docx"; }
    schema::LocalText label() const override { return {"Văn bản Word (DOCX)", "Word document (DOCX)"}; }

    rb::Status write(const ExportInput& in, const std::string& path,
                     const Progress& progress) const override {
        const auto report = [&](double f, const char* stage) {
            if (progress) progress(f, tr(stage));
        };
        const ExportDocument& d = in.document;
        report(0.0, RB_N_("Đang dựng văn bản Word"));
        DocumentWriter w(d);
        w.header();
        w.narrative();
        w.signature();
        report(0.4, RB_N_("Đang ghi phụ lục"));
        w.appendix();
        w.justifications();
        // The parts stay alive in this vector until write_package has closed the archive.
        std::vector<Part> parts;
        parts.push_back({"[Content_Types].xml", content_types_xml()});
        parts.push_back(
            {"_rels/.rels",
             relationships_xml(
                 {{"officeDocument/2006/relationships/officeDocument", "word/document.xml"},
                  {"package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
                  {"officeDocument/2006/relationships/extended-properties", "docProps/app.xml"}})});
        parts.push_back({"word/document.xml", w.finish()});
        parts.push_back({"word/_rels/document.xml.rels",
                         relationships_xml({{"officeDocument/2006/relationships/styles", "styles.xml"},
                                            {"officeDocument/2006/relationships/settings", "settings.xml"},
                                            {"officeDocument/2006/relationships/header", "header1.xml"},
                                            {"officeDocument/2006/relationships/header", "header2.xml"}})});
        parts.push_back({"word/styles.xml", styles_xml()});
        parts.push_back({"word/settings.xml", settings_xml()});
        parts.push_back({"word/header1.xml", header_xml(true)});
        parts.push_back({"word/header2.xml", header_xml(false)});
        parts.push_back({"docProps/core.xml", core_xml(d)});
        parts.push_back({"docProps/app.xml", app_xml()});
        report(0.7, RB_N_("Đang nén tệp DOCX"));
        rb::Status written = docx::write_package(path, parts);
        if (!written) return written;
        report(1.0, RB_N_("Đã ghi xong"));
        return rb::ok_status();
    }
};

}  // namespace

std::shared_ptr<const Exporter> make_docx_exporter() {
    return std::make_shared<DocxExporter>();
}

}  // namespace rb::exporting
