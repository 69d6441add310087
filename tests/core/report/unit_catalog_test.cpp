// A report's unit against the units catalog: filled from it, and checked by it.
#include "report/unit_catalog.hpp"

#include <gtest/gtest.h>

#include "i18n/i18n.hpp"

namespace rb::report {
namespace {

const units::Catalog& shipped() {
    static const units::Catalog c = *units::Catalog::load(std::string(RB_SOURCE_DIR) + "/data/units/units.tsv");
    return c;
}

Period period(const char* code) { return *Period::parse(code); }

TEST(UnitCatalog, LastDayOfEachPeriod) {
    EXPECT_EQ(period("2025-Q3").last_day(), (SimpleDate{2025, 9, 30}));
    EXPECT_EQ(period("2025-Q1").last_day(), (SimpleDate{2025, 3, 31}));
    EXPECT_EQ(period("2025-H1").last_day(), (SimpleDate{2025, 6, 30}));
    EXPECT_EQ(period("2025-9M").last_day(), (SimpleDate{2025, 9, 30}));
    EXPECT_EQ(period("2024").last_day(), (SimpleDate{2024, 12, 31}));
}

TEST(UnitCatalog, FilledFromTheCatalogForThePeriod) {
    i18n::set_language(i18n::Language::Vietnamese);
    const auto& c = shipped();
    const auto* pd = c.find("14029", units::Level::Commune, {2024, 3, 31});
    ASSERT_NE(pd, nullptr);
    UnitInfo keep;
    keep.former_names = {"Trực Định"};
    const UnitInfo info = unit_info(c, *pd, period("2024-Q1"), keep);
    EXPECT_EQ(info.code, "14029");
    EXPECT_EQ(info.name, "Phương Định");
    EXPECT_EQ(info.kind, "xã");
    EXPECT_EQ(info.parent, "Trực Ninh");
    EXPECT_EQ(info.parent_kind, "huyện");
    EXPECT_EQ(info.province, "Nam Định");
    EXPECT_EQ(info.former_names, keep.former_names);
    // After 1 July 2025: no district, the new province.
    const auto* ng = c.find("14038", units::Level::Commune, {2025, 9, 30});
    const UnitInfo after = unit_info(c, *ng, period("2025-Q3"));
    EXPECT_EQ(after.name, "Ninh Giang");
    EXPECT_TRUE(after.parent.empty());
    EXPECT_TRUE(after.parent_kind.empty());
    EXPECT_EQ(after.province, "Ninh Bình");
}

TEST(UnitCatalog, WhatTheCatalogSaysOfAUnit) {
    i18n::set_language(i18n::Language::Vietnamese);
    const auto& c = shipped();
    UnitInfo u{"Phương Định", "xã", "Trực Ninh", "huyện", "Nam Định", {}, "14029"};
    EXPECT_EQ(check_unit(c, u, period("2024-Q1")).status, UnitStatus::Matches);

    // The same code in a 2025-Q3 report: the commune no longer exists; where it went is said.
    const auto gone = check_unit(c, u, period("2025-Q3"));
    EXPECT_EQ(gone.status, UnitStatus::UnknownCode);
    EXPECT_NE(gone.message.find("Xã Ninh Giang (14038)"), std::string::npos) << gone.message;
    EXPECT_NE(gone.message.find("01/7/2025"), std::string::npos) << gone.message;

    // A name that is another unit's, and a spelling without diacritics.
    UnitInfo other = u;
    other.name = "Trực Chính";
    auto differs = check_unit(c, other, period("2024-Q1"));
    EXPECT_EQ(differs.status, UnitStatus::NameDiffers);
    EXPECT_NE(differs.message.find("Xã Phương Định"), std::string::npos) << differs.message;
    UnitInfo plain = u;
    plain.name = "Phuong Dinh";
    auto spelt = check_unit(c, plain, period("2024-Q1"));
    EXPECT_EQ(spelt.status, UnitStatus::NameDiffers);
    EXPECT_NE(spelt.message.find("Phương Định"), std::string::npos);
    UnitInfo with_kind = u;
    with_kind.name = "Xã Phương Định";
    EXPECT_EQ(check_unit(c, with_kind, period("2024-Q1")).status, UnitStatus::Matches);

    // No code: a unit of the list is named with its code; a typed unit is said to be typed.
    UnitInfo uncoded = u;
    uncoded.code.clear();
    auto named = check_unit(c, uncoded, period("2024-Q1"));
    EXPECT_EQ(named.status, UnitStatus::Uncoded);
    ASSERT_NE(named.unit, nullptr);
    EXPECT_EQ(named.unit->code, "14029");
    EXPECT_NE(named.message.find("14029"), std::string::npos);
    UnitInfo typed = uncoded;
    typed.name = "Thôn Không Có";
    auto t = check_unit(c, typed, period("2024-Q1"));
    EXPECT_EQ(t.status, UnitStatus::Typed);
    EXPECT_EQ(t.unit, nullptr);
    UnitInfo unknown = u;
    unknown.code = "99999";
    EXPECT_EQ(check_unit(c, unknown, period("2024-Q1")).status, UnitStatus::UnknownCode);
}

}  // namespace
}  // namespace rb::report
