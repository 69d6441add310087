#pragma once
// The PDF exporter: the same document the DOCX exporter lays out (Nghị định 30/2020/NĐ-CP,
// appendix included), drawn with cairo and shaped with pango. The document names Times New
// Roman; the PDF embeds (subset) whatever fontconfig resolves it to — Liberation Serif on
// Debian, metric-compatible — after checking that the resolved font covers Vietnamese.
#include <memory>
#include <string>

#include "base/result.hpp"
#include "export/document.hpp"
#include "export/exporter.hpp"

namespace rb::exporting {

// Exporter id "pdf", extension "pdf".
std::shared_ptr<const Exporter> make_pdf_exporter();

struct PdfOptions {
    std::string font_family = "Times New Roman";  // what the document asks for
};

// The font a family resolves to through fontconfig and pango, in the four styles the
// document uses (regular, bold, italic, bold italic).
struct PdfFont {
    std::string requested;  // "Times New Roman"
    std::string family;     // "Liberation Serif"
    std::string file;       // the regular face's file, for logs
};

// Resolves `requested` and checks that every style covers the Vietnamese alphabet. Pango and
// fontconfig fall back silently, so this is the one place that says which font a PDF embeds.
Result<PdfFont> resolve_pdf_font(const std::string& requested);

// Lays `doc` out on A4 pages and writes it to `path`. `progress` (may be empty) is called once
// per page begun, and with 1.0 at the end.
Status write_pdf(const ExportDocument& doc, const std::string& path, const Progress& progress,
                 const PdfOptions& options = {});

}  // namespace rb::exporting
