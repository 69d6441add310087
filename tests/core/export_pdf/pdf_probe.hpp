#pragma once
#include <unistd.h>
// Reading a written PDF back with poppler's tools, for the PDF writer's tests: the words with
// their boxes (pdftotext -bbox), the fonts (pdffonts), the document info (pdfinfo), and a page's
// pixels (pdftoppm to PPM, which needs no image library to read).
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/office.hpp"

namespace rb::testing {

// Runs a shell command and returns what it printed; `ok` says whether it exited with 0.
inline std::string run_capture(const std::string& cmd, bool* ok = nullptr) {
    std::string out;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) {
        if (ok) *ok = false;
        return out;
    }
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    const int rc = pclose(pipe);
    if (ok) *ok = rc == 0;
    return out;
}

inline std::string output_dir(const std::string& name) {
    // One folder per process: CTest runs the tests of one suite in parallel processes, and a
    // suite's shared files must not be rewritten under another's reader.
    const std::filesystem::path dir = std::filesystem::path(RB_BUILD_DIR) / "test-output" / "export_pdf" /
                                      (name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir.string();
}

struct PdfWord {
    int page = 0;  // 1-based
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points, from the page's top-left corner
    std::string text;
};

struct PdfWords {
    double page_width = 0, page_height = 0;
    int pages = 0;
    std::vector<PdfWord> words;

    std::vector<const PdfWord*> on_page(int page) const {
        std::vector<const PdfWord*> out;
        for (const auto& w : words)
            if (w.page == page) out.push_back(&w);
        return out;
    }
    // The page on which `text` first occurs as a word, 0 when it does not.
    int page_of(const std::string& text) const {
        for (const auto& w : words)
            if (w.text == text) return w.page;
        return 0;
    }
};

inline std::string unescape_html(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
            s.replace(at, std::char_traits<char>::length(from), to);
    }
    return s;
}

inline PdfWords pdf_words(const std::string& pdf) {
    PdfWords out;
    const std::string html = run_capture("pdftotext -bbox " + shell_quote(pdf) + " - 2>/dev/null");
    static const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
    static const std::regex word_re(
        R"re(<word xMin="([0-9.\-]+)" yMin="([0-9.\-]+)" xMax="([0-9.\-]+)" yMax="([0-9.\-]+)">([^<]*)</word>)re");
    std::istringstream lines(html);
    std::string line;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_search(line, m, page_re)) {
            ++out.pages;
            out.page_width = std::stod(m[1]);
            out.page_height = std::stod(m[2]);
        } else if (std::regex_search(line, m, word_re)) {
            out.words.push_back({out.pages, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]),
                                 unescape_html(m[5])});
        }
    }
    return out;
}

struct PdfFontRow {
    std::string name, type;
    bool embedded = false, subset = false, unicode = false;
};

// pdffonts' table: name, type, encoding, emb, sub, uni, object, id.
inline std::vector<PdfFontRow> pdf_fonts(const std::string& pdf) {
    std::vector<PdfFontRow> out;
    const std::string text = run_capture("pdffonts " + shell_quote(pdf) + " 2>/dev/null");
    std::istringstream lines(text);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        if (++n <= 2 || line.empty()) continue;  // the heading and the dashes
        std::istringstream cols(line);
        std::vector<std::string> c;
        for (std::string s; cols >> s;) c.push_back(s);
        if (c.size() < 7) continue;
        // Columns from the right are fixed; the type may be two words ("CID TrueType").
        const std::size_t k = c.size();
        PdfFontRow row;
        row.name = c[0];
        row.embedded = c[k - 5] == "yes";
        row.subset = c[k - 4] == "yes";
        row.unicode = c[k - 3] == "yes";
        for (std::size_t i = 1; i + 6 < k; ++i) row.type += (row.type.empty() ? "" : " ") + c[i];
        out.push_back(row);
    }
    return out;
}

inline std::map<std::string, std::string> pdf_info(const std::string& pdf) {
    std::map<std::string, std::string> out;
    std::istringstream lines(run_capture("pdfinfo " + shell_quote(pdf) + " 2>/dev/null"));
    std::string line;
    while (std::getline(lines, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::size_t v = colon + 1;
        while (v < line.size() && line[v] == ' ') ++v;
        out[line.substr(0, colon)] = line.substr(v);
    }
    return out;
}

// The PDF's bookmarks (outline), as pdftohtml lists them: the page each points to and its title.
struct PdfBookmark {
    int page = 0;
    std::string title;
};

inline std::vector<PdfBookmark> pdf_outline(const std::string& pdf) {
    std::vector<PdfBookmark> out;
    const std::string xml = run_capture("pdftohtml -xml -i -q -stdout " + shell_quote(pdf) + " 2>/dev/null");
    static const std::regex item_re(R"re(<item page="([0-9]+)">([^<]*)</item>)re");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), item_re); it != std::sregex_iterator(); ++it)
        out.push_back({std::stoi((*it)[1]), unescape_html((*it)[2])});
    return out;
}

// A page rendered to RGB pixels.
struct Raster {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    int count(unsigned char r, unsigned char g, unsigned char b) const {
        int n = 0;
        for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
            if (rgb[i] == r && rgb[i + 1] == g && rgb[i + 2] == b) ++n;
        return n;
    }
};

inline Raster pdf_page_raster(const std::string& pdf, int page, int dpi = 40) {
    Raster out;
    const std::string stem = pdf + ".p" + std::to_string(page);
    const std::string cmd = "pdftoppm -singlefile -aa no -aaVector no -r " + std::to_string(dpi) + " -f " +
                            std::to_string(page) + " -l " + std::to_string(page) + " " + shell_quote(pdf) + " " +
                            shell_quote(stem);
    if (std::system(cmd.c_str()) != 0) return out;
    std::ifstream in(stem + ".ppm", std::ios::binary);
    std::string magic;
    int maxval = 0;
    in >> magic >> out.width >> out.height >> maxval;
    in.get();
    if (magic != "P6" || maxval != 255) return {};
    out.rgb.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
    in.read(reinterpret_cast<char*>(out.rgb.data()), static_cast<std::streamsize>(out.rgb.size()));
    return out;
}

}  // namespace rb::testing
