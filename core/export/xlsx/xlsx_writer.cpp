#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "export/xlsx/layout.hpp"
#include "export/xlsx/xlsx.hpp"
#include "expr/spreadsheet.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"

namespace rb::exporting {
namespace {

namespace L = xlsx_layout;
using schema::ValueType;

// What the recipients' Word and Excel have; libxlsxwriter would otherwise write Calibri.
constexpr const char* kFont = "Times New Roman";
constexpr lxw_color_t kComputedFill = 0xF2F2F2;
// Number formats tagged vi-VN (LCID 0x42A): LibreOffice then prints "1.034" and "16,67%"
// whatever the machine's locale; Excel uses the system's separators (Vietnamese Windows: the
// same).
constexpr const char* kViLocale = "[$-42A]";
constexpr double kBodyPt = 12;
// The Text number format: typed "=…" stays text when the cell is edited.
const std::string kTextFormat = "@";

struct Style {
    double size = kBodyPt;
    bool bold = false, italic = false, border = true, wrap = false, shrink = false, shaded = false, unlocked = false;
    std::uint8_t align = LXW_ALIGN_LEFT;
    std::uint8_t indent = 0;
    std::string num_format;  // "@" for text: typed "=…" stays text when the cell is edited

    std::string key() const {
        return fmt::format("{}|{}{}{}{}{}{}{}|{}|{}|{}", size, bold, italic, border, wrap, shrink, shaded, unlocked, align,
                           indent, num_format);
    }
};

// Formats are shared: one per distinct style, created on first use.
class Formats {
public:
    explicit Formats(lxw_workbook* wb) : wb_(wb) {}

