// The units catalog: the shipped file against the state's tables, lookups, the merger map.
#include "units/catalog.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/file_io.hpp"

namespace rb::units {
namespace {
namespace fs = std::filesystem;

const locale::Date kBefore{2024, 12, 31};
const locale::Date kAfter{2025, 9, 30};

const Catalog& shipped() {
    static const Catalog c = [] {
        auto loaded = Catalog::load(std::string(RB_SOURCE_DIR) + "/data/units/units.tsv");
        if (!loaded) ADD_FAILURE() << loaded.error();
        return loaded ? std::move(*loaded) : Catalog{};
    }();
    return c;
}

std::string source_file(const char* name) { return std::string(RB_SOURCE_DIR) + "/data/units/source/" + name; }

// Minimal RFC 4180 reading (quoted cells may hold commas and line breaks), independent of the
// catalog's maker, so that the counts below are checked against the tables themselves.
std::vector<std::vector<std::string>> read_csv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                rows.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                rows.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\n') {
            rows.emplace_back(1);
        } else if (c != '\r') {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

std::size_t count(const Catalog& c, Level level, locale::Date day) {
    std::size_t n = 0;
    for (const auto& u : c.units())
        if (u.level == level && u.valid_on(day)) ++n;
    return n;
}

TEST(UnitsCatalog, CountsAgreeWithTheStateTables) {
    const auto before = read_csv(source_file("xa-truoc-2025-07.csv"));
    std::set<std::string> provinces, districts, communes;
    for (std::size_t i = 1; i < before.size(); ++i) {
        ASSERT_GE(before[i].size(), 7u) << "row " << i + 1;
        provinces.insert(before[i][1]);
        districts.insert(before[i][3]);
        if (!before[i][5].empty()) communes.insert(before[i][5]);
    }
    const auto after = read_csv(source_file("chuyen-doi-dvhc-2025-07.csv"));
    std::set<std::string> new_communes, new_provinces;
    for (std::size_t i = 2; i < after.size(); ++i) {
        if (after[i].size() < 3 || after[i][2].empty()) continue;
        new_communes.insert(after[i][2]);
        new_provinces.insert(after[i][0].substr(after[i][0].rfind('(')));
    }
    EXPECT_EQ(provinces.size(), 63u);
    EXPECT_EQ(new_provinces.size(), 34u);
    EXPECT_EQ(new_communes.size(), 3321u);

    const Catalog& c = shipped();
    EXPECT_EQ(count(c, Level::Province, kBefore), provinces.size());
    EXPECT_EQ(count(c, Level::District, kBefore), districts.size());
    // Every commune of the January list, and the few made after it that the conversion table
    // names as former units (the maker says which).
    EXPECT_GE(count(c, Level::Commune, kBefore), communes.size());
    EXPECT_LE(count(c, Level::Commune, kBefore), communes.size() + 20);
    EXPECT_EQ(count(c, Level::Province, kAfter), new_provinces.size());
    EXPECT_EQ(count(c, Level::District, kAfter), 0u);
    EXPECT_EQ(count(c, Level::Commune, kAfter), new_communes.size());
    for (const auto& code : new_communes) EXPECT_NE(c.find(code, Level::Commune, kAfter), nullptr) << code;
}

#ifndef _WIN32  // the maker is a Python script of the Debian side
TEST(UnitsCatalog, TheShippedFileIsWhatTheMakerMakesFromTheTables) {
    const fs::path out = fs::temp_directory_path() / ("units-" + std::to_string(::getpid()) + ".tsv");
    const std::string cmd = "python3 '" + std::string(RB_SOURCE_DIR) + "/data/units/make-catalog' -o '" +
                            out.string() + "' 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    auto made = files::read(out.string(), 64u << 20);
    auto kept = files::read(std::string(RB_SOURCE_DIR) + "/data/units/units.tsv", 64u << 20);
    fs::remove(out);
    ASSERT_TRUE(made && kept);
    EXPECT_TRUE(*made == *kept) << "data/units/units.tsv is out of date: run data/units/make-catalog";
}
#endif

TEST(UnitsCatalog, PhuongDinhByCodeAndByNameWithoutDiacritics) {
    const Catalog& c = shipped();
    const Unit* pd = c.find("14029", Level::Commune, kBefore);
    ASSERT_NE(pd, nullptr);
    EXPECT_EQ(pd->name, "Phương Định");
    EXPECT_EQ(pd->kind, "xã");
    EXPECT_EQ(pd->full_name(), "Xã Phương Định");
    ASSERT_NE(c.district_of(*pd, kBefore), nullptr);
    EXPECT_EQ(c.district_of(*pd, kBefore)->name, "Trực Ninh");
    EXPECT_EQ(c.province_of(*pd, kBefore)->name, "Nam Định");
    // Gone after the reorganisation.
    EXPECT_EQ(c.find("14029", Level::Commune, kAfter), nullptr);

    // Without diacritics Phương Định (Nam Định) and Phương Đình (Hà Nội) read the same: both
    // are offered first; with them, the one spelt so comes first.
    auto typed = c.search("phuong dinh", kBefore);
    ASSERT_GE(typed.size(), 2u);
    EXPECT_EQ(std::set<std::string>({typed[0]->code, typed[1]->code}), std::set<std::string>({"14029", "09811"}));
    EXPECT_EQ(c.search("Xã Phương Định", kBefore).front()->code, "14029");
    EXPECT_EQ(c.search("14029", kBefore).front()->code, "14029");
    EXPECT_EQ(c.find_by_name("xa PHUONG dinh", Level::Commune, kBefore).size(), 2u);
    auto named = c.find_by_name("Xã Phương Định", Level::Commune, kBefore);
    ASSERT_EQ(named.size(), 2u);
    EXPECT_EQ(named.front(), pd);
    // A few letters of each word are enough.
    bool found = false;
    for (const Unit* u : c.search("phu di", kBefore, 200)) found |= u == pd;
    EXPECT_TRUE(found);
}

TEST(UnitsCatalog, NinhGiangTookInPhuongDinhWhole) {
    const Catalog& c = shipped();
    const Unit* ng = c.find("14038", Level::Commune, kAfter);
    ASSERT_NE(ng, nullptr);
    EXPECT_EQ(ng->full_name(), "Xã Ninh Giang");
    EXPECT_TRUE(ng->parent.empty());
    EXPECT_EQ(c.province_of(*ng, kAfter)->name, "Ninh Bình");
    const auto preds = c.predecessors(*ng);
    std::set<std::string> names;
    for (const auto& [u, share] : preds) {
        names.insert(u->name);
        EXPECT_EQ(share, Share::Whole) << u->name;
    }
    EXPECT_TRUE(names.count("Phương Định"));
    EXPECT_EQ(names.size(), ng->predecessors.size());
    // Code 14038 was Liêm Hải before: the day decides which unit a code means.
    EXPECT_EQ(c.find("14038", Level::Commune, kBefore)->name, "Liêm Hải");
    const Unit* pd = c.find("14029", Level::Commune, kBefore);
    const auto succ = c.successors(*pd);
    ASSERT_EQ(succ.size(), 1u);
    EXPECT_EQ(succ.front(), ng);
    // Nam Định went whole into Ninh Bình.
    const Unit* nb = c.find("37", Level::Province, kAfter);
    ASSERT_NE(nb, nullptr);
    bool nam_dinh = false;
    for (const auto& [u, share] : c.predecessors(*nb)) nam_dinh |= u->name == "Nam Định" && share == Share::Whole;
    EXPECT_TRUE(nam_dinh);
    EXPECT_EQ(c.find_province("ninh binh", kAfter), nb);
    EXPECT_EQ(c.find_province("Nam Định", kAfter), nullptr);
    EXPECT_FALSE(c.communes_of("37", kAfter).empty());
}

TEST(UnitsCatalog, PartsAreKeptAsParts) {
    const Catalog& c = shipped();
    // Phường Ba Đình (Hà Nội) took in Ngọc Hà only in part.
    const Unit* bd = c.find("00004", Level::Commune, kAfter);
    ASSERT_NE(bd, nullptr);
    bool part = false;
    for (const auto& [u, share] : c.predecessors(*bd)) part |= u->code == "00016" && share == Share::Part;
    EXPECT_TRUE(part);
    // Bạch Long Vĩ: an island district became a special zone.
    auto zone = c.find_by_name("Đặc khu Bạch Long Vĩ", Level::Commune, kAfter);
    ASSERT_EQ(zone.size(), 1u);
    const auto preds = c.predecessors(*zone.front());
    ASSERT_EQ(preds.size(), 1u);
    EXPECT_EQ(preds.front().first->level, Level::District);
}

TEST(UnitsCatalog, BadFilesAreRefusedNamingTheLine) {
    const std::string head = "#format\t1\ncode\tlevel\tkind\tname\tparent\tprovince\tfrom\tto\tpredecessors\n";
    auto ok = Catalog::parse(head + "99001\tcommune\txã\tThử\t\t99\t\t\t\n", "local.tsv", true);
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_TRUE(ok->units().front().local);
    auto bad_level = Catalog::parse(head + "99001\tvillage\txã\tThử\t\t99\t\t\t\n", "local.tsv");
    ASSERT_FALSE(bad_level);
    EXPECT_NE(bad_level.error().find("local.tsv:3"), std::string::npos) << bad_level.error();
    auto bad_cols = Catalog::parse(head + "99001\tcommune\txã\n", "local.tsv");
    ASSERT_FALSE(bad_cols);
    EXPECT_NE(bad_cols.error().find("local.tsv:3"), std::string::npos);
    auto bad_date = Catalog::parse(head + "99001\tcommune\txã\tThử\t\t99\t2025-13-01\t\t\n", "local.tsv");
    ASSERT_FALSE(bad_date);
    auto bad_pred = Catalog::parse(head + "99001\tcommune\txã\tThử\t\t99\t\t\t14029=whole\n", "local.tsv");
    ASSERT_FALSE(bad_pred);
    auto twice = Catalog::parse(head + "99001\tcommune\txã\tA\t\t99\t\t\t\n99001\tcommune\txã\tB\t\t99\t\t\t\n", "l.tsv");
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().find("l.tsv:4"), std::string::npos);
    EXPECT_NE(twice.error().find("l.tsv:3"), std::string::npos);
    EXPECT_FALSE(Catalog::parse("code\tlevel\n", "x.tsv"));  // no #format line
}

TEST(UnitsCatalog, LocalAdditionsMayNotReuseAnOfficialCode) {
    Catalog c = shipped();
    const std::string head = "#format\t1\ncode\tlevel\tkind\tname\tparent\tprovince\tfrom\tto\tpredecessors\n";
    auto clash = Catalog::parse(head + "14038\tcommune\txã\tKhác\t\t37\t2025-07-01\t\t\n", "local.tsv", true);
    ASSERT_TRUE(clash);
    auto added = c.add(*clash);
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().find("units.tsv:"), std::string::npos) << added.error();
    auto fresh = Catalog::parse(head + "90001\tcommune\txã\tThôn Mới\t\t37\t2025-07-01\t\t\n", "local.tsv", true);
    ASSERT_TRUE(c.add(*fresh));
    ASSERT_NE(c.find("90001", Level::Commune, kAfter), nullptr);
    EXPECT_TRUE(c.find("90001", Level::Commune, kAfter)->local);
}

TEST(UnitsCatalog, WithoutKind) {
    EXPECT_EQ(without_kind("Xã Phương Định"), "Phương Định");
    EXPECT_EQ(without_kind("thị trấn Cổ Lễ"), "Cổ Lễ");
    EXPECT_EQ(without_kind("Thành phố Hà Nội"), "Hà Nội");
    EXPECT_EQ(without_kind("Phương Định"), "Phương Định");
    EXPECT_EQ(without_kind("Xa Ea Kly"), "Ea Kly");
    EXPECT_EQ(plain_key("  Xã  Phương ĐỊNH "), "xa phuong dinh");
}

}  // namespace
}  // namespace rb::units
