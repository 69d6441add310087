#pragma once
// Opening exported files with real clients, for export tests: LibreOffice headless converts
// DOCX and XLSX to PDF, pdftotext reads the text of a PDF, pdftoppm renders a page to PNG.
// Each conversion runs with its own LibreOffice profile and output folder, so tests may run
// in parallel and a .docx and a .xlsx of one name never overwrite each other's PDF.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rb::testing {

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

inline bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Converts `input` to PDF in `outdir` (created); returns the PDF's path, or "" on failure.
inline std::string office_to_pdf(const std::filesystem::path& input, const std::filesystem::path& outdir) {
    namespace fs = std::filesystem;
    fs::create_directories(outdir);
    const fs::path profile = fs::absolute(outdir) / ".lo-profile";
    const std::string cmd = "soffice -env:UserInstallation=file://" + profile.string() +
                            " --headless --norestore --convert-to pdf --outdir " +
                            shell_quote(outdir.string()) + " " + shell_quote(input.string()) +
                            " >" + shell_quote((outdir / "soffice.log").string()) + " 2>&1";
    if (std::system(cmd.c_str()) != 0) return {};
    const fs::path pdf = outdir / (input.stem().string() + ".pdf");
    return fs::exists(pdf) ? pdf.string() : std::string{};
}

// The text of a PDF (pdftotext -layout), "" on failure.
inline std::string pdf_text(const std::string& pdf, bool layout = true) {
    const std::string txt = pdf + ".txt";
    const std::string cmd = std::string("pdftotext ") + (layout ? "-layout " : "") +
                            shell_quote(pdf) + " " + shell_quote(txt);
    if (std::system(cmd.c_str()) != 0) return {};
    std::ifstream in(txt);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Renders page `page` (1-based) of a PDF to `png` at `dpi`.
inline bool pdf_page_png(const std::string& pdf, int page, const std::string& png, int dpi = 80) {
    namespace fs = std::filesystem;
    const fs::path stem = fs::path(png).replace_extension();
    const std::string cmd = "pdftoppm -png -singlefile -r " + std::to_string(dpi) + " -f " +
                            std::to_string(page) + " -l " + std::to_string(page) + " " +
                            shell_quote(pdf) + " " + shell_quote(stem.string());
    return std::system(cmd.c_str()) == 0 && fs::exists(png);
}

}  // namespace rb::testing
