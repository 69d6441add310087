#pragma once
// The DOCX exporter: the whole report laid out as an official document per Nghị định
// 30/2020/NĐ-CP (header table, title, body, signature table, then the appendix table on a
// new page), written as OOXML parts in a zip. Word and LibreOffice open it as it is.
#include <memory>

#include "export/exporter.hpp"

namespace rb::exporting {

// id "docx", extension "docx".
std::shared_ptr<const Exporter> make_docx_exporter();

}  // namespace rb::exporting