    lxw_format* get(const Style& s) {
        auto [it, fresh] = cache_.try_emplace(s.key(), nullptr);
        if (!fresh) return it->second;
        lxw_format* f = workbook_add_format(wb_);
        format_set_font_name(f, kFont);
        format_set_font_size(f, s.size);
        if (s.bold) format_set_bold(f);
        if (s.italic) format_set_italic(f);
        if (s.border) format_set_border(f, LXW_BORDER_THIN);
        if (s.wrap) format_set_text_wrap(f);
        if (s.shrink) format_set_shrink(f);
        if (s.shaded) {
            format_set_pattern(f, LXW_PATTERN_SOLID);
            format_set_bg_color(f, kComputedFill);
        }
        if (s.unlocked) format_set_unlocked(f);
        format_set_align(f, s.align);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (s.indent) format_set_indent(f, s.indent);
        // "@" is the built-in Text format (49); as a custom code some readers would not know it.
        if (s.num_format == kTextFormat) format_set_num_format_index(f, 49);
        else if (!s.num_format.empty()) format_set_num_format(f, s.num_format.c_str());
        it->second = f;
        return f;
    }

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> cache_;
};

std::string zeros(int n) { return std::string(static_cast<std::size_t>(std::clamp(n, 0, 15)), '0'); }

std::string number_format(ValueType type, int decimals) {
    switch (type) {
        // Built by appending: GCC 12 warns falsely (-Wrestrict) on operator+ chains at -O2.
        case ValueType::Percent: {
            std::string f = kViLocale;
            f.append(decimals > 0 ? "0." : "0").append(zeros(decimals)).append("%");
            return f;
        }
        case ValueType::Decimal: {
            std::string f = kViLocale;
            f.append(decimals > 0 ? "#,##0." : "#,##0").append(zeros(decimals));
            return f;
        }
        case ValueType::YesNo:
        case ValueType::Choice: return "0";
        default: return std::string(kViLocale) + "#,##0";
    }
}

bool numeric(ValueType t) { return t != ValueType::Text && t != ValueType::Date; }

std::uint8_t column_align(ColumnKind k) {
    switch (k) {
        case ColumnKind::Stt:
        case ColumnKind::Unit: return LXW_ALIGN_CENTER;
        case ColumnKind::Value: return LXW_ALIGN_RIGHT;
        default: return LXW_ALIGN_LEFT;
    }
}

double default_width_mm(ColumnKind k) {
    switch (k) {
        case ColumnKind::Stt: return 12;
        case ColumnKind::Label: return 90;
        case ColumnKind::Code: return 20;
        default: return 25;
    }
}

// Row heights are set, not left to the reader: LibreOffice does not fit rows to wrapped text
// when it opens an .xlsx, and merged cells grow in neither Excel nor LibreOffice. An estimate
// from the text's length in Times New Roman (average advance, spaces included, about 0.42 of
// the size as measured on the seed's labels; 0.58 for capitals) and the column's width less its padding; words wrapping whole lose a little.
double wrapped_height_pt(const std::string& text, double width_mm, double size_pt, bool capitals) {
    const double char_mm = size_pt * 0.3528 * (capitals ? 0.58 : 0.42);
    const double per_line = std::max(1.0, (width_mm - 1.5) / char_mm * 0.97);
    double lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {  // explicit line breaks start a new line
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const double chars = static_cast<double>(locale::to_u32(text.substr(start, end - start)).size());
        lines += std::max(1.0, std::ceil(chars / per_line));
        start = end + 1;
    }
    return std::max(1.0, lines) * size_pt * 1.3;
}

// A title that takes two lines, broken where its halves are even: "… BÁO CÁO / CẢI CÁCH … CẤP
// XÃ" rather than a full line over "XÃ" alone. Unchanged when it fits on one line or needs more.
std::string balanced_title(const std::string& text, double width_mm, double size_pt, bool capitals) {
    const double one_line = size_pt * 1.3;
    if (text.find('\n') != std::string::npos || wrapped_height_pt(text, width_mm, size_pt, capitals) != 2 * one_line)
        return text;
    const std::u32string u = locale::to_u32(text);
    std::size_t best = std::u32string::npos;
    for (std::size_t i = 0; i < u.size(); ++i)
        if (u[i] == U' ' && (best == std::u32string::npos ||
                             std::abs(static_cast<long>(2 * i) - static_cast<long>(u.size())) <
                                 std::abs(static_cast<long>(2 * best) - static_cast<long>(u.size()))))
            best = i;
    if (best == std::u32string::npos) return text;
    return locale::from_u32(u.substr(0, best)) + "\n" + locale::from_u32(u.substr(best + 1));
}

class SheetWriter {
public:
    SheetWriter(const ExportDocument& doc, const RecipientProfile& profile, lxw_workbook* wb, lxw_worksheet* ws)
        : doc_(doc), a_(doc.appendix), profile_(profile), ws_(ws), formats_(wb), wb_(wb),
          geometry_(L::geometry(a_.columns, profile.sheet)) {}

    Status write(const Progress& progress) {
        if (a_.columns.empty()) return Status::fail(tr("bảng phụ lục không có cột nào"));
        if (geometry_.header_first_row < 1)
            return Status::fail(trf("hồ sơ đặt bảng bắt đầu ở dòng {}, không đủ chỗ cho dòng tiêu đề cột",
                                    profile_.sheet.first_row));
        const long last = static_cast<long>(geometry_.first_row) + static_cast<long>(a_.rows.size()) - 1;
        if (last > L::kMaxRow) return Status::fail(tr("bảng phụ lục vượt quá số dòng tối đa của bảng tính"));
        columns();
        titles();
        headings();
        map_cells();
        for (std::size_t i = 0; i < a_.rows.size(); ++i) {
            row(a_.rows[i], geometry_.first_row + static_cast<int>(i) - 1);
            if (progress && i % 32 == 0)
                progress(0.1 + 0.8 * static_cast<double>(i) / static_cast<double>(a_.rows.size()),
                         tr("Đang ghi bảng số liệu"));
        }
        page_setup();
        return ok_status();
    }

private:
    int last_col() const { return static_cast<int>(a_.columns.size()) - 1; }

    double width_mm(std::size_t c) const {
        return a_.columns[c].width_mm > 0 ? a_.columns[c].width_mm : default_width_mm(a_.columns[c].kind);
    }

    double total_width_mm() const {
        double w = 0;
        for (std::size_t c = 0; c < a_.columns.size(); ++c) w += width_mm(c);
        return w;
    }

