#pragma once
// The appendix as CSV, for spreadsheet users: UTF-8 with a byte order mark (so that Excel
// reads Vietnamese), CRLF line ends, commas, RFC 4180 quoting. One heading line with the
// profile's columns, then one line per appendix row with the cells as staff write them
// ("1.034", "16,67%"), then two machine-oriented columns: the indicator's code (unless the
// profile already has a code column) and the value as a plain number ("1034", "16.67").
// docs/submission-format.md explains these choices.
#include <memory>
#include <string>
#include <string_view>

#include "export/document.hpp"
#include "export/exporter.hpp"

namespace rb::exporting {

// Heading of the machine-oriented columns.
inline constexpr const char* kCsvCodeHeading = "Mã chỉ tiêu";
inline constexpr const char* kCsvNumberHeading = "Giá trị số";

// The whole CSV file, byte order mark included.
std::string appendix_to_csv(const ExportDocument& doc);

// One cell as written to the file, quoted if needed. Text a spreadsheet would take for a
// formula (starting with '=', '+', '-', '@', a tab or a carriage return) gets a leading single
// quote (OWASP); a number as staff write it ("-3", "-1.034,5", "-16,67%") is data and is left
// as it is, and so is a lone "-" (the STT of rows numbered with a dash).
std::string csv_field(std::string_view text);

// True for a number as staff write it: optional '-', digits with '.' groups, optional ','
// decimals, optional '%'. No such text can be read as a formula.
bool is_plain_number(std::string_view text);

// The exporter "csv".
std::shared_ptr<const Exporter> make_csv_exporter();

}  // namespace rb::exporting
