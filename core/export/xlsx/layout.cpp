#include "export/xlsx/layout.hpp"

#include <algorithm>

#include "locale/vi.hpp"

namespace rb::exporting::xlsx_layout {

std::vector<Column> columns_of(const RecipientProfile& p, const schema::ReportType& type) {
    return p.columns.empty() ? default_profile(type).columns : p.columns;
}

Geometry geometry(const std::vector<Column>& columns, const SheetLayout& sheet) {
    Geometry g;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].kind == ColumnKind::Value && g.value_column < 0) g.value_column = static_cast<int>(c);
        if (!columns[c].group.vi.empty()) g.header_rows = 2;
    }
    g.first_row = kHeaderFirstRow + g.header_rows;
    if (sheet.first_row > 0) {
        g.first_row = sheet.first_row;
        g.header_first_row = sheet.first_row - g.header_rows;
        // One empty row between the title lines and the headings, as in our own layout.
        g.title_rows = std::clamp(g.header_first_row - 2, 0, 4);
    }
    return g;
}

std::vector<TableRow> table_rows(const RecipientProfile& p, const schema::ReportType& type) {
    std::vector<TableRow> rows;
    if (p.rows.empty()) {
        std::string current_group;
        for (const auto& ind : type.indicators) {
            if (!p.include_supplementary) {
                const auto* g = type.group(ind.group);
                if (ind.supplementary || (g && g->supplementary)) continue;
            }
            if (ind.group != current_group) {
                current_group = ind.group;
                if (type.group(ind.group)) rows.push_back({ind.group, nullptr, {}});
            }
            if (!ind.caption.vi.empty()) rows.push_back({{}, nullptr, {}});  // the caption's row above it
            rows.push_back({ind.code, &ind, {}});
        }
        return rows;
    }
    for (const auto& pr : p.rows) {
        if (pr.code.empty()) rows.push_back({{}, nullptr, {}});
        else if (const auto* ind = type.indicator(pr.code)) {
            if (!ind->caption.vi.empty()) rows.push_back({{}, nullptr, {}});
            rows.push_back({pr.code, ind, pr.cell});
        }
        else if (type.group(pr.code)) rows.push_back({pr.code, nullptr, pr.cell});
        // build_document leaves out codes the type does not know; so does the table.
    }
    return rows;
}

std::string cell_name(int row, int column) {
    std::string letters;
    for (int c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

bool parse_cell(std::string_view ref, int& row, int& column) {
    std::size_t i = 0;
    if (i < ref.size() && ref[i] == '$') ++i;
    long col = 0;
    std::size_t letters = 0;
    for (; i < ref.size() && letters < 4; ++i, ++letters) {
        char ch = ref[i];
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z') break;
        col = col * 26 + (ch - 'A' + 1);
    }
    if (letters == 0 || col > kMaxColumn) return false;
    if (i < ref.size() && ref[i] == '$') ++i;
    long r = 0;
    std::size_t digits = 0;
    for (; i < ref.size() && digits < 8; ++i, ++digits) {
        if (ref[i] < '0' || ref[i] > '9') return false;
        r = r * 10 + (ref[i] - '0');
    }
    if (digits == 0 || i != ref.size() || r < 1 || r > kMaxRow) return false;
    row = static_cast<int>(r);
    column = static_cast<int>(col - 1);
    return true;
}

std::string sheet_name(const std::string& wanted) {
    std::string name;
    for (char c : wanted) name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
    std::u32string cps = locale::to_u32(locale::to_nfc(name));
    while (!cps.empty() && (cps.front() == U'\'' || cps.front() == U' ')) cps.erase(cps.begin());
    if (cps.size() > 31) cps.resize(31);
    while (!cps.empty() && (cps.back() == U'\'' || cps.back() == U' ')) cps.pop_back();
    if (cps.empty()) return "Phụ lục";
    return locale::from_u32(cps);
}

}  // namespace rb::exporting::xlsx_layout
