// Carrying a report into a newer edition: every kind of mapping, the summary, what is kept,
// the mapping's load errors, and the real Phương Định report into the Ninh Bình 2025 edition.
#include "migrate/migrate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "migrate_support.hpp"
#include "report/entry.hpp"
#include "validate/evaluation.hpp"

namespace rb::migrate {
namespace {

using namespace testing;

const std::string kOldLabel = "plugins/t/t-2024.xml";
const std::string kNewLabel = "plugins/t/t-2025.xml";

std::string old_text() {
    return definition("t", "e2024", R"(      <indicator code="A" type="integer" unit="Hồ sơ"><label>A</label></indicator>
      <indicator code="B" type="integer"><label>B</label></indicator>
      <indicator code="C" type="integer"><label>C</label></indicator>
      <indicator code="D" type="integer"><label>D</label></indicator>
      <indicator code="E1" type="integer"><label>E1</label></indicator>
      <indicator code="E2" type="integer"><label>E2</label></indicator>
      <indicator code="F1" type="integer"><label>F1</label></indicator>
      <indicator code="F2" type="integer"><label>F2</label></indicator>
      <indicator code="H" type="integer"><label>H</label></indicator>
      <indicator code="K" type="integer" unit="Thủ tục"><label>K</label></indicator>
      <indicator code="L" type="decimal"><label>L</label></indicator>
      <indicator code="M" type="integer"><label>M</label></indicator>
      <indicator code="N" type="integer"><label>N</label></indicator>
      <indicator code="T" type="text"><label>T</label></indicator>
)",
                      R"(    <section id="S1"><title>Một</title></section>
    <section id="S2"><title>Hai</title></section>
    <section id="S4"><title>Bốn</title></section>
    <section id="S5"><title>Năm</title></section>
    <section id="S6"><title>Sáu</title></section>
)");
}

const char* kNewRows = R"(      <indicator code="A" type="integer" unit="Hồ sơ"><label>A</label></indicator>
      <indicator code="B2" type="integer"><label>B2</label></indicator>
      <indicator code="C1" type="integer"><label>C1</label></indicator>
      <indicator code="C2" type="integer"><label>C2</label></indicator>
      <indicator code="D1" type="integer"><label>D1</label></indicator>
      <indicator code="D2" type="integer"><label>D2</label></indicator>
      <indicator code="E" type="integer"><label>E</label></indicator>
      <indicator code="F" type="integer"><label>F</label></indicator>
      <indicator code="K" type="integer" unit="Dịch vụ"><label>K</label></indicator>
      <indicator code="L" type="integer"><label>L</label></indicator>
      <indicator code="N" type="integer" computed="A + B2"><label>N</label></indicator>
      <indicator code="T" type="text"><label>T</label></indicator>
)";

const char* kNewSections = R"(    <section id="S1"><title>Một</title></section>
    <section id="S3"><title>Ba</title></section>
)";

const char* kMapping = R"(  <migration from="e2024">
    <rename from="B" to="B2"/>
    <split from="C" to="C1 C2" keep="C1"><reason>Tách theo hình thức tiếp nhận</reason></split>
    <split from="D" to="D1 D2"/>
    <merge from="E1 E2" to="E" sum="true"/>
    <merge from="F1 F2" to="F"/>
    <drop code="H"><reason>Không còn yêu cầu</reason><reason lang="en">No longer asked</reason></drop>
    <section from="S2" to="S3"/>
    <section from="S6" to="S1"/>
    <dropSection id="S4"/>
  </migration>
)";

std::string new_text(const std::string& mapping = kMapping) {
    return definition("t", "e2025", kNewRows, kNewSections, mapping);
}

report::Report old_report(const schema::ReportType& t) {
    report::Report r = make_report(t, "2024-Q1", "Phương Định");
    set(r, t, {{"A", "5"}, {"B", "7"}, {"C", "10"}, {"D", "4"}, {"E1", "3"}, {"E2", "4"}, {"F1", "1"}, {"F2", "2"},
               {"H", "9"}, {"K", "6"}, {"L", "2,5"}, {"M", "8"}, {"N", "11"}, {"T", "văn bản"}});
    r.values["A"].note = "ghi chú A";
    r.narrative = {{"S1", "Mục một."}, {"S2", "Mục hai."}, {"S4", "Mục bốn."}, {"S5", "Mục năm."}, {"S6", "Mục sáu."}};
    r.header.number = "09";
    r.justifications.push_back({"some-rule", "Lý do", "2024-03-08"});
    return r;
}

