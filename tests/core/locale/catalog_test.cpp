// The English catalog must translate every message this module can show.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Reads one C string literal starting at text[at] == '"'; advances `at` past it.
std::string read_literal(const std::string& text, std::size_t& at) {
    std::string value;
    for (++at; at < text.size() && text[at] != '"'; ++at) {
        if (text[at] == '\\' && at + 1 < text.size()) {
            ++at;
            value.push_back(text[at] == 'n' ? '\n' : text[at]);
        } else {
            value.push_back(text[at]);
        }
    }
    ++at;
    return value;
}

void skip_spaces(const std::string& text, std::size_t& at) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
}

// Message ids passed as literals to tr(), trf() and RB_N_(), adjacent literals joined.
std::set<std::string> source_msgids(const std::string& source) {
    std::set<std::string> ids;
    for (const std::string keyword : {"tr(", "trf(", "RB_N_("}) {
        for (std::size_t at = source.find(keyword); at != std::string::npos;
             at = source.find(keyword, at + 1)) {
            const bool inside_name = at > 0 && (std::isalnum(static_cast<unsigned char>(source[at - 1])) ||
                                                source[at - 1] == '_');
            if (inside_name) continue;
            std::size_t p = at + keyword.size();
            skip_spaces(source, p);
            if (p >= source.size() || source[p] != '"') continue;
            std::string id;
            while (p < source.size() && source[p] == '"') {
                id += read_literal(source, p);
                skip_spaces(source, p);
            }
            ids.insert(id);
        }
    }
    return ids;
}

// msgid → msgstr of a PO file (continuation lines joined).
std::map<std::string, std::string> po_entries(const std::string& po) {
    std::map<std::string, std::string> entries;
    std::istringstream lines(po);
    std::string line;
    std::string id;
    std::string str;
    std::string* current = nullptr;
    auto flush = [&] {
        if (!id.empty()) entries[id] = str;
        id.clear();
        str.clear();
        current = nullptr;
    };
    while (std::getline(lines, line)) {
        std::size_t at = 0;
        if (line.rfind("msgid ", 0) == 0) {
            flush();
            current = &id;
            at = 6;
        } else if (line.rfind("msgstr ", 0) == 0) {
            current = &str;
            at = 7;
        } else if (line.rfind("\"", 0) != 0) {
            continue;
        }
        if (current && at < line.size() && line[at] == '"') *current += read_literal(line, at);
    }
    flush();
    return entries;
}

std::size_t placeholder_count(const std::string& text) {
    std::size_t count = 0;
    for (std::size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at + 2))
        ++count;
    return count;
}

TEST(CatalogTest, EveryMessageOfTheModuleHasAnEnglishTranslation) {
    const fs::path root = RB_SOURCE_DIR;
    const auto catalog = po_entries(read_file(root / "po" / "en" / "locale.po"));
    ASSERT_FALSE(catalog.empty());

    std::size_t messages = 0;
    for (const auto& entry : fs::directory_iterator(root / "core" / "locale")) {
        if (entry.path().extension() != ".cpp") continue;
        for (const std::string& id : source_msgids(read_file(entry.path()))) {
            ++messages;
            const auto found = catalog.find(id);
            ASSERT_NE(found, catalog.end())
                << entry.path().filename() << ": no English translation for “" << id << "”";
            EXPECT_FALSE(found->second.empty()) << id;
            EXPECT_EQ(placeholder_count(found->second), placeholder_count(id)) << id;
        }
    }
    // The module has a few dozen messages; finding none means the scan itself broke.
    EXPECT_GT(messages, 20u);
}

}  // namespace
