#pragma once
// The XLSX exporter: the appendix table as a worksheet, for recipients who consolidate in a
// spreadsheet. Computed rows are live formulas (translated from the definition's expressions,
// with their values cached so that readers which do not recalculate still show them), numbers
// carry vi-VN formats ("1.034", "16,67%"), every format names Times New Roman, and the page is
// set up to print on A4. docs/export-xlsx.md describes the layout; layout.hpp fixes it.
#include <memory>
#include <string>

#include "base/result.hpp"
#include "export/document.hpp"
#include "export/exporter.hpp"

namespace rb::exporting {

// Exporter id "xlsx", extension "xlsx".
std::shared_ptr<const Exporter> make_xlsx_exporter();

// Writes the appendix of `doc` to `path` as laid out for `profile` (its sheet name and first
// row; columns and rows come from the document). `progress` may be empty.
Status write_xlsx(const ExportDocument& doc, const RecipientProfile& profile, const std::string& path,
                  const Progress& progress);

}  // namespace rb::exporting
