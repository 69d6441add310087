#pragma once
// Reading a recipient's workbook back: the values of a report's indicators, from the cells a
// recipient profile names (or, for our own exports, where the XLSX writer put them). Debian
// has no XLSX reader library, so this reads the parts itself (libzip + pugixml): the workbook,
// its relationships, shared strings, styles (to tell a percent cell) and one worksheet.
//
// Hostile files are refused with a message, never a crash: not a zip, missing or malformed
// parts, parts that inflate past a cap (zip bombs), cell references outside Excel's grid.
#include <string>
#include <vector>

#include "base/result.hpp"
#include "export/profile.hpp"
#include "schema/report_type.hpp"

namespace rb::exporting {

struct SheetValue {
    std::string code;
    std::string value;  // canonical, as a report stores it ("1034", "16.67"); "" for an empty cell
    std::string typed;  // what the cell holds ("1034", "0.1667", "1.034" typed as text)
    std::string cell;   // "D12"
};

struct CellProblem {
    std::string code;
    std::string cell;     // "D12" (may be the profile's text when it is not a cell name)
    std::string message;  // in the user's language, naming the cell
    bool ignored = false; // a computed row that differs from ours: reported, not an error
};

struct SheetImport {
    std::string sheet;                // the worksheet read
    bool sheet_found_by_name = false; // false: the profile's sheet was missing, the first was read
    std::vector<SheetValue> values;   // entered indicators in table order, empty cells included
    std::vector<CellProblem> problems;
};

// Limits on what a workbook may inflate to.
inline constexpr std::size_t kMaxXlsxPartBytes = 64u << 20;
inline constexpr std::size_t kMaxXlsxTotalBytes = 160u << 20;

// Where each value is: the profile row's `cell`, else the layout the XLSX writer uses (see
// docs/export-xlsx.md): row sheet.first_row (or 8, or 7 without group headings) plus the
// row's position in the table, column of the value column. A workbook our writer made (its
// custom property ReportBench.layout) is always read by that layout. Numbers are taken as
// numbers; a percent cell (a % format) holds a fraction, 0.1667 → 16.67; text is read as staff
// type it ("1.034", "16,67%"). Computed rows are not imported.
Result<SheetImport> import_appendix_xlsx(const std::string& path, const RecipientProfile& profile,
                                         const schema::ReportType& type);

}  // namespace rb::exporting
