#pragma once
// Exporting a report end to end: the built-in exporters plus those plugins add, the recipient
// profiles the plugins bring, and an atomic write of the result. What the CLI's `export` and
// the desktop's export dialog call.
#include <string>
#include <vector>

#include "base/result.hpp"
#include "export/exporter.hpp"
#include "plugin/registry.hpp"

namespace rb::exporting {

// DOCX, XLSX, PDF, submission XML and JSON, CSV.
ExporterRegistry builtin_exporters();
// The built-in exporters and those the loaded plugins registered (a plugin's format never
// replaces a built-in one of the same id: it is skipped with a warning in the log).
ExporterRegistry all_exporters(const plugin::Registry& plugins);

struct ExportOptions {
    std::string format;      // an exporter id: "docx", "xlsx", "pdf", "xml", "json", "csv"
    std::string profile_id;  // empty: the definition's own layout
    // A file path, or an existing folder in which the profile's file name is used.
    std::string output;
    const report::Report* previous = nullptr;  // for checks across periods
    Progress progress;                         // may be empty
};

struct ExportResult {
    std::string path;  // the file written
    int errors = 0;    // findings of the report at export time (exporting does not refuse)
    int warnings = 0;
};

// Evaluates and validates `r`, builds its document for the profile and writes it through a
// temporary file renamed into place: an existing file at the destination is either left
// whole or replaced whole. Fails when the type is not installed, the profile is unknown or
// does not fit the type, or the format is not one the profile offers.
Result<ExportResult> export_report(const plugin::Registry& plugins, const report::Report& r,
                                   const ExportOptions& options);

// The profiles that fit a report's type and edition, in the plugins' order.
std::vector<const RecipientProfile*> profiles_for(const plugin::Registry& plugins,
                                                  const schema::ReportType& type);

}  // namespace rb::exporting