struct Fixture {
    schema::ReportTypePtr from = parse(old_text(), kOldLabel);
    schema::ReportTypePtr to = parse(new_text(), kNewLabel);
    report::Report old = old_report(*from);
};

const Item* item_from(const Migrated& m, const std::string& code) {
    for (const auto& i : m.summary)
        if (std::find(i.from.begin(), i.from.end(), code) != i.from.end()) return &i;
    return nullptr;
}

TEST(Migrate, EveryEnteredValueIsAccountedForExactlyOnce) {
    Fixture f;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    std::map<std::string, int> seen;
    for (const auto& i : m->summary)
        if (i.kind != ItemKind::NarrativeCarried && i.kind != ItemKind::NarrativeMoved &&
            i.kind != ItemKind::NarrativeDropped)
            for (const auto& c : i.from) ++seen[c];
    for (const auto& [code, e] : f.old.values) EXPECT_EQ(seen[code], 1) << code;
    EXPECT_EQ(seen.size(), f.old.values.size());
}

TEST(Migrate, EachKindOfMappingMovesTheValueAsDeclared) {
    Fixture f;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    const auto& v = m->report.values;
    auto value = [&](const char* code) { return v.count(code) ? v.at(code).value : std::string("<none>"); };
    EXPECT_EQ(value("A"), "5");
    EXPECT_EQ(v.at("A").note, "ghi chú A");
    EXPECT_EQ(value("B2"), "7");
    EXPECT_EQ(value("C1"), "10");  // split with keep: the whole value, to apportion
    EXPECT_EQ(value("C2"), "<none>");
    EXPECT_EQ(value("D1"), "<none>");  // split without keep: all blank
    EXPECT_EQ(value("D2"), "<none>");
    EXPECT_EQ(value("E"), "7");  // merged with sum
    EXPECT_EQ(value("F"), "<none>");  // merged without sum: the user types it
    EXPECT_EQ(value("H"), "<none>");
    EXPECT_EQ(value("K"), "6");  // unit changed: carried, with attention
    EXPECT_EQ(value("L"), "<none>");  // 2.5 is no integer
    EXPECT_EQ(value("M"), "<none>");
    EXPECT_EQ(value("N"), "<none>");  // computed in the new edition
    EXPECT_EQ(value("T"), "văn bản");

    const std::map<std::string, std::pair<ItemKind, bool>> expected = {
        {"A", {ItemKind::Carried, false}},     {"B", {ItemKind::Renamed, false}},
        {"C", {ItemKind::Split, true}},        {"D", {ItemKind::Split, true}},
        {"E1", {ItemKind::Merged, false}},     {"F1", {ItemKind::Merged, true}},
        {"H", {ItemKind::Dropped, false}},     {"K", {ItemKind::TypeChanged, true}},
        {"L", {ItemKind::TypeChanged, true}},  {"M", {ItemKind::Dropped, true}},
        {"N", {ItemKind::TypeChanged, true}},  {"T", {ItemKind::Carried, false}},
    };
    for (const auto& [code, want] : expected) {
        const Item* i = item_from(*m, code);
        ASSERT_NE(i, nullptr) << code;
        EXPECT_EQ(to_string(i->kind), std::string(to_string(want.first))) << code;
        EXPECT_EQ(i->attention, want.second) << code << ": " << i->message;
    }
    EXPECT_EQ(item_from(*m, "E1"), item_from(*m, "E2"));  // one item for the merge
    EXPECT_EQ(item_from(*m, "C")->to, (std::vector<std::string>{"C1", "C2"}));
    EXPECT_NE(item_from(*m, "C")->message.find("Tách theo hình thức tiếp nhận"), std::string::npos);
    EXPECT_NE(item_from(*m, "H")->message.find("Không còn yêu cầu"), std::string::npos);
    EXPECT_NE(item_from(*m, "K")->message.find("Dịch vụ"), std::string::npos);
}

