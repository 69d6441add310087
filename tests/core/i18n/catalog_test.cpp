// The English catalog (po/en/*.po) must translate every message the program can show, and
// each translation must keep the format fields of its message id.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
unsigned hex_value(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? static_cast<unsigned>(c - '0')
                                                       : static_cast<unsigned>(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
}
bool is_octal(char c) { return c >= '0' && c <= '7'; }

// Reads a quoted literal starting at text[at] == '"' and decodes the C escapes that both C++
// and PO files use; leaves `at` just past the closing quote.
std::string read_quoted(std::string_view text, std::size_t& at) {
    std::string value;
    for (++at; at < text.size() && text[at] != '"'; ++at) {
        const char c = text[at];
        if (c != '\\' || at + 1 >= text.size()) {
            value.push_back(c);
            continue;
        }
        const char e = text[++at];
        switch (e) {
            case 'n': value.push_back('\n'); break;
            case 't': value.push_back('\t'); break;
            case 'r': value.push_back('\r'); break;
            case 'a': value.push_back('\a'); break;
            case 'b': value.push_back('\b'); break;
            case 'f': value.push_back('\f'); break;
            case 'v': value.push_back('\v'); break;
            case 'x': {
                unsigned v = 0;
                while (at + 1 < text.size() && is_hex(text[at + 1]))
                    v = v * 16 + hex_value(text[++at]);
                value.push_back(static_cast<char>(v));
                break;
            }
            case 'u':
            case 'U': {
                const std::size_t digits = e == 'u' ? 4 : 8;
                std::uint32_t cp = 0;
                for (std::size_t i = 0; i < digits && at + 1 < text.size() && is_hex(text[at + 1]); ++i)
                    cp = cp * 16 + hex_value(text[++at]);
                append_utf8(value, cp);
                break;
            }
            default:
                if (is_octal(e)) {
                    unsigned v = static_cast<unsigned>(e - '0');
                    for (int i = 0; i < 2 && at + 1 < text.size() && is_octal(text[at + 1]); ++i)
                        v = v * 8 + static_cast<unsigned>(text[++at] - '0');
                    value.push_back(static_cast<char>(v));
                } else {
                    value.push_back(e);  // \" \\ \' \?
                }
        }
    }
    ++at;
    return value;
}

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// A token of C++ source, as much as this scan needs: identifiers, string literals (decoded,
// with their line) and single punctuation characters. Comments, character literals and raw
// strings are skipped.
struct Token {
    enum Kind { Identifier, String, Punct } kind;
    std::string text;
    int line = 0;
};

std::vector<Token> tokenize(std::string_view src) {
    std::vector<Token> tokens;
    int line = 1;
    auto count_lines = [&](std::size_t from, std::size_t to) {
        line += static_cast<int>(std::count(src.begin() + static_cast<std::ptrdiff_t>(from),
                                            src.begin() + static_cast<std::ptrdiff_t>(std::min(to, src.size())), '\n'));
    };
    std::size_t at = 0;
    while (at < src.size()) {
        const char c = src[at];
        if (c == '\n') {
            ++line;
            ++at;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++at;
        } else if (src.compare(at, 2, "//") == 0) {
            at = src.find('\n', at);
            if (at == std::string_view::npos) at = src.size();
        } else if (src.compare(at, 2, "/*") == 0) {
            const std::size_t end = src.find("*/", at + 2);
            const std::size_t stop = end == std::string_view::npos ? src.size() : end + 2;
            count_lines(at, stop);
            at = stop;
        } else if (c == '"') {
            const int start_line = line;
            const std::size_t start = at;
            std::string value = read_quoted(src, at);
            count_lines(start, at);
            tokens.push_back({Token::String, std::move(value), start_line});
        } else if (c == '\'') {
            for (++at; at < src.size() && src[at] != '\''; ++at)
                if (src[at] == '\\') ++at;
            ++at;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            // pp-number, including digit separators (1'000) and exponents.
            while (at < src.size() && (is_ident_char(src[at]) || src[at] == '.' ||
                                       (src[at] == '\'' && at + 1 < src.size() && is_ident_char(src[at + 1])) ||
                                       ((src[at] == '+' || src[at] == '-') && (src[at - 1] == 'e' || src[at - 1] == 'E' ||
                                                                               src[at - 1] == 'p' || src[at - 1] == 'P'))))
                ++at;
        } else if (is_ident_char(c)) {
            const std::size_t start = at;
            while (at < src.size() && is_ident_char(src[at])) ++at;
            const std::string_view word = src.substr(start, at - start);
            const bool prefix = word == "u8" || word == "u" || word == "U" || word == "L";
            const bool raw_prefix = word == "R" || word == "u8R" || word == "uR" || word == "UR" || word == "LR";
            if (raw_prefix && at < src.size() && src[at] == '"') {
                // R"delim( ... )delim": never a message here, but must not confuse the scan.
                const std::size_t open = src.find('(', at);
                const std::string close = ")" + std::string(src.substr(at + 1, open - at - 1)) + "\"";
                const std::size_t end = src.find(close, open);
                const std::size_t stop = end == std::string_view::npos ? src.size() : end + close.size();
                count_lines(at, stop);
                at = stop;
                tokens.push_back({Token::Punct, "R\"\"", line});
            } else if (!(prefix && at < src.size() && src[at] == '"')) {
                tokens.push_back({Token::Identifier, std::string(word), line});
            }  // an encoding prefix: the literal that follows is read next
        } else {
            tokens.push_back({Token::Punct, std::string(1, c), line});
            ++at;
        }
    }
    return tokens;
}

struct Use {
    std::string file;  // relative to the source tree
    int line;
};

// Message ids passed as string literals to tr(), trf() and RB_N_(); adjacent literals are
// joined as the compiler joins them.
void collect_msgids(const std::string& file, std::string_view source, std::map<std::string, std::vector<Use>>& out) {
    const auto tokens = tokenize(source);
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind != Token::Identifier || (t.text != "tr" && t.text != "trf" && t.text != "RB_N_")) continue;
        if (tokens[i + 1].kind != Token::Punct || tokens[i + 1].text != "(") continue;
        if (tokens[i + 2].kind != Token::String) continue;
        std::string id;
        std::size_t j = i + 2;
        for (; j < tokens.size() && tokens[j].kind == Token::String; ++j) id += tokens[j].text;
        out[id].push_back({file, tokens[i + 2].line});
    }
}

