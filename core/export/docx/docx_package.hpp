#pragma once
// What the DOCX writer and reader share: the zip container (libzip), text made safe for XML,
// the names we give to section bookmarks, and the rule that turns a section's paragraphs back
// into its stored text. Internal to export/docx.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

typedef struct zip zip_t;

namespace rb::exporting::docx {

// Text that XML 1.0 can carry: invalid UTF-8 becomes U+FFFD; C0 controls other than tab and
// newline, U+FFFE and U+FFFF are dropped. Carriage returns are dropped too (a line break is
// always "\n" in a report).
std::string xml_text(std::string_view s);

// One part of the package: its name in the zip ("word/document.xml") and its bytes.
struct Part {
    std::string name;
    std::string data;
};

// Writes `parts` as a zip at `path` (replaced if it exists). The parts must stay alive until
// this returns: libzip reads the buffers only when the archive is closed.
rb::Status write_package(const std::string& path, const std::vector<Part>& parts);

// Reads named parts of a zip, and nothing else: callers ask for the part names they expect.
class PackageReader {
public:
    // Largest part we agree to decompress; a real document.xml is far smaller.
    static constexpr std::size_t kMaxPartBytes = 50u << 20;

    static Result<PackageReader> open(const std::string& path);
    PackageReader(PackageReader&& other) noexcept;
    PackageReader& operator=(PackageReader&& other) noexcept;
    PackageReader(const PackageReader&) = delete;
    PackageReader& operator=(const PackageReader&) = delete;
    ~PackageReader();

    // The part `name`, std::nullopt when the archive has none; fails when it is larger than
    // `max_bytes` (announced or actually read) or cannot be decompressed.
    Result<std::optional<std::string>> read(const std::string& name,
                                            std::size_t max_bytes = kMaxPartBytes) const;

private:
    PackageReader(zip_t* zip, std::string path) : zip_(zip), path_(std::move(path)) {}
    zip_t* zip_ = nullptr;
    std::string path_;
};

// Bookmark names marking where a section's text starts: "_RbSec_" + the id with every byte
// other than a letter or digit written as "_" and two hex digits ("II.2" → "_RbSec_II_2E2").
// Word keeps bookmarks that start with "_" hidden. Empty when the name would exceed the 40
// characters Word allows.
std::string section_bookmark(std::string_view section_id);
// The section id of a bookmark name made by section_bookmark, std::nullopt for other names.
std::optional<std::string> section_of_bookmark(std::string_view name);

// A paragraph of a section as the document holds it. `tight`: the next line of the same
// section follows directly (no blank line between them), which the writer marks with no
// spacing after the paragraph.
struct SectionParagraph {
    std::string text;
    bool tight = false;
};

// The stored text of a section from its paragraphs: each paragraph is followed by "\n" when it
// is tight or empty, and by "\n\n" otherwise; empty paragraphs at either end are dropped.
// The inverse of how the writer lays out Block::blank_lines_before.
std::string join_section(const std::vector<SectionParagraph>& paragraphs);

}  // namespace rb::exporting::docx