TEST(Migrate, AMergeWithABlankSourceNeedsAttention) {
    Fixture f;
    f.old.values.erase("E2");
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    EXPECT_EQ(m->report.values.at("E").value, "3");
    EXPECT_TRUE(item_from(*m, "E1")->attention);
}

TEST(Migrate, NarrativeSectionsAreCarriedMovedJoinedAndKept) {
    Fixture f;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    const auto& n = m->report.narrative;
    EXPECT_EQ(n.at("S1"), "Mục một.\n\nMục sáu.");
    EXPECT_EQ(n.at("S3"), "Mục hai.");
    EXPECT_EQ(n.size(), 2u);
    auto section_item = [&](const std::string& id) {
        for (const auto& i : m->summary)
            if (i.from == std::vector<std::string>{id} &&
                (i.kind == ItemKind::NarrativeCarried || i.kind == ItemKind::NarrativeMoved ||
                 i.kind == ItemKind::NarrativeDropped))
                return &i;
        return static_cast<const Item*>(nullptr);
    };
    ASSERT_NE(section_item("S6"), nullptr);
    EXPECT_TRUE(section_item("S6")->attention);  // joined after existing text
    EXPECT_FALSE(section_item("S2")->attention);
    EXPECT_EQ(section_item("S4")->kind, ItemKind::NarrativeDropped);
    EXPECT_FALSE(section_item("S4")->attention);  // declared
    EXPECT_EQ(section_item("S5")->kind, ItemKind::NarrativeDropped);
    EXPECT_TRUE(section_item("S5")->attention);  // not declared
}

TEST(Migrate, WhatDidNotCarryIsKeptInTheReportAndSurvivesSaving) {
    Fixture f;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    ASSERT_EQ(m->report.preserved_xml.size(), 1u);
    const std::string& kept = m->report.preserved_xml[0];
    for (const char* code : {"C", "D", "E1", "E2", "F1", "F2", "H", "L", "M", "N"})
        EXPECT_NE(kept.find(std::string("code=\"") + code + "\""), std::string::npos) << code << " in " << kept;
    EXPECT_EQ(kept.find("code=\"A\""), std::string::npos) << "carried values are not duplicated";
    EXPECT_NE(kept.find(">9<"), std::string::npos);
    EXPECT_NE(kept.find("Mục bốn."), std::string::npos);
    EXPECT_NE(kept.find("Mục năm."), std::string::npos);

    const std::string xml = report::to_xml(m->report);
    auto back = report::from_xml(xml, "migrated.rbr");
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->preserved_xml.size(), 1u);
    EXPECT_NE(back->preserved_xml[0].find("code=\"H\""), std::string::npos);
    EXPECT_EQ(back->values, m->report.values);
}

TEST(Migrate, TheNewReportIsADraftOfTheNewEditionWithTheSameDocument) {
    Fixture f;
    f.old.status = report::Status::Complete;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    const auto& r = m->report;
    EXPECT_EQ(r.edition, "e2025");
    EXPECT_EQ(r.type_version, "1");
    EXPECT_EQ(r.status, report::Status::Draft);
    EXPECT_EQ(r.period, f.old.period);
    EXPECT_EQ(r.unit, f.old.unit);
    EXPECT_EQ(r.header, f.old.header);
    EXPECT_EQ(r.window_from, f.old.window_from);
    EXPECT_EQ(r.justifications, f.old.justifications);
    auto ev = evaluate(f.to, r);  // the new report evaluates under its definition
    EXPECT_EQ(ev.display(*f.to->slot("N")), "12");  // 5 + 7, computed from carried values
}