struct Translation {
    std::string text;
    std::string file;  // the .po file it comes from
    bool fuzzy = false;
};

// The entries of one PO file: msgid → msgstr. The header, obsolete entries (#~) and entries
// with a context or plural forms (unused here) are read like the rest; fuzzy ones are marked,
// since msgfmt leaves them out of the compiled catalog.
std::vector<std::pair<std::string, Translation>> po_entries(const fs::path& path) {
    std::vector<std::pair<std::string, Translation>> entries;
    std::istringstream lines(read_file(path));
    std::string line;
    std::string id;
    std::string str;
    bool fuzzy = false;
    bool pending_fuzzy = false;
    bool have_entry = false;
    std::string* current = nullptr;
    auto flush = [&] {
        if (have_entry && !id.empty()) entries.push_back({id, {str, path.filename().string(), fuzzy}});
        id.clear();
        str.clear();
        have_entry = false;
        current = nullptr;
    };
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t at = 0;
        if (line.rfind("#,", 0) == 0) {
            if (line.find("fuzzy") != std::string::npos) pending_fuzzy = true;
            continue;
        }
        if (line.rfind("msgid ", 0) == 0) {
            flush();
            have_entry = true;
            fuzzy = pending_fuzzy;
            pending_fuzzy = false;
            current = &id;
            at = 6;
        } else if (line.rfind("msgstr ", 0) == 0 || line.rfind("msgstr[0] ", 0) == 0) {
            current = &str;
            at = line.find('"');
        } else if (line.rfind("msgid_plural ", 0) == 0 || line.rfind("msgstr[", 0) == 0 ||
                   line.rfind("msgctxt ", 0) == 0) {
            current = nullptr;
            continue;
        } else if (line.rfind("\"", 0) != 0) {
            continue;
        }
        if (current && at < line.size() && line[at] == '"') *current += read_quoted(line, at);
    }
    flush();
    return entries;
}

