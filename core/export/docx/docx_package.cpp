#include "export/docx/docx_package.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "i18n/i18n.hpp"
#include "xml/text.hpp"

namespace rb::exporting::docx {
namespace {

bool is_alnum_ascii(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string zip_message(zip_error_t* error) {
    return zip_error_strerror(error);
}

std::string zip_message(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

constexpr std::string_view kBookmarkPrefix = "_RbSec_";
constexpr std::size_t kMaxBookmarkLength = 40;

}  // namespace

std::string xml_text(std::string_view s) {
    // The project's rule (xml/text.hpp), and no carriage returns: paragraphs and breaks are
    // elements in WordprocessingML, never line-end characters.
    std::string out = xml::clean_text(s);
    out.erase(std::remove(out.begin(), out.end(), '\r'), out.end());
    return out;
}

rb::Status write_package(const std::string& path, const std::vector<Part>& parts) {
    int code = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!zip) return rb::Status::fail(trf("Không tạo được tệp {}: {}", path, zip_message(code)));
    const auto fail = [&](const std::string& part) {
        std::string message =
            trf("Không ghi được phần {} vào tệp {}: {}", part, path, zip_message(zip_get_error(zip)));
        zip_discard(zip);
        return rb::Status::fail(std::move(message));
    };
    for (const Part& part : parts) {
        zip_source_t* source = zip_source_buffer(zip, part.data.data(), part.data.size(), 0);
        if (!source) return fail(part.name);
        const zip_int64_t index =
            zip_file_add(zip, part.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);  // not taken over by the archive when adding failed
            return fail(part.name);
        }
        if (zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6) != 0)
            return fail(part.name);
    }
    if (zip_close(zip) != 0) {
        std::string message = trf("Không ghi được tệp {}: {}", path, zip_message(zip_get_error(zip)));
        zip_discard(zip);
        std::remove(path.c_str());  // libzip writes aside; never leave a half-written file
        return rb::Status::fail(std::move(message));
    }
    return rb::ok_status();
}

Result<PackageReader> PackageReader::open(const std::string& path) {
    int code = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!zip) {
        if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
            return Result<PackageReader>::fail(trf("Không mở được tệp {}: {}", path, zip_message(code)));
        return Result<PackageReader>::fail(
            trf("Tệp {} không phải văn bản Word (DOCX): không đọc được như một tệp nén zip ({}).", path,
                zip_message(code)));
    }
    return Result<PackageReader>::ok(PackageReader(zip, path));
}

PackageReader::PackageReader(PackageReader&& other) noexcept
    : zip_(other.zip_), path_(std::move(other.path_)) {
    other.zip_ = nullptr;
}

PackageReader& PackageReader::operator=(PackageReader&& other) noexcept {
    if (this != &other) {
        if (zip_) zip_discard(zip_);
        zip_ = other.zip_;
        path_ = std::move(other.path_);
        other.zip_ = nullptr;
    }
    return *this;
}

PackageReader::~PackageReader() {
    if (zip_) zip_discard(zip_);  // read-only: nothing to write back
}

Result<std::optional<std::string>> PackageReader::read(const std::string& name, std::size_t max_bytes) const {
    using R = Result<std::optional<std::string>>;
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) return R::ok(std::nullopt);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0)
        return R::fail(
            trf("Tệp {}: không đọc được phần {}: {}", path_, name, zip_message(zip_get_error(zip_))));
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes)
        return R::fail(trf("Tệp {}: phần {} quá lớn ({} byte khi giải nén, giới hạn {} byte).", path_, name,
                           static_cast<unsigned long long>(st.size),
                           static_cast<unsigned long long>(max_bytes)));
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!file)
        return R::fail(
            trf("Tệp {}: không đọc được phần {}: {}", path_, name, zip_message(zip_get_error(zip_))));
    std::string data;
    if (st.valid & ZIP_STAT_SIZE) data.reserve(static_cast<std::size_t>(st.size));
    char buffer[64 * 1024];
    for (;;) {
        const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
        if (n < 0) {
            std::string message =
                trf("Tệp {}: phần {} bị hỏng: {}", path_, name, zip_message(zip_file_get_error(file)));
            zip_fclose(file);
            return R::fail(std::move(message));
        }
        if (n == 0) break;
        // The announced size may lie: count what actually comes out.
        if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
            zip_fclose(file);
            return R::fail(trf("Tệp {}: phần {} quá lớn (hơn {} byte khi giải nén).", path_, name,
                               static_cast<unsigned long long>(max_bytes)));
        }
        data.append(buffer, static_cast<std::size_t>(n));
    }
    zip_fclose(file);
    return R::ok(std::move(data));
}

std::string section_bookmark(std::string_view section_id) {
    static const char* const hex = "0123456789ABCDEF";
    std::string name(kBookmarkPrefix);
    for (unsigned char c : section_id) {
        if (is_alnum_ascii(c)) {
            name.push_back(static_cast<char>(c));
        } else {
            name.push_back('_');
            name.push_back(hex[c >> 4]);
            name.push_back(hex[c & 0x0F]);
        }
    }
    if (section_id.empty() || name.size() > kMaxBookmarkLength) return {};
    return name;
}

std::optional<std::string> section_of_bookmark(std::string_view name) {
    if (name.substr(0, kBookmarkPrefix.size()) != kBookmarkPrefix) return std::nullopt;
    name.remove_prefix(kBookmarkPrefix.size());
    if (name.empty()) return std::nullopt;
    std::string id;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c != '_') {
            if (!is_alnum_ascii(static_cast<unsigned char>(c))) return std::nullopt;
            id.push_back(c);
            continue;
        }
        if (i + 2 >= name.size()) return std::nullopt;
        const int hi = hex_digit(name[i + 1]);
        const int lo = hex_digit(name[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        id.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return id;
}

std::string join_section(const std::vector<SectionParagraph>& paragraphs) {
    std::size_t first = 0;
    std::size_t last = paragraphs.size();
    while (first < last && is_blank(paragraphs[first].text)) ++first;
    while (last > first && is_blank(paragraphs[last - 1].text)) --last;
    std::string text;
    for (std::size_t i = first; i < last; ++i) {
        const SectionParagraph& p = paragraphs[i];
        text += p.text;
        if (i + 1 == last) break;
        text += (p.tight || is_blank(p.text)) ? "\n" : "\n\n";
    }
    return text;
}

}  // namespace rb::exporting::docx
