// The PDF writer: lays the ExportDocument out on A4 pages per Nghị định 30/2020/NĐ-CP, the
// same document the DOCX writer produces (same margins, column widths, sizes and spacing, so
// that a page of one looks like the page of the other), and draws it with cairo. Pango shapes
// all text: cairo's own text API misplaces Vietnamese combining marks. Paragraphs flow line by
// line across pages; table rows and the signature block never split.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "export/pdf/gobject.hpp"
#include "export/pdf/pdf.hpp"
#include "i18n/i18n.hpp"

namespace rb::exporting {

namespace {

// Geometry in PDF points (1/72 inch). A4 portrait; margins of the decree's appendix I.
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginTop = 20 * kMm;
constexpr double kMarginBottom = 20 * kMm;
constexpr double kMarginLeft = 30 * kMm;
constexpr double kMarginRight = 15 * kMm;
constexpr double kContentWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr double kContentBottom = kPageHeight - kMarginBottom;
constexpr double kPageNumberTop = 10 * kMm;  // the DOCX header distance

// Text. Line spacing is a multiple of the font's line height (ascent, descent and line gap),
// as Word's "multiple" spacing is: 1.2 for the body, single elsewhere.
constexpr double kBodySize = 14;
constexpr double kFirstLineIndent = 12.7 * kMm;  // 1.27 cm
constexpr double kParagraphAfter = 6;
constexpr double kHeadingBefore = 3;
constexpr double kBodySpacing = 1.2;
constexpr double kSingle = 1.0;

// Rules: 0.6 pt, 3 pt clear of the line above; short ones are 0.4 of their line (the decree
// asks for a third to a half).
constexpr double kRuleWidth = 0.6;
constexpr double kRuleGap = 3;
constexpr double kShortRuleShare = 0.4;

// Header and foot tables: the left column holds the issuing body, then the recipients.
constexpr double kHeaderLeft = 60 * kMm;
constexpr double kFootLeft = 80 * kMm;
constexpr double kSignatureSpace = 78;  // room for the signature and the seal

// Appendix table.
constexpr double kTableSize = 12;
constexpr double kTableHeadingSize = 13;
constexpr double kCellPadX = 1 * kMm;  // the DOCX table's cell margin
constexpr double kCellPadY = 1;
constexpr double kDepthIndent = 2 * kMm;  // label indent per level below the first
constexpr double kMinLabelWidth = 50 * kMm;
constexpr double kBorderWidth = 0.5;
constexpr double kEpsilon = 0.01;

const char* const kJustificationsHeading = "Giải trình các cảnh báo đã chấp nhận";

enum class Align { Left, Center, Right, Justify };

struct Font {
    double size = kBodySize;
    bool bold = false;
    bool italic = false;
    bool operator<(const Font& o) const {
        return std::tie(size, bold, italic) < std::tie(o.size, o.bold, o.italic);
    }
};

using LayoutPtr = GPtr<PangoLayout>;

// A text laid out at a width: each of its lines takes `pitch` points of the page.
struct Text {
    LayoutPtr layout;
    double pitch = 0;
    double line_height = 0;  // the font's: what the last line on a page needs
    int lines = 0;
    double height() const { return pitch * lines; }
    // The width of the widest line's text (not the layout's box).
    double text_width() const {
        PangoRectangle logical;
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }
    double baseline() const { return static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE; }
};

// Text as pango and the PDF's metadata need it: invalid UTF-8 (a damaged report file) becomes
// U+FFFD rather than a warning and a cut line, and control characters other than tab and line
// feed are dropped (pango would draw them as hex boxes), as the DOCX writer drops them.
std::string clean_text(const std::string& s) {
    std::string out;
    if (g_utf8_validate(s.c_str(), static_cast<gssize>(s.size()), nullptr)) {
        out = s;
    } else {
        gchar* v = g_utf8_make_valid(s.c_str(), static_cast<gssize>(s.size()));
        out = v ? v : "";
        g_free(v);
    }
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](char c) {
                                 const auto u = static_cast<unsigned char>(c);
                                 return (u < 0x20 && c != '\t' && c != '\n') || u == 0x7F;
                             }),
              out.end());
    return out;
}

