#pragma once
// Reading the narrative back from a DOCX: a report we exported earlier, or one a person wrote
// in Word. Only word/document.xml (and word/styles.xml, for heading style names) is read; the
// file is never unpacked to disk.
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "schema/report_type.hpp"

namespace rb::exporting {

struct ImportedNarrative {
    // Section id → text, stored as reports store narrative: lines joined by "\n", a blank line
    // ("\n\n") between paragraphs that had space between them. Sections with no text are
    // left out.
    std::map<std::string, std::string> sections;
    // Headings that match no section of the definition, and other things worth a look,
    // one sentence each in the user's language.
    std::vector<std::string> warnings;
};

// Maps the document's headings to the narrative sections of `type`. In a document we wrote,
// hidden bookmarks mark where each section starts, so the text comes back exactly as it was
// exported. Otherwise headings are found by style (Word's "heading 1..3") or by their
// numbering ("I. ", "1. ", "1.1. ") and matched to the definition by number and title,
// ignoring case and diacritics; the text before the first heading is the opening section and
// a last paragraph like the definition's closing template is the closing section.
// Fails, naming the file and what is wrong, for anything that is not a readable DOCX.
Result<ImportedNarrative> import_docx_narrative(const std::string& path, const schema::ReportType& type);

}  // namespace rb::exporting