// The catalog as the build joins it: every po/en/*.po in name order, the first translation of
// a msgid winning (msgcat --use-first).
std::map<std::string, Translation> english_catalog() {
    const fs::path dir = fs::path(RB_SOURCE_DIR) / "po" / "en";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".po") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::map<std::string, Translation> catalog;
    for (const auto& file : files)
        for (auto& [id, translation] : po_entries(file)) catalog.emplace(id, std::move(translation));
    return catalog;
}

// Every message id in the .cpp files under core/ and ui/.
std::map<std::string, std::vector<Use>> source_msgids() {
    const fs::path root = RB_SOURCE_DIR;
    std::vector<fs::path> files;
    for (const char* top : {"core", "ui"}) {
        if (!fs::exists(root / top)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root / top))
            if (entry.is_regular_file() && entry.path().extension() == ".cpp") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::vector<Use>> ids;
    for (const auto& file : files)
        collect_msgids(fs::relative(file, root).generic_string(), read_file(file), ids);
    return ids;
}

// The format fields of a message ({}, {:02}...), in order; "{{" and "}}" are literal braces.
std::vector<std::string> format_fields(const std::string& text) {
    std::vector<std::string> fields;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '{') {
            if (at + 1 < text.size() && text[at + 1] == '{') {
                ++at;
                continue;
            }
            const std::size_t close = text.find('}', at);
            if (close == std::string::npos) break;
            fields.push_back(text.substr(at, close - at + 1));
            at = close;
        } else if (text[at] == '}' && at + 1 < text.size() && text[at + 1] == '}') {
            ++at;
        }
    }
    return fields;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '"') out += "\\\"";
        else out.push_back(c);
    }
    return out + "\"";
}

std::string where(const std::vector<Use>& uses) {
    std::string out;
    for (const auto& u : uses) out += (out.empty() ? "" : ", ") + u.file + ":" + std::to_string(u.line);
    return out;
}

TEST(CatalogTest, TheScanFindsTheMessagesOfTheSources) {
    const auto ids = source_msgids();
    // The program has well over a hundred messages; finding few means the scan itself broke.
    EXPECT_GT(ids.size(), 100u);
    // Literals split over several lines are joined, escapes decoded.
    const bool usage_found = std::any_of(ids.begin(), ids.end(), [](const auto& entry) {
        const std::string& id = entry.first;
        return id.rfind("Cách dùng: reportbench-cli", 0) == 0 && id.find("\n  types [--json]") != std::string::npos &&
               id.back() == '\n';
    });
    EXPECT_TRUE(usage_found) << "the usage text of ui/cli/main.cpp was not read as one message";
}

TEST(CatalogTest, EveryUserMessageHasAnEnglishTranslation) {
    const auto catalog = english_catalog();
    ASSERT_FALSE(catalog.empty());
    std::string missing;
    std::size_t count = 0;
    for (const auto& [id, uses] : source_msgids()) {
        const auto found = catalog.find(id);
        std::string problem;
        if (found == catalog.end()) problem = "no English translation";
        else if (found->second.text.empty()) problem = "empty translation in " + found->second.file;
        else if (found->second.fuzzy) problem = "fuzzy translation in " + found->second.file;
        if (problem.empty()) continue;
        ++count;
        missing += "\n  " + where(uses) + ": " + problem + ": msgid " + quoted(id);
    }
    EXPECT_EQ(count, 0u) << count << " message(s) without an English translation:" << missing;
}

TEST(CatalogTest, TranslationsKeepTheirPlaceholders) {
    const auto catalog = english_catalog();
    ASSERT_FALSE(catalog.empty());
    std::string wrong;
    std::size_t count = 0;
    for (const auto& [id, translation] : catalog) {
        if (translation.text.empty()) continue;
        const auto expected = format_fields(id);
        const auto actual = format_fields(translation.text);
        if (expected.size() == actual.size()) continue;
        ++count;
        wrong += "\n  " + translation.file + ": msgid " + quoted(id) + " has " + std::to_string(expected.size()) +
                 " placeholder(s), msgstr " + quoted(translation.text) + " has " + std::to_string(actual.size());
    }
    EXPECT_EQ(count, 0u) << count << " translation(s) with a different number of placeholders:" << wrong;
}

}  // namespace