std::string upper(const std::string& raw) {
    const std::string s = clean_text(raw);
    gchar* u = g_utf8_strup(s.c_str(), static_cast<gssize>(s.size()));
    std::string out = u ? u : s;
    g_free(u);
    return out;
}


const std::string& doc_text(const schema::LocalText& t) { return t.vi.empty() ? t.en : t.vi; }

// One line of a laid-out text: the line (owned by the layout), its left edge with alignment
// and indent, and its top and baseline in the layout's coordinates.
struct Line {
    PangoLayoutLine* line = nullptr;
    double x = 0, top = 0, baseline = 0;
};

std::vector<Line> lines_of(PangoLayout* layout) {
    std::vector<Line> out;
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        Line l;
        l.line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        l.x = static_cast<double>(logical.x) / PANGO_SCALE;
        l.top = static_cast<double>(y0) / PANGO_SCALE;
        l.baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
        out.push_back(l);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
}

// Column widths as the DOCX writer sets them: the profile's (or these defaults), the label
// column giving or taking the difference to the text width; only when that would leave the
// label too narrow are all columns scaled.
double default_width_mm(ColumnKind k) {
    switch (k) {
        case ColumnKind::Stt: return 12;
        case ColumnKind::Label: return 90;
        case ColumnKind::Unit: return 25;
        case ColumnKind::Value: return 25;
        case ColumnKind::Note: return 25;
        case ColumnKind::Code: return 20;
    }
    return 25;
}

std::vector<double> column_widths(const std::vector<Column>& cols) {
    std::vector<double> w;
    double total = 0;
    int label = -1;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        w.push_back((cols[i].width_mm > 0 ? cols[i].width_mm : default_width_mm(cols[i].kind)) * kMm);
        total += w.back();
        if (cols[i].kind == ColumnKind::Label && label < 0) label = static_cast<int>(i);
    }
    if (label >= 0) {
        const double others = total - w[static_cast<std::size_t>(label)];
        if (kContentWidth - others >= kMinLabelWidth) {
            w[static_cast<std::size_t>(label)] = kContentWidth - others;
            total = kContentWidth;
        }
    }
    for (double& v : w) v *= kContentWidth / total;
    return w;
}

Align cell_align(ColumnKind k) {
    switch (k) {
        case ColumnKind::Stt:
        case ColumnKind::Unit:
        case ColumnKind::Code: return Align::Center;
        case ColumnKind::Value: return Align::Right;
        case ColumnKind::Label:
        case ColumnKind::Note: return Align::Left;
    }
    return Align::Left;
}