    void columns() {
        for (std::size_t c = 0; c < a_.columns.size(); ++c) {
            const auto px = static_cast<std::uint16_t>(std::lround(width_mm(c) * 96.0 / 25.4));
            worksheet_set_column_pixels(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), px, nullptr);
        }
    }

    void merged_line(int row0, const std::string& text, const Style& s, bool capitals) {
        if (last_col() > 0)
            worksheet_merge_range(ws_, static_cast<lxw_row_t>(row0), 0, static_cast<lxw_row_t>(row0),
                                  static_cast<lxw_col_t>(last_col()), text.c_str(), formats_.get(s));
        else
            worksheet_write_string(ws_, static_cast<lxw_row_t>(row0), 0, text.c_str(), formats_.get(s));
        worksheet_set_row(ws_, static_cast<lxw_row_t>(row0),
                          wrapped_height_pt(text, total_width_mm(), s.size, capitals), nullptr);
    }

    // Issuing body, "Phụ lục …", title, subtitle; those that do not fit above a table the
    // profile moved up are left out, the issuing body first.
    void titles() {
        struct Line {
            std::string text;
            Style style;
            bool capitals;
            int rank;  // the line's place in the full block
        };
        Style body;
        body.border = false;
        body.bold = true;
        body.size = 12;
        body.num_format = kTextFormat;
        Style number = body;
        number.size = 14;
        number.align = LXW_ALIGN_CENTER;
        Style title = number;
        title.size = 13;
        title.wrap = true;
        Style sub = title;
        sub.bold = false;
        sub.italic = true;
        std::vector<Line> lines = {{doc_.header.issuing_body, body, true, 0},
                                   {a_.number_line, number, false, 1},
                                   {a_.title, title, true, 2},
                                   {a_.subtitle, sub, false, 3}};
        // What gives way when the lines do not all fit: the issuing body, then the subtitle, then
        // the "Phụ lục …" line; the title stays.
        const std::size_t fit = static_cast<std::size_t>(geometry_.title_rows);
        for (const int give_way : {0, 3, 1, 2}) {
            if (lines.size() <= fit) break;
            const auto it = std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return l.rank == give_way; });
            if (it != lines.end()) lines.erase(it);
        }
        for (auto& l : lines)
            if (l.rank == 2) l.text = balanced_title(l.text, total_width_mm(), l.style.size, l.capitals);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].text.empty()) continue;
            merged_line(static_cast<int>(i), lines[i].text, lines[i].style, lines[i].capitals);
        }
    }

    void headings() {
        Style h;
        h.bold = true;
        h.wrap = true;
        h.align = LXW_ALIGN_CENTER;
        h.num_format = kTextFormat;
        lxw_format* f = formats_.get(h);
        const auto top = static_cast<lxw_row_t>(geometry_.header_first_row - 1);
        const auto bottom = static_cast<lxw_row_t>(top + geometry_.header_rows - 1);
        for (std::size_t c = 0; c < a_.columns.size();) {
            const Column& col = a_.columns[c];
            const auto cc = static_cast<lxw_col_t>(c);
            if (col.group.vi.empty()) {
                if (bottom > top) worksheet_merge_range(ws_, top, cc, bottom, cc, col.heading.vi.c_str(), f);
                else worksheet_write_string(ws_, top, cc, col.heading.vi.c_str(), f);
                ++c;
                continue;
            }
            // A group heading spans this column and the following ones of the same group.
            std::size_t end = c;
            while (end + 1 < a_.columns.size() && a_.columns[end + 1].group.vi == col.group.vi) ++end;
            if (end > c) worksheet_merge_range(ws_, top, cc, top, static_cast<lxw_col_t>(end), col.group.vi.c_str(), f);
            else worksheet_write_string(ws_, top, cc, col.group.vi.c_str(), f);
            for (std::size_t k = c; k <= end; ++k)
                worksheet_write_string(ws_, bottom, static_cast<lxw_col_t>(k), a_.columns[k].heading.vi.c_str(), f);
            c = end + 1;
        }
        double tallest = 0;
        for (std::size_t c = 0; c < a_.columns.size(); ++c)
            tallest = std::max(tallest, wrapped_height_pt(a_.columns[c].heading.vi, width_mm(c), kBodyPt, false));
        worksheet_set_row(ws_, bottom, tallest, nullptr);
    }

    // The value cell of every row that holds a number, for the formulas.
    void map_cells() {
        if (geometry_.value_column < 0) return;
        for (std::size_t i = 0; i < a_.rows.size(); ++i) {
            const AppendixRow& r = a_.rows[i];
            if (r.code.empty() || r.heading || !numeric(r.type)) continue;
            cells_[r.code] = {L::cell_name(geometry_.first_row + static_cast<int>(i), geometry_.value_column),
                              r.type == ValueType::Percent};
        }
    }

    static int indent_of(const AppendixRow& r) { return std::clamp(r.depth - 1, 0, 4); }

    void text_cell(lxw_row_t r, lxw_col_t c, const std::string& text, const Style& s) {
        // Written as a string, never a formula; the "@" format keeps "=…", "+1", "-2" or
        // "@SUM(…)" text when someone edits the cell later.
        if (text.empty()) worksheet_write_blank(ws_, r, c, formats_.get(s));
        else worksheet_write_string(ws_, r, c, text.c_str(), formats_.get(s));
    }

    void row(const AppendixRow& r, int row0) {
        const auto rr = static_cast<lxw_row_t>(row0);
        double height = 0;
        for (std::size_t c = 0; c < a_.columns.size(); ++c) {
            const ColumnKind kind = a_.columns[c].kind;
            // A figure shrinks to fit; a value that is words ("không phát sinh") wraps instead,
            // at the table's size, and its lines count for the row's height.
            const bool value_words = kind == ColumnKind::Value && !r.number && !r.heading;
            if ((kind == ColumnKind::Value && !value_words) || kind == ColumnKind::Stt || c >= r.cells.size()) continue;
            const bool capitals = r.group && kind == ColumnKind::Label;
            // An indent level takes about 2 mm of the label's width.
            const double indent_mm = kind == ColumnKind::Label ? 2.0 * indent_of(r) : 0.0;
            height = std::max(height, wrapped_height_pt(r.cells[c], width_mm(c) - indent_mm, kBodyPt, capitals));
        }
        worksheet_set_row(ws_, rr, height, nullptr);
        for (std::size_t c = 0; c < a_.columns.size(); ++c) {
            const ColumnKind kind = a_.columns[c].kind;
            const auto cc = static_cast<lxw_col_t>(c);
            const std::string& text = c < r.cells.size() ? r.cells[c] : empty_;
            Style s;
            s.bold = r.group || r.heading;  // as the document prints them
            s.align = column_align(kind);
            // Text wraps within the row height set above; a number ("3.3.1", a figure, or
            // "không phát sinh" in a narrow figure column) shrinks to fit on one line instead.
            s.wrap = kind != ColumnKind::Value && kind != ColumnKind::Stt;
            s.shrink = !s.wrap;
            if (kind == ColumnKind::Label) s.indent = static_cast<std::uint8_t>(indent_of(r));
            if (kind == ColumnKind::Value && !r.heading) {
                value_cell(r, rr, cc, text, s);
                continue;
            }
            s.num_format = kTextFormat;
            // The note of an indicator is the user's to edit.
            s.unlocked = kind == ColumnKind::Note && !r.code.empty() && !r.heading;
            text_cell(rr, cc, text, s);
        }
    }

    void value_cell(const AppendixRow& r, lxw_row_t rr, lxw_col_t cc, const std::string& text, Style s) {
        s.shaded = r.computed;
        s.unlocked = !r.computed;
        if (!r.number) {  // words, not a figure: wrapped at full size (the row is tall enough)
            s.wrap = true;
            s.shrink = false;
        }
        if (!numeric(r.type)) {
            s.num_format = kTextFormat;
            text_cell(rr, cc, text, s);
            return;
        }
        const bool percent = r.type == ValueType::Percent;
        // As the document prints it: an integral percent without decimals ("100%"), any other
        // with the indicator's ("16,67%") — whatever value the formula gives once the sheet is
        // edited: the decimals are the cell's format, and a conditional format drops them
        // while the value is a whole percent.
        s.num_format = number_format(r.type, r.decimals);
        lxw_format* f = formats_.get(s);
        if (percent && r.decimals > 0) whole_percent_without_decimals(rr, cc);
        std::optional<double> stored;
        if (r.number) stored = percent ? *r.number / 100.0 : *r.number;
        if (r.computed && !r.formula.empty()) {
            auto formula = translate(r);
            // A rate shown with its parts whose rows the sheet leaves out: the parts themselves,
            // so that the cell still shows how the rate is made ("=184/184").
            if (!formula && r.parts && r.parts->second != 0)
                formula = fmt::format("{}/{}", r.parts->first, r.parts->second);
            if (formula) {
                const std::string eq = "=" + *formula;
                // The cached result: LibreOffice does not recalculate on load, other readers never.
                if (stored) worksheet_write_formula_num(ws_, rr, cc, eq.c_str(), f, *stored);
                else worksheet_write_formula_str(ws_, rr, cc, eq.c_str(), f, text.c_str());
                return;
            }
        }
        if (stored) worksheet_write_number(ws_, rr, cc, *stored, f);
        else if (text.empty()) worksheet_write_blank(ws_, rr, cc, f);
        else worksheet_write_string(ws_, rr, cc, text.c_str(), f);
    }

    void whole_percent_without_decimals(lxw_row_t rr, lxw_col_t cc) {
        if (!whole_percent_) {
            whole_percent_ = workbook_add_format(wb_);
            format_set_num_format(whole_percent_, number_format(ValueType::Percent, 0).c_str());
        }
        const std::string cell = L::cell_name(static_cast<int>(rr) + 1, static_cast<int>(cc));
        std::string test = "ABS(" + cell + "*100-ROUND(" + cell + "*100,0))<1E-9";
        lxw_conditional_format cf{};
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = test.data();
        cf.format = whole_percent_;
        worksheet_conditional_format_cell(ws_, rr, cc, &cf);
    }

    std::optional<std::string> translate(const AppendixRow& r) const {
        auto parsed = expr::Expr::parse(r.formula);
        if (!parsed) return std::nullopt;
        expr::SpreadsheetOptions o;
        o.not_applicable_text = tr("không phát sinh");  // what the document prints for it
        o.result_as_fraction = r.type == ValueType::Percent;
        auto f = expr::to_spreadsheet_formula(
            *parsed,
            [&](std::string_view code) -> std::optional<expr::SheetCell> {
                if (auto it = cells_.find(code); it != cells_.end()) return it->second;
                return std::nullopt;
            },
            o);
        // A formula over rows the profile leaves out, or over prev(): the value alone.
        if (!f) return std::nullopt;
        return *f;
    }

    void page_setup() {
        worksheet_set_paper(ws_, 9);  // A4
        worksheet_set_portrait(ws_);
        // Nghị định 30/2020: left 30 mm, right 15 mm, top and bottom 20 mm (in inches here).
        worksheet_set_margins(ws_, 30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4);
        worksheet_repeat_rows(ws_, static_cast<lxw_row_t>(geometry_.header_first_row - 1),
                              static_cast<lxw_row_t>(geometry_.first_row - 2));
        worksheet_fit_to_pages(ws_, 1, 0);
        // The decree's page numbers: 13 pt, centred in the top margin, none on the first page
        // (differentFirst is set once the file is written: libxlsxwriter has no call for it).
        worksheet_set_header(ws_, "&C&\"Times New Roman,Regular\"&13&P");
        worksheet_center_horizontally(ws_);
        // Computed cells are locked; entered values and notes stay editable. No password:
        // protection guards against slips, not people.
        lxw_protection options{};
        options.format_columns = 1;
        options.format_rows = 1;
        worksheet_protect(ws_, nullptr, &options);
        worksheet_freeze_panes(ws_, static_cast<lxw_row_t>(geometry_.first_row - 1), 0);
    }

    const ExportDocument& doc_;
    const Appendix& a_;
    const RecipientProfile& profile_;
    lxw_worksheet* ws_;
    Formats formats_;
    lxw_workbook* wb_;
    lxw_format* whole_percent_ = nullptr;  // the conditional format of a whole percent
    L::Geometry geometry_;
    std::map<std::string, expr::SheetCell, std::less<>> cells_;
    const std::string empty_;
};

