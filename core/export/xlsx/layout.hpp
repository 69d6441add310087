#pragma once
// Internal to the XLSX writer and reader: where the sheet we write puts things, so that the
// reader finds every value of our own export again. Rows are 1-based and columns 0-based, as
// in cell names ("D8" is row 8, column 3).
//
//   rows 1..4   issuing body, "Phụ lục …", title, subtitle (row 5 is left empty)
//   rows 6..7   column headings: two rows when a column has a group heading ("Kết quả thống
//               kê" over "Đơn vị tính" and "Số liệu"), else one
//   row 8 …     the table, one row per table row of the profile, in order
//
// A profile's sheet.first_row moves the table (headings right above it; title lines that do
// not fit are left out, the issuing body first). The value of table row i sits in row
// first_row + i, in the column of the profile's value column.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/profile.hpp"
#include "schema/report_type.hpp"

namespace rb::exporting::xlsx_layout {

inline constexpr int kHeaderFirstRow = 6;
inline constexpr int kMaxRow = 1048576;  // Excel's limits
inline constexpr int kMaxColumn = 16384;
// A custom document property that marks a workbook as laid out by this writer.
inline constexpr const char* kLayoutProperty = "ReportBench.layout";
inline constexpr const char* kLayoutValue = "appendix-table-1";

struct Geometry {
    int header_first_row = kHeaderFirstRow;
    int header_rows = 1;
    int first_row = 8;   // first table row
    int value_column = -1;
    int title_rows = 4;  // title lines that fit above the headings, an empty row apart (at most 4)
};

// The profile's columns, or the default ones when it names none.
std::vector<Column> columns_of(const RecipientProfile& p, const schema::ReportType& type);
Geometry geometry(const std::vector<Column>& columns, const SheetLayout& sheet);

// One row of the table the writer lays out for a profile (the rows build_document makes).
struct TableRow {
    std::string code;                 // indicator or group code; empty for a heading of the profile
    const schema::Indicator* indicator = nullptr;
    std::string cell;                 // the profile's explicit cell, if any
};
std::vector<TableRow> table_rows(const RecipientProfile& p, const schema::ReportType& type);

std::string cell_name(int row, int column);  // (8, 3) → "D8"
// "D8", "$D$8", "d8" → row 8, column 3. Fails outside Excel's grid.
bool parse_cell(std::string_view ref, int& row, int& column);

// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, not empty.
std::string sheet_name(const std::string& wanted);

}  // namespace rb::exporting::xlsx_layout