class Writer {
public:
    Writer(cairo_surface_t* surface, std::string family, const Progress& progress, int work_total)
        : surface_(surface), progress_(progress), family_(std::move(family)), work_total_(work_total) {
        cr_ = cairo_create(surface_);
        context_ = pango_cairo_create_context(cr_);
        // Glyph positions as the font designs them: no hinting or rounding in a PDF.
        cairo_font_options_t* fo = cairo_font_options_create();
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context_, fo);
        cairo_font_options_destroy(fo);
        pango_context_set_round_glyph_positions(context_, FALSE);
        pango_context_set_language(context_, pango_language_from_string("vi"));
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    ~Writer() {
        g_object_unref(context_);
        cairo_destroy(cr_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void write(const ExportDocument& doc);
    int pages() const { return page_; }

private:
    // `italic_from`: a byte offset from which the text is italic (a justification's reason).
    Text text(const std::string& s, Font font, double width, Align align, double indent = 0,
              double spacing = kSingle, std::size_t italic_from = std::string::npos);
    PangoFontDescription* describe(Font font) const;
    double line_height(Font font);

    void new_page();
    bool at_page_top() const { return y_ <= kMarginTop + kEpsilon; }
    void ensure_room(double height) {
        if (y_ + height > kContentBottom + kEpsilon && !at_page_top()) new_page();
    }
    void space(double points) {
        if (!at_page_top()) y_ += points;
    }
    void draw(const Text& t, double x, double y) {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, t.layout.get());
    }
    void rule(double x0, double x1, double y) {
        cairo_set_line_width(cr_, kRuleWidth);
        cairo_move_to(cr_, x0, y);
        cairo_line_to(cr_, x1, y);
        cairo_stroke(cr_);
    }
    // A rule of `length` centred in [x, x + width], under the line that ends at `y`; returns
    // where the next line may start.
    double rule_under(double x, double width, double length, double y) {
        rule(x + (width - length) / 2, x + (width + length) / 2, y + kRuleGap);
        return y + kRuleGap + 2;
    }
    // Flows a text as wide as the text area from the current position, breaking between
    // lines at page ends, with no first or last line left alone on a page.
    void flow(const Text& t, double x = kMarginLeft);
    void outline(const std::string& title, int level);

    void header(const DocumentHeader& h);
    void body(const ExportDocument& doc);
    void foot(const SignatureBlock& s);
    void appendix(const Appendix& a);
    std::vector<double> widen_to_words(const Appendix& a, std::vector<double> widths);
    void justifications(const std::vector<JustificationLine>& lines);

    cairo_surface_t* surface_;
    cairo_t* cr_ = nullptr;
    PangoContext* context_ = nullptr;
    const Progress& progress_;
    std::string family_;
    std::map<Font, double> line_heights_;
    int page_ = 0;
    double y_ = 0;
    double last_after_ = 0;  // the space after the last paragraph drawn
    int work_total_ = 1, work_done_ = 0;
    int outline_parent_ = CAIRO_PDF_OUTLINE_ROOT;
};

PangoFontDescription* Writer::describe(Font font) const {
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, family_.c_str());
    pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
    pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return desc;
}

double Writer::line_height(Font font) {
    if (auto it = line_heights_.find(font); it != line_heights_.end()) return it->second;
    PangoFontDescription* desc = describe(font);
    PangoFontMetrics* m = pango_context_get_metrics(context_, desc, pango_context_get_language(context_));
    const double h = static_cast<double>(pango_font_metrics_get_height(m)) / PANGO_SCALE;
    pango_font_metrics_unref(m);
    pango_font_description_free(desc);
    line_heights_[font] = h;
    return h;
}