class XlsxExporter final : public Exporter {
public:
    std::string id() const override { return "xlsx"; }
    std::string extension() const override { return "xlsx"; }
    schema::LocalText label() const override { return {"Bảng tính Excel (XLSX)", "Excel workbook (XLSX)"}; }
    Status write(const ExportInput& in, const std::string& path, const Progress& progress) const override {
        return write_xlsx(in.document, in.profile, path, progress);
    }
};

// Marks the sheet's header as different on the first page, which then has none, as the decree
// numbers pages from the second on.
Status number_pages_from_the_second(const std::string& path) {
    int code = 0;
    zip_t* z = zip_open(path.c_str(), 0, &code);
    if (!z) return Status::fail(trf("Không ghi được bảng tính {}", path));
    const char* part = "xl/worksheets/sheet1.xml";
    std::string xml;
    if (zip_file_t* f = zip_fopen(z, part, 0)) {
        char buf[16384];
        for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) xml.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    const auto at = xml.find("<headerFooter");
    if (at == std::string::npos) {
        zip_discard(z);
        return Status::fail(trf("Không ghi được bảng tính {}", path));
    }
    xml.insert(at + 13, " differentFirst=\"1\"");
    // libzip reads the buffer when the archive closes; `xml` lives until then.
    zip_source_t* src = zip_source_buffer(z, xml.data(), xml.size(), 0);
    if (!src || zip_file_add(z, part, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
        if (src) zip_source_free(src);
        zip_discard(z);
        return Status::fail(trf("Không ghi được bảng tính {}", path));
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        return Status::fail(trf("Không ghi được bảng tính {}", path));
    }
    return ok_status();
}

}  // namespace