TEST(Migrate, WithoutADeclaredMappingSameCodesCarryAndTheRestIsKept) {
    Fixture f;
    auto to = parse(new_text(""), kNewLabel);
    auto m = migrate(f.old, *f.from, *to);
    ASSERT_TRUE(m) << m.error();
    EXPECT_EQ(m->summary.front().kind, ItemKind::NoMapping);
    EXPECT_TRUE(m->summary.front().attention);
    EXPECT_EQ(m->report.values.at("A").value, "5");
    EXPECT_EQ(item_from(*m, "B")->kind, ItemKind::Dropped);
    EXPECT_TRUE(item_from(*m, "B")->attention);
    EXPECT_NE(m->report.preserved_xml.back().find("code=\"B\""), std::string::npos);
}

TEST(Migrate, RefusesAReportOfAnotherEditionOrType) {
    Fixture f;
    f.old.edition = "e2025";
    EXPECT_FALSE(migrate(f.old, *f.from, *f.to));
    Fixture g;
    EXPECT_FALSE(migrate(g.old, *g.from, *g.from));  // same edition
    auto other = parse(definition("u", "e2025", kNewRows, kNewSections), "u.xml");
    EXPECT_FALSE(migrate(g.old, *g.from, *other));
}

// ---------------------------------------------------------------------------------------------
// Errors in the mapping, located

TEST(MigrationMapping, ANewSideCodeThatDoesNotExistIsALoadErrorAtItsElement) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <rename from="B" to="ZZ"/>
  </migration>
)");
    const std::string err = error_of(text, kNewLabel);
    EXPECT_NE(err.find(at(kNewLabel, text, "<rename") + "ấn bản này không có chỉ tiêu “ZZ”"), std::string::npos) << err;
}

TEST(MigrationMapping, ATargetThatIsComputedIsALoadError) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <merge from="E1 E2" to="N" sum="true"/>
  </migration>
)");
    const std::string err = error_of(text, kNewLabel);
    EXPECT_NE(err.find(at(kNewLabel, text, "<merge")), std::string::npos) << err;
    EXPECT_NE(err.find("tính tự động"), std::string::npos) << err;
}

TEST(MigrationMapping, AnOldCodeMappedTwiceAndAKeepOutsideTheTargetsAreLoadErrors) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <rename from="B" to="B2"/>
    <drop code="B"/>
    <split from="C" to="C1 C2" keep="D1"/>
  </migration>
)");
    const std::string err = error_of(text, kNewLabel);
    EXPECT_NE(err.find(at(kNewLabel, text, "<drop code=\"B\"") + "“B” của ấn bản cũ đã có trong một ánh xạ khác"),
              std::string::npos)
        << err;
    EXPECT_NE(err.find(at(kNewLabel, text, "<split")), std::string::npos) << err;
}

TEST(MigrationMapping, AnUnknownSectionTargetIsALoadError) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <section from="S2" to="S9"/>
  </migration>
)");
    const std::string err = error_of(text, kNewLabel);
    EXPECT_NE(err.find(at(kNewLabel, text, "<section from=\"S2\"") + "ấn bản này không có mục “S9”"), std::string::npos)
        << err;
}

TEST(MigrationMapping, AMisspelledElementIsASchemaViolation) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <renam from="B" to="B2"/>
  </migration>
)");
    const std::string err = error_of(text, kNewLabel);
    EXPECT_NE(err.find(kNewLabel + ":" + std::to_string(line_of(text, "<renam "))), std::string::npos) << err;
}

TEST(MigrationMapping, OldSideCodesAreCheckedWhenMigratingAndNamedAtTheMappingLine) {
    const std::string text = new_text(R"(  <migration from="e2024">
    <drop code="QQ"/>
    <section from="S8" to="S3"/>
  </migration>
)");
    auto to = parse(text, kNewLabel);  // the old side is unknown at load
    Fixture f;
    auto m = migrate(f.old, *f.from, *to);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().find(at(kNewLabel, text, "<drop code=\"QQ\"") + "ấn bản cũ e2024 (" + kOldLabel +
                             ") không có chỉ tiêu “QQ”"),
              std::string::npos)
        << m.error();
    EXPECT_NE(m.error().find(at(kNewLabel, text, "<section from=\"S8\"")), std::string::npos) << m.error();
}