Text Writer::text(const std::string& raw, Font font, double width, Align align, double indent, double spacing,
                  std::size_t italic_from) {
    const std::string s = clean_text(raw);
    Text t;
    t.layout.reset(pango_layout_new(context_));
    PangoLayout* l = t.layout.get();
    PangoFontDescription* desc = describe(font);
    pango_layout_set_font_description(l, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(l, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == Align::Center  ? PANGO_ALIGN_CENTER
                                  : align == Align::Right ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(l, align == Align::Justify);
    if (indent != 0) pango_layout_set_indent(l, static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_line_spacing(l, static_cast<float>(spacing));
    // Pango would add a hyphen where it must break a word too long for its line; Vietnamese
    // syllables are never hyphenated.
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    // A document symbol ("02/KH-UBND") never breaks at its hyphen.
    for (std::size_t i = 0; i < s.size(); ++i)
        if (is_symbol_hyphen(s, i)) {
            PangoAttribute* keep = pango_attr_allow_breaks_new(FALSE);
            keep->start_index = static_cast<guint>(i);
            keep->end_index = static_cast<guint>(i + 2);
            pango_attr_list_insert(attrs, keep);
        }
    if (italic_from < s.size()) {
        PangoAttribute* italic = pango_attr_style_new(PANGO_STYLE_ITALIC);
        italic->start_index = static_cast<guint>(italic_from);
        pango_attr_list_insert(attrs, italic);
    }
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
    t.line_height = line_height(font);
    t.pitch = spacing * t.line_height;
    t.lines = pango_layout_get_line_count(l);
    return t;
}

void Writer::new_page() {
    if (page_ > 0) cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
    if (page_ >= 2) {
        // The page number, centred in the top margin, from page 2 on.
        const Text n = text(std::to_string(page_), {13, false, false}, kContentWidth, Align::Center);
        draw(n, kMarginLeft, kPageNumberTop);
    }
    if (progress_) {
        const double fraction = std::min(0.99, static_cast<double>(work_done_) / work_total_);
        progress_(fraction, trf("Đang vẽ trang {}", page_));
    }
}

void Writer::outline(const std::string& title, int level) {
    const std::string target = "page=" + std::to_string(page_) + " pos=[" + std::to_string(kMarginLeft) +
                               " " + std::to_string(y_) + "]";
    const int parent = level == 0 ? CAIRO_PDF_OUTLINE_ROOT : outline_parent_;
    const int id = cairo_pdf_surface_add_outline(surface_, parent, clean_text(title).c_str(), target.c_str(),
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    if (level == 0) outline_parent_ = id;
}

void Writer::flow(const Text& t, double x) {
    const std::vector<Line> lines = lines_of(t.layout.get());
    const std::size_t n = lines.size();
    std::size_t i = 0;
    while (i < n) {
        // Extra line spacing goes between lines: the last line on a page needs only its own
        // height, as in LibreOffice's and Word's layout.
        const double room = kContentBottom - y_ + kEpsilon;
        const std::size_t fit =
            room < t.line_height ? 0 : static_cast<std::size_t>(std::floor((room - t.line_height) / t.pitch)) + 1;
        std::size_t k = std::min(n, i + fit);
        if (k < n && !at_page_top() && (k == i || (k - i == 1 && n - i > 1))) {
            new_page();  // nothing fits, or only an orphan first line
            continue;
        }
        if (k == i) k = i + 1;                      // a line taller than a page: nothing better
        if (k < n && n - k == 1 && k - i > 2) --k;  // keep the last line company
        const double top = lines[i].top;
        for (std::size_t j = i; j < k; ++j) {
            cairo_move_to(cr_, x + lines[j].x, y_ + lines[j].baseline - top);
            pango_cairo_show_layout_line(cr_, lines[j].line);
        }
        y_ += static_cast<double>(k - i) * t.pitch;
        i = k;
        if (i < n) new_page();
    }
}

void Writer::write(const ExportDocument& doc) {
    new_page();
    header(doc.header);
    body(doc);
    foot(doc.signature);
    if (!doc.appendix.columns.empty() || !doc.appendix.rows.empty()) appendix(doc.appendix);
    if (doc.print_justifications && !doc.justifications.empty()) justifications(doc.justifications);
    cairo_show_page(cr_);
}

void Writer::header(const DocumentHeader& h) {
    const double left_w = kHeaderLeft, right_w = kContentWidth - kHeaderLeft;
    const double left_x = kMarginLeft, right_x = kMarginLeft + left_w;

    // Left column: parent body, issuing body with a short rule under it.
    double yl = kMarginTop;
    if (!h.parent_body.empty()) {
        const Text t = text(upper(header_body_lines(h.parent_body)), {13, false, false}, left_w, Align::Center);
        draw(t, left_x, yl);
        yl += t.height();
    }
    if (!h.issuing_body.empty()) {
        const Text t = text(upper(header_body_lines(h.issuing_body)), {13, true, false}, left_w, Align::Center);
        draw(t, left_x, yl);
        yl = rule_under(left_x, left_w, t.text_width() * kShortRuleShare, yl + t.height());
    }

    // Right column: national title, motto with a rule as long as the motto.
    double yr = kMarginTop;
    {
        const Text t = text(upper(h.national_title), {13, true, false}, right_w, Align::Center);
        draw(t, right_x, yr);
        yr += t.height();
        const Text m = text(h.motto, {14, true, false}, right_w, Align::Center);
        draw(m, right_x, yr);
        yr = rule_under(right_x, right_w, m.text_width(), yr + m.height());
    }

    // The number and the place-and-date line share a baseline under both columns.
    const double row_y = std::max(yl, yr) + 3;
    const Text num = text(h.number_line, {13, false, false}, left_w, Align::Center);
    const Text date = text(h.place_date, {14, false, true}, right_w, Align::Center);
    const double baseline = row_y + std::max(num.baseline(), date.baseline());
    double bottom = row_y;
    if (!h.number_line.empty()) {
        draw(num, left_x, baseline - num.baseline());
        bottom = std::max(bottom, baseline - num.baseline() + num.height());
    }
    if (!h.place_date.empty()) {
        draw(date, right_x, baseline - date.baseline());
        bottom = std::max(bottom, baseline - date.baseline() + date.height());
    }
    y_ = bottom + 18;

    // "BÁO CÁO" and the summary, centred, with a short rule under the summary.
    if (!h.title.empty()) {
        const Text t = text(upper(h.title), {14, true, false}, kContentWidth, Align::Center);
        draw(t, kMarginLeft, y_);
        y_ += t.height();
    }
    if (!h.summary.empty()) {
        const Text s = text(h.summary, {14, true, false}, kContentWidth, Align::Center);
        draw(s, kMarginLeft, y_);
        y_ = rule_under(kMarginLeft, kContentWidth, s.text_width() * kShortRuleShare, y_ + s.height());
    }
    y_ += 8;
}

void Writer::body(const ExportDocument& doc) {
    const std::vector<Block>& blocks = doc.body;
    std::vector<Text> texts;
    texts.reserve(blocks.size());
    for (const Block& b : blocks) {
        if (b.kind == Block::Kind::Heading)
            texts.push_back(text(b.level <= 0 ? upper(b.text) : b.text, {kBodySize, true, b.level >= 2},
                                 kContentWidth, Align::Justify, kFirstLineIndent, kBodySpacing));
        else
            texts.push_back(text(b.text, {kBodySize, false, false}, kContentWidth, Align::Justify, kFirstLineIndent,
                                 kBodySpacing));
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        const Block* next = i + 1 < blocks.size() ? &blocks[i + 1] : nullptr;
        if (b.kind == Block::Kind::Heading) {
            // Space before and the previous paragraph's space after overlap, as LibreOffice
            // lays out the DOCX: a heading under a paragraph gets 6 pt, under a list 3 pt.
            space(std::max(0.0, kHeadingBefore - last_after_));
            // A heading stays with the headings under it and the first two lines of the text.
            double need = 0;
            std::size_t j = i;
            for (; j < blocks.size() && blocks[j].kind == Block::Kind::Heading; ++j)
                need += texts[j].height() + kParagraphAfter;
            if (j < blocks.size()) need += std::min(2, texts[j].lines) * texts[j].pitch;
            ensure_room(need);
            outline(b.text, std::min(b.level, 1));
            flow(texts[i]);
            y_ += kParagraphAfter;
            last_after_ = kParagraphAfter;
        } else {
            flow(texts[i]);
            // Every paragraph, list items ("- …") included, takes the decree's first-line indent
            // and at least 6 pt after it; each blank line beyond the first stays an empty line.
            const bool next_in_section =
                next && next->kind == Block::Kind::Paragraph && next->section_id == b.section_id;
            last_after_ = kParagraphAfter;
            y_ += last_after_;
            if (next_in_section)
                for (int k = 1; k < next->blank_lines_before; ++k) space(texts[i].pitch);
        }
        ++work_done_;
    }
    if (!doc.closing.empty()) {
        flow(text(doc.closing, {kBodySize, false, false}, kContentWidth, Align::Justify, kFirstLineIndent,
                  kBodySpacing));
        y_ += kParagraphAfter;
    }
}

void Writer::foot(const SignatureBlock& s) {
    const double left_w = kFootLeft, right_w = kContentWidth - kFootLeft;
    const double heading_before = 6;

    std::vector<Text> left, right;
    if (!s.recipients_heading.empty())
        left.push_back(text(s.recipients_heading, {12, true, true}, left_w, Align::Left));
    for (const std::string& r : s.recipients) left.push_back(text(r, {11, false, false}, left_w, Align::Left));
    for (const std::string* t : {&s.authority, &s.signer_title})
        if (!t->empty()) right.push_back(text(upper(*t), {14, true, false}, right_w, Align::Center));
    const Text name = text(s.signer_name, {14, true, false}, right_w, Align::Center);

    double hl = s.recipients_heading.empty() ? 0 : heading_before;
    for (const auto& t : left) hl += t.height();
    double hr = kSignatureSpace + name.height();
    for (const auto& t : right) hr += t.height();
    space(6);  // clear of the last line of text
    ensure_room(std::max(hl, hr));

    double y = y_ + (s.recipients_heading.empty() ? 0 : heading_before);
    for (const auto& t : left) {
        draw(t, kMarginLeft, y);
        y += t.height();
    }
    double yr = y_;
    for (const auto& t : right) {
        draw(t, kMarginLeft + left_w, yr);
        yr += t.height();
    }
    if (!s.signer_name.empty()) draw(name, kMarginLeft + left_w, yr + kSignatureSpace);
    y_ += std::max(hl, hr);
}

std::vector<double> Writer::widen_to_words(const Appendix& a, std::vector<double> widths) {
    // Short columns (STT, unit, figure, code) never break inside a word: one too narrow for
    // its longest word ("3.3.1", "STT") takes the room from the label column.
    int label = -1;
    for (std::size_t c = 0; c < a.columns.size(); ++c)
        if (a.columns[c].kind == ColumnKind::Label && label < 0) label = static_cast<int>(c);
    if (label < 0) return widths;
    Text probe = text("", {kTableHeadingSize, true, false}, -1, Align::Left);
    auto longest_word = [&](const std::string& s) {
        double widest = 0;
        std::size_t start = 0;
        while (start < s.size()) {
            std::size_t end = s.find(' ', start);
            if (end == std::string::npos) end = s.size();
            if (end > start) {
                pango_layout_set_text(probe.layout.get(), s.c_str() + start, static_cast<int>(end - start));
                widest = std::max(widest, probe.text_width());
            }
            start = end + 1;
        }
        return widest;
    };
    double& label_w = widths[static_cast<std::size_t>(label)];
    for (std::size_t c = 0; c < a.columns.size(); ++c) {
        const ColumnKind k = a.columns[c].kind;
        if (k == ColumnKind::Label || k == ColumnKind::Note) continue;
        double need = longest_word(doc_text(a.columns[c].heading));
        for (const AppendixRow& row : a.rows)
            if (c < row.cells.size()) need = std::max(need, longest_word(row.cells[c]));
        need += 2 * kCellPadX + 0.5;
        const double extra = std::min(need - widths[c], label_w - kMinLabelWidth);
        if (extra > 0) {
            widths[c] += extra;
            label_w -= extra;
        }
    }
    return widths;
}

// The appendix table's header, laid out once and drawn on every page the table reaches.
struct TableHeader {
    struct Cell {
        std::size_t col0 = 0, col1 = 0;  // columns [col0, col1)
        int row0 = 0, row1 = 0;          // header rows [row0, row1)
        Text text;
    };
    std::vector<Cell> cells;
    std::vector<double> rows;  // heights
    double height() const {
        double h = 0;
        for (double r : rows) h += r;
        return h;
    }
};

void Writer::appendix(const Appendix& a) {
    new_page();
    outline(a.number_line.empty() ? a.title : a.number_line, 0);
    if (!a.number_line.empty()) flow(text(a.number_line, {14, true, false}, kContentWidth, Align::Center));
    if (!a.title.empty()) flow(text(upper(a.title), {14, true, false}, kContentWidth, Align::Center));
    if (!a.subtitle.empty()) flow(text(a.subtitle, {14, false, true}, kContentWidth, Align::Center));
    y_ += 12;
    if (a.columns.empty()) return;

    const std::size_t ncol = a.columns.size();
    const std::vector<double> widths = widen_to_words(a, column_widths(a.columns));
    std::vector<double> x{kMarginLeft};
    for (double w : widths) x.push_back(x.back() + w);
    auto inner = [&](std::size_t c0, std::size_t c1) { return x[c1] - x[c0] - 2 * kCellPadX; };

    // A group spans the adjacent columns that name it, over their own headings; a column
    // without a group spans both header rows.
    TableHeader head;
    const bool grouped = std::any_of(a.columns.begin(), a.columns.end(),
                                     [](const Column& c) { return !doc_text(c.group).empty(); });
    const Font head_font{kTableHeadingSize, true, false};
    for (std::size_t c = 0; c < ncol;) {
        const std::string& group = doc_text(a.columns[c].group);
        if (group.empty()) {
            head.cells.push_back({c, c + 1, 0, grouped ? 2 : 1,
                                  text(doc_text(a.columns[c].heading), head_font, inner(c, c + 1), Align::Center)});
            ++c;
            continue;
        }
        std::size_t end = c + 1;
        while (end < ncol && doc_text(a.columns[end].group) == group) ++end;
        head.cells.push_back({c, end, 0, 1, text(group, head_font, inner(c, end), Align::Center)});
        for (std::size_t k = c; k < end; ++k)
            head.cells.push_back(
                {k, k + 1, 1, 2, text(doc_text(a.columns[k].heading), head_font, inner(k, k + 1), Align::Center)});
        c = end;
    }
    head.rows.assign(grouped ? 2 : 1, 0);
    for (const auto& cell : head.cells)
        if (cell.row1 - cell.row0 == 1) {
            double& h = head.rows[static_cast<std::size_t>(cell.row0)];
            h = std::max(h, cell.text.height() + 2 * kCellPadY);
        }
    for (const auto& cell : head.cells)
        if (cell.row1 - cell.row0 == 2)
            head.rows[1] = std::max(head.rows[1], cell.text.height() + 2 * kCellPadY - head.rows[0]);

    auto box = [&](double x0, double y0, double x1, double y1) {
        cairo_set_line_width(cr_, kBorderWidth);
        cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
        cairo_stroke(cr_);
    };
    auto draw_header = [&] {
        std::vector<double> row_y{y_};
        for (double h : head.rows) row_y.push_back(row_y.back() + h);
        for (const auto& cell : head.cells) {
            const double y0 = row_y[static_cast<std::size_t>(cell.row0)];
            const double y1 = row_y[static_cast<std::size_t>(cell.row1)];
            draw(cell.text, x[cell.col0] + kCellPadX, y0 + (y1 - y0 - cell.text.height()) / 2);
            box(x[cell.col0], y0, x[cell.col1], y1);
        }
        y_ = row_y.back();
    };

    struct Row {
        std::vector<Text> cells;
        std::vector<double> indents;
        double height = 0;
    };
    std::vector<Row> rows;
    rows.reserve(a.rows.size());
    for (const AppendixRow& row : a.rows) {
        const Font font{kTableSize, row.group || row.heading, false};
        Row r;
        for (std::size_t c = 0; c < ncol; ++c) {
            const ColumnKind kind = a.columns[c].kind;
            const double indent = kind == ColumnKind::Label && row.depth > 1 ? kDepthIndent * (row.depth - 1) : 0;
            const std::string& s = c < row.cells.size() ? row.cells[c] : std::string();
            r.cells.push_back(text(s, font, inner(c, c + 1) - indent, cell_align(kind)));
            r.indents.push_back(indent);
            r.height = std::max(r.height, r.cells.back().height());
        }
        r.height += 2 * kCellPadY;
        rows.push_back(std::move(r));
    }

    ensure_room(head.height() + (rows.empty() ? 0 : rows.front().height));
    draw_header();
    int rows_on_page = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const AppendixRow& row = a.rows[i];
        const Row& r = rows[i];
        // Rows never split: a row that does not fit starts the next page, under the header
        // again, with the rows it keeps with (a heading and the row under it; the last two).
        double need = r.height;
        for (std::size_t j = i; j < i + 4 && a.keeps_with_next(j); ++j) need += rows[j + 1].height;
        if (y_ + need > kContentBottom + kEpsilon && rows_on_page > 0) {
            new_page();
            draw_header();
            rows_on_page = 0;
        }
        for (std::size_t c = 0; c < ncol; ++c) {
            if (row.computed && static_cast<int>(c) == a.value_column) {
                cairo_set_source_rgb(cr_, 0xF2 / 255.0, 0xF2 / 255.0, 0xF2 / 255.0);
                cairo_rectangle(cr_, x[c], y_, x[c + 1] - x[c], r.height);
                cairo_fill(cr_);
                cairo_set_source_rgb(cr_, 0, 0, 0);
            }
            draw(r.cells[c], x[c] + kCellPadX + r.indents[c], y_ + (r.height - r.cells[c].height()) / 2);
            box(x[c], y_, x[c + 1], y_ + r.height);
        }
        y_ += r.height;
        ++rows_on_page;
        ++work_done_;
    }
    y_ += 12;
}

void Writer::justifications(const std::vector<JustificationLine>& lines) {
    // The document's language is Vietnamese whatever the UI's: these are document texts.
    const Text head = text(kJustificationsHeading, {kBodySize, true, false}, kContentWidth, Align::Justify,
                           kFirstLineIndent, kBodySpacing);
    std::vector<Text> items;
    for (const JustificationLine& j : lines) {
        const std::string lead = "- " + j.message;
        items.push_back(text(lead + " Giải trình: " + j.text, {kBodySize, false, false}, kContentWidth,
                             Align::Justify, 0, kBodySpacing, lead.size() + 1));
    }
    space(kHeadingBefore);
    ensure_room(head.height() + kParagraphAfter + (items.empty() ? 0 : 2 * items.front().pitch));
    outline(kJustificationsHeading, 0);
    flow(head);
    y_ += kParagraphAfter;
    for (const Text& item : items) {
        flow(item);
        y_ += kParagraphAfter;
    }
}

class PdfExporter final : public Exporter {
public:
    std::string id() const override { return "pdf"; }
    std::string extension() const override { return "pdf"; }
    schema::LocalText label() const override { return {"Tài liệu PDF", "PDF document"}; }
    Status write(const ExportInput& in, const std::string& path, const Progress& progress) const override {
        return write_pdf(in.document, path, progress);
    }
};

}  // namespace

Status write_pdf(const ExportDocument& doc, const std::string& path, const Progress& progress,
                 const PdfOptions& options) {
    Result<PdfFont> font = resolve_pdf_font(options.font_family);
    if (!font) return Status::fail(font.error());

    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        const std::string why = cairo_status_to_string(cairo_surface_status(surface));
        cairo_surface_destroy(surface);
        return Status::fail(trf("Không tạo được tệp PDF \"{}\": {}.", path, why));
    }
    const std::string title = clean_text(doc.header.title + " " + doc.header.summary);
    const std::string author = clean_text(doc.header.issuing_body);
    const std::string subject = clean_text(doc.header.summary);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ReportBench");

    const int work = static_cast<int>(doc.body.size() + doc.appendix.rows.size()) + 1;
    int pages = 0;
    {
        Writer w(surface, font->family, progress, work);
        w.write(doc);
        pages = w.pages();
    }
    cairo_surface_finish(surface);  // writes the file: fonts, pages, trailer
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return Status::fail(trf("Không ghi được tệp PDF \"{}\": {}.", path, cairo_status_to_string(status)));
    spdlog::debug("PDF written: {} ({} pages, font {})", path, pages, font->family);
    if (progress) progress(1.0, tr("Đã ghi tệp PDF"));
    return ok_status();
}

std::shared_ptr<const Exporter> make_pdf_exporter() { return std::make_shared<PdfExporter>(); }

}  // namespace rb::exporting