Status write_xlsx(const ExportDocument& doc, const RecipientProfile& profile, const std::string& path,
                  const Progress& progress) {
    if (progress) progress(0.0, tr("Đang tạo bảng tính"));
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) return Status::fail(trf("Không tạo được bảng tính {}", path));
    // The workbook's Normal style (the first format): cells a user adds later are Times New
    // Roman too. libxlsxwriter has no call for it; the list is part of its public struct.
    if (lxw_format* normal = STAILQ_FIRST(wb->formats)) format_set_font_name(normal, kFont);
    const std::string name = xlsx_layout::sheet_name(profile.sheet.name);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) {
        workbook_close(wb);
        return Status::fail(trf("Tên trang tính không hợp lệ: “{}”", name));
    }
    lxw_doc_properties props{};
    // libxlsxwriter takes char*; these strings outlive the workbook.
    std::string title = doc.appendix.number_line + " - " + doc.appendix.title;
    std::string company = doc.header.issuing_body;
    props.title = title.data();
    props.company = company.data();
    workbook_set_properties(wb, &props);
    workbook_set_custom_property_string(wb, xlsx_layout::kLayoutProperty, xlsx_layout::kLayoutValue);

    SheetWriter writer(doc, profile, wb, ws);
    const Status written = writer.write(progress);
    if (progress) progress(0.9, tr("Đang lưu bảng tính"));
    const lxw_error closed = workbook_close(wb);  // writes the file, frees the workbook
    if (!written) {
        std::remove(path.c_str());  // no half-written table left behind
        return written;
    }
    if (closed != LXW_NO_ERROR) return Status::fail(trf("Không ghi được bảng tính {}: {}", path, lxw_strerror(closed)));
    if (auto numbered = number_pages_from_the_second(path); !numbered) {
        std::remove(path.c_str());
        return numbered;
    }
    if (progress) progress(1.0, tr("Đã ghi bảng tính"));
    return ok_status();
}

std::shared_ptr<const Exporter> make_xlsx_exporter() { return std::make_shared<XlsxExporter>(); }

}  // namespace rb::exporting