// ---------------------------------------------------------------------------------------------
// The real mapping: Phương Định's Q1 2024 CCHC report into the Ninh Bình 2025 edition

struct Real {
    schema::ReportTypePtr from = load("plugins/cchc/cchc-nam-dinh-2024.xml");
    schema::ReportTypePtr to = load("plugins/cchc/cchc-ninh-binh-2025.xml");
    report::Report old = [] {
        auto r = report::load(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
        if (!r) throw std::runtime_error(r.error());
        return *r;
    }();
};

TEST(PhuongDinh, TheNinhBinhEditionDeclaresTheMappingFromNamDinh) {
    Real f;
    const auto* m = f.to->migration_from("nam-dinh-2024");
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(schema::check_migration_sources(*f.to, *m, *f.from).empty());
    // Every code of the old edition is either in the new one or named by the mapping.
    std::set<std::string> named;
    for (const auto& r : m->rules)
        for (const auto& c : r.from) named.insert(c);
    for (const auto& ind : f.from->indicators) {
        if (!ind.heading && !ind.is_computed()) {
            EXPECT_TRUE(f.to->indicator(ind.code) || named.count(ind.code)) << ind.code;
        }
    }
}

TEST(PhuongDinh, EveryValueIsCarriedMappedOrDroppedWithNotice) {
    Real f;
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    int entered = 0, carried = 0, mapped = 0, dropped = 0;
    for (const auto& [code, e] : f.old.values)
        if (!e.value.empty() || !e.note.empty()) ++entered;
    for (const auto& i : m->summary) {
        switch (i.kind) {
            case ItemKind::Carried: ++carried; break;
            case ItemKind::Renamed:
            case ItemKind::Merged:
            case ItemKind::Split:
            case ItemKind::TypeChanged: mapped += static_cast<int>(i.from.size()); break;
            case ItemKind::Dropped:
                // A dropped row the old report left blank is listed, but holds no value.
                if (!i.old_value.empty()) dropped += static_cast<int>(i.from.size());
                break;
            default: break;
        }
    }
    EXPECT_GT(entered, 60);
    EXPECT_EQ(carried + mapped + dropped, entered);
    EXPECT_EQ(m->report.values, f.old.values);  // the sample has no district-level count
    EXPECT_EQ(m->report.narrative, f.old.narrative);
    EXPECT_EQ(m->report.edition, "ninh-binh-2025");
    EXPECT_EQ(m->report.header, f.old.header);
    // The header still names the district: the user is told to look at it.
    bool header = false;
    for (const auto& i : m->summary) header = header || (i.kind == ItemKind::Header && i.attention);
    EXPECT_TRUE(header);
    const Item* district = item_from(*m, "III.1.1");
    ASSERT_NE(district, nullptr);  // blank in the sample, and still listed
    EXPECT_EQ(district->kind, ItemKind::Dropped);
    EXPECT_TRUE(district->old_value.empty());
    EXPECT_FALSE(district->attention);
    auto ev = evaluate(f.to, m->report);
    EXPECT_EQ(ev.display(*f.to->slot("III.1")), ev.display(*f.to->slot("III.1.2")));
}

TEST(PhuongDinh, ADistrictLevelCountIsDroppedWithItsReasonAndKept) {
    Real f;
    f.old.values["III.1.1"] = {"12", ""};
    auto m = migrate(f.old, *f.from, *f.to);
    ASSERT_TRUE(m) << m.error();
    const Item* i = item_from(*m, "III.1.1");
    ASSERT_NE(i, nullptr);
    EXPECT_EQ(i->kind, ItemKind::Dropped);
    EXPECT_EQ(i->old_value, "12");
    EXPECT_NE(i->message.find("cấp huyện"), std::string::npos) << i->message;
    EXPECT_EQ(m->report.values.count("III.1.1"), 0u);
    ASSERT_FALSE(m->report.preserved_xml.empty());
    EXPECT_NE(m->report.preserved_xml.back().find("code=\"III.1.1\""), std::string::npos);
    EXPECT_NE(m->report.preserved_xml.back().find(">12<"), std::string::npos);
}

}  // namespace
}  // namespace rb::migrate
