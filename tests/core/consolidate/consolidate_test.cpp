// Consolidation of generated communes: known sums, ratios recomputed (not averaged), the
// checks on the inputs (duplicates, periods, editions, versions, missing and unknown units),
// outliers, per-unit findings, drill-down, predecessors of a merged commune, and files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "consolidate/consolidate.hpp"
#include "export/submission/submission.hpp"
#include "generator.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"
#include "report/report.hpp"
#include "report/unit_catalog.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::consolidate {
namespace {

namespace fs = std::filesystem;

class ConsolidateTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto t = schema::load_definition(test::cchc_definition_path(RB_SOURCE_DIR));
        ASSERT_TRUE(t) << t.error();
        type_ = *t;
        auto s = report::load(test::cchc_sample_path(RB_SOURCE_DIR));
        ASSERT_TRUE(s) << s.error();
        sample_ = new report::Report(std::move(*s));
    }
    static void TearDownTestSuite() {
        delete sample_;
        sample_ = nullptr;
        type_.reset();
    }

    static std::vector<report::Report> communes(int n) { return test::make_communes(*sample_, *type_, n); }

    static Result run(const std::vector<report::Report>& rs, Options o = {}) {
        std::vector<const report::Report*> ptrs;
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < rs.size(); ++i) {
            ptrs.push_back(&rs[i]);
            labels.push_back(fmt::format("xa-{:02}.xml", i));
        }
        auto r = consolidate(type_, ptrs, labels, std::move(o));
        EXPECT_TRUE(r) << r.error();
        return std::move(*r);
    }

    static std::size_t slot(const char* code) { return *type_->slot(code); }

    static long long value_of(const report::Report& r, const std::string& code) {
        auto it = r.values.find(code);
        return it == r.values.end() || it->second.value.empty() ? 0 : std::stoll(it->second.value);
    }

    static int count(const Result& res, IssueKind k) {
        return static_cast<int>(std::count_if(res.issues.begin(), res.issues.end(), [&](const Issue& i) { return i.kind == k; }));
    }

    static schema::ReportTypePtr type_;
    static report::Report* sample_;
};

schema::ReportTypePtr ConsolidateTest::type_;
report::Report* ConsolidateTest::sample_ = nullptr;

TEST_F(ConsolidateTest, TotalsAreTheSumsOfTheCommunes) {
    const auto rs = communes(12);
    const auto res = run(rs);
    EXPECT_EQ(res.included, 12);
    EXPECT_FALSE(res.has_problems());
    int checked = 0;
    for (std::size_t s = 0; s < type_->indicators.size(); ++s) {
        const auto& ind = type_->indicators[s];
        if (ind.heading || ind.is_computed() || ind.type != schema::ValueType::Integer) continue;
        long long expected = 0;
        int given = 0;
        for (const auto& r : rs) {
            auto it = r.values.find(ind.code);
            if (it == r.values.end() || it->second.value.empty()) continue;
            expected += std::stoll(it->second.value);
            ++given;
        }
        if (given == 0) {
            EXPECT_EQ(res.report.values.count(ind.code), 0u) << ind.code;
            continue;
        }
        ASSERT_EQ(res.report.values.count(ind.code), 1u) << ind.code;
        EXPECT_EQ(res.report.values.at(ind.code).value, std::to_string(expected)) << ind.code;
        EXPECT_EQ(res.totals[s].contributors, given) << ind.code;
        ++checked;
    }
    EXPECT_GT(checked, 50);
    // HS.2.2 of the sample is 1034: communes scale it by 1, 2, 3 in turn → 1034 × 24.
    EXPECT_EQ(res.report.values.at("HS.2.2").value, "24816");
    // A computed count is recomputed from the sums: HS.3 = HS.1 + HS.2.
    const auto& hs3 = res.totals[slot("HS.3")];
    ASSERT_TRUE(hs3.value.is_number());
    EXPECT_DOUBLE_EQ(hs3.value.number, static_cast<double>(value_of(res.report, "HS.1") + value_of(res.report, "HS.2.1") +
                                                           value_of(res.report, "HS.2.2") + value_of(res.report, "HS.2.3")));
    // Same type, edition, period; the office is the communes' common parent.
    EXPECT_EQ(res.report.type_id, "cchc");
    EXPECT_EQ(res.report.edition, sample_->edition);
    EXPECT_EQ(res.report.period, sample_->period);
    EXPECT_EQ(res.report.unit.name, "Trực Ninh");
    EXPECT_EQ(res.report.unit.kind, "huyện");
}

// Mean age of the people a commune registered, weighed by how many it registered; a score every
// commune gives counts the same for each.
TEST_F(ConsolidateTest, AMeanIsWeighedByItsWeightIndicator) {
    auto t = schema::parse_definition(R"(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="m" edition="e" version="1" formatVersion="1">
  <title>T</title><periods><period kind="quarter"/></periods>
  <narrative><section id="S"><title>S</title></section></narrative>
  <appendix><title>P</title><group code="G"><title>G</title>
    <indicator code="N" type="integer" min="0"><label>People</label></indicator>
    <indicator code="AGE" type="decimal" consolidate="mean" weight="N"><label>Mean age</label></indicator>
    <indicator code="SCORE" type="decimal" consolidate="mean"><label>Score</label></indicator>
  </group></appendix>
</reportType>
)", "m.xml");
    ASSERT_TRUE(t) << t.error();
    const std::vector<std::vector<report::Assignment>> given = {
        {{"N", "10"}, {"AGE", "30"}, {"SCORE", "4"}},
        {{"N", "30"}, {"AGE", "50"}, {"SCORE", "8"}},
        {{"N", "0"}, {"AGE", "99"}, {"SCORE", ""}},  // weighs nothing; no score
    };
    std::vector<report::Report> rs;
    for (std::size_t i = 0; i < given.size(); ++i) {
        report::UnitInfo u;
        u.name = "Xã " + std::to_string(i + 1);
        u.kind = "xã";
        u.parent = "Trực Ninh";
        rs.push_back(report::new_report(**t, *report::Period::parse("2025-Q3"), u));
        ASSERT_TRUE(report::apply_values(rs.back(), **t, given[i]));
    }
    std::vector<const report::Report*> ptrs;
    for (const auto& r : rs) ptrs.push_back(&r);
    auto res = consolidate(*t, ptrs, {"a.rbr", "b.rbr", "c.rbr"}, {});
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->report.values.at("N").value, "40");
    EXPECT_EQ(res->report.values.at("AGE").value, "45");  // (10×30 + 30×50) / 40, not (30+50+99)/3
    EXPECT_EQ(res->totals[*(*t)->slot("AGE")].contributors, 2);
    EXPECT_EQ(res->report.values.at("SCORE").value, "6");
    EXPECT_EQ(res->totals[*(*t)->slot("AGE")].rule, schema::Consolidation::Mean);
}

TEST_F(ConsolidateTest, RatioIsRecomputedFromSumsNotAveraged) {
    const auto rs = communes(8);
    double num = 0, den = 0, avg = 0;
    for (const auto& r : rs) {
        const double n = static_cast<double>(value_of(r, "V.1.2")), d = static_cast<double>(value_of(r, "V.1.1"));
        num += n;
        den += d;
        avg += 100.0 * n / d;
    }
    avg /= static_cast<double>(rs.size());
    const double ratio = 100.0 * num / den;
    // Small communes sent nothing electronically, large ones everything: 90 % against 75 %.
    EXPECT_NEAR(ratio, 90.0, 1e-9);
    EXPECT_NEAR(avg, 75.0, 1e-9);

    const auto res = run(rs);
    const auto& t = res.totals[slot("V.1")];
    EXPECT_EQ(t.rule, schema::Consolidation::Recompute);
    ASSERT_TRUE(t.value.is_number());
    EXPECT_NEAR(t.value.number, ratio, 0.01);
    EXPECT_GT(std::fabs(t.value.number - avg), 5.0);
    // The consolidated document recomputes the same ratio (what every exporter shows).
    auto ev = validate::Evaluation::create(type_);
    ASSERT_TRUE(ev);
    ev->load(res.report);
    EXPECT_NEAR(ev->value(slot("V.1")).number, ratio, 0.01);
    EXPECT_EQ(res.report.values.count("V.1"), 0u);  // computed rows are never stored
}

TEST_F(ConsolidateTest, DrillDownGivesEachCommunesValue) {
    const auto rs = communes(6);
    const auto res = run(rs);
    for (const char* code : {"HS.2.2", "V.1", "V.1.1"}) {
        const auto dd = res.drill_down(slot(code));
        ASSERT_EQ(dd.size(), rs.size()) << code;
        for (const auto& [unit, v] : dd) {
            const auto& r = rs[unit];
            EXPECT_EQ(res.units[unit].data.unit.name, r.unit.name);
            if (std::string(code) == "V.1") {
                EXPECT_NEAR(v.number, 100.0 * static_cast<double>(value_of(r, "V.1.2")) / static_cast<double>(value_of(r, "V.1.1")), 0.01);
            } else {
                EXPECT_EQ(v.number, static_cast<double>(value_of(r, code))) << code;
            }
        }
    }
}

TEST_F(ConsolidateTest, DuplicatesCopiesAndAmendments) {
    auto rs = communes(5);
    rs.push_back(rs[1]);                        // 5: an identical copy of commune 1
    rs.push_back(rs[2]);                        // 6: commune 2 again, other figures
    rs.back().values["HS.2.2"].value = "7";
    rs.push_back(rs[3]);                        // 7: an amendment of commune 3
    rs.back().amendment = 1;
    rs.back().values["HS.2.2"].value = "5000";
    const auto res = run(rs);
    EXPECT_EQ(res.units[5].state, InputState::Copy);
    EXPECT_EQ(res.units[1].state, InputState::Included);
    EXPECT_EQ(res.units[2].state, InputState::Duplicate);
    EXPECT_EQ(res.units[6].state, InputState::Duplicate);
    EXPECT_EQ(res.units[3].state, InputState::Superseded);
    EXPECT_EQ(res.units[7].state, InputState::Included);
    EXPECT_EQ(count(res, IssueKind::Duplicate), 2);
    bool names_both = false;
    for (const auto& i : res.issues)
        if (i.kind == IssueKind::Duplicate && i.file == "xa-02.xml")
            names_both = i.other_file == "xa-06.xml" && i.message.find("xa-06.xml") != std::string::npos;
    EXPECT_TRUE(names_both);
    EXPECT_TRUE(res.has_problems());
    // Counted: communes 0, 1 (once), 3 (amended), 4; commune 2 not at all.
    EXPECT_EQ(res.included, 4);
    const long long expected = value_of(rs[0], "HS.2.2") + value_of(rs[1], "HS.2.2") + 5000 + value_of(rs[4], "HS.2.2");
    EXPECT_EQ(res.report.values.at("HS.2.2").value, std::to_string(expected));
}

TEST_F(ConsolidateTest, MixedPeriodsEditionsAndVersionsAreExcludedAndNamed) {
    auto rs = communes(6);
    rs[2].period = *report::Period::parse("2024-Q2");
    rs[3].type_version = "9.9";
    rs[4].edition = "ninh-binh-2025";
    const auto res = run(rs);
    EXPECT_EQ(res.units[2].state, InputState::Mismatch);
    EXPECT_EQ(res.units[3].state, InputState::Mismatch);
    EXPECT_EQ(res.units[4].state, InputState::Mismatch);
    EXPECT_EQ(count(res, IssueKind::Mismatch), 3);
    auto message_of = [&](const std::string& file) {
        for (const auto& i : res.issues)
            if (i.kind == IssueKind::Mismatch && i.file == file) return i.message;
        return std::string();
    };
    EXPECT_NE(message_of("xa-02.xml").find("2024-Q2"), std::string::npos);
    EXPECT_NE(message_of("xa-03.xml").find("9.9"), std::string::npos);
    EXPECT_NE(message_of("xa-04.xml").find("ninh-binh-2025"), std::string::npos);
    EXPECT_EQ(res.included, 3);
    EXPECT_TRUE(res.has_problems());
    const long long expected = value_of(rs[0], "HS.2.2") + value_of(rs[1], "HS.2.2") + value_of(rs[5], "HS.2.2");
    EXPECT_EQ(res.report.values.at("HS.2.2").value, std::to_string(expected));
}

TEST_F(ConsolidateTest, AnExplicitPeriodIsTheReference) {
    auto rs = communes(3);
    Options o;
    o.period = *report::Period::parse("2024-Q2");
    rs[1].period = *o.period;
    const auto res = run(rs, o);
    EXPECT_EQ(res.units[0].state, InputState::Mismatch);
    EXPECT_EQ(res.units[1].state, InputState::Included);
    EXPECT_EQ(res.report.period, *o.period);
}

TEST_F(ConsolidateTest, MissingAndUnknownCommunes) {
    const auto rs = communes(4);
    Options o;
    // Case, Unicode normalisation (decomposed text) and the kind word do not matter.
    o.expected = {locale::to_upper(rs[0].unit.name), "Xa\xCC\x83 Thu\xCC\x9B\xCC\x89 Nghie\xCC\xA3\xCC\x82m 00001",
                  "Thử Nghiệm 00002", "Xã Vắng Mặt"};
    const auto res = run(rs, o);
    ASSERT_EQ(res.missing.size(), 1u);
    EXPECT_EQ(res.missing[0], "Xã Vắng Mặt");
    EXPECT_EQ(count(res, IssueKind::Missing), 1);
    EXPECT_EQ(res.units[3].state, InputState::Unknown);
    EXPECT_TRUE(res.units[3].unknown);
    EXPECT_EQ(count(res, IssueKind::Unknown), 1);
    EXPECT_EQ(res.included, 3);
    EXPECT_EQ(res.units[0].expected_as, o.expected[0]);
    EXPECT_TRUE(res.has_problems());
}

TEST_F(ConsolidateTest, ANameWithoutDiacriticsMatchesWithAWarning) {
    const auto rs = communes(2);
    Options o;
    o.expected = {"Xa Thu Nghiem 00000", rs[1].unit.name};
    const auto res = run(rs, o);
    EXPECT_TRUE(res.missing.empty());
    EXPECT_EQ(count(res, IssueKind::SpellingDiffers), 1);
    EXPECT_EQ(res.included, 2);
    EXPECT_FALSE(res.has_problems());
}

TEST_F(ConsolidateTest, AllExpectedSubmittedIsNoProblem) {
    const auto rs = communes(3);
    Options o;
    for (const auto& r : rs) o.expected.push_back(r.unit.name);
    const auto res = run(rs, o);
    EXPECT_TRUE(res.missing.empty());
    EXPECT_FALSE(res.has_problems());
}

TEST_F(ConsolidateTest, AFigureTenTimesTooLargeIsAnOutlier) {
    auto rs = communes(30);
    rs[7].values["HS.7.1"].value = std::to_string(value_of(rs[7], "HS.7.1") * 10);
    const auto res = run(rs);
    std::vector<const Issue*> out;
    for (const auto& i : res.issues)
        if (i.kind == IssueKind::Outlier) out.push_back(&i);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0]->code, "HS.7.1");
    EXPECT_EQ(out[0]->file, "xa-07.xml");
    EXPECT_EQ(out[0]->unit, rs[7].unit.name);
    EXPECT_EQ(out[0]->value, static_cast<double>(value_of(rs[7], "HS.7.1")));
    EXPECT_EQ(out[0]->median, 1970.0);  // 985 × 2, the middle commune size
    EXPECT_NE(out[0]->message.find("HS.7.1"), std::string::npos);
    // Outliers are warnings: the data is not refused for them.
    EXPECT_FALSE(res.has_problems());
}

TEST_F(ConsolidateTest, HomogeneousCommunesHaveNoOutliersEvenOfDifferentSizes) {
    auto rs = communes(30);
    // A commune ten times larger in everything is large, not wrong.
    for (auto& [code, e] : rs[4].values) {
        const auto* ind = type_->indicator(code);
        if (ind && ind->type == schema::ValueType::Integer && !e.value.empty())
            e.value = std::to_string(std::stoll(e.value) * 10);
    }
    const auto res = run(rs);
    EXPECT_EQ(count(res, IssueKind::Outlier), 0);
}

TEST_F(ConsolidateTest, APercentageFarFromTheOthersIsAnOutlier) {
    auto rs = communes(20);
    // Every commune sends 90 % electronically, one only 10 %.
    for (auto& r : rs) {
        r.values["V.1.1"].value = "100";
        r.values["V.1.2"].value = "90";
    }
    rs[11].values["V.1.2"].value = "10";
    const auto res = run(rs);
    int v1 = 0;
    for (const auto& i : res.issues)
        if (i.kind == IssueKind::Outlier && i.code == "V.1") {
            ++v1;
            EXPECT_EQ(i.file, "xa-11.xml");
            EXPECT_NEAR(i.median, 90.0, 1e-9);
        }
    EXPECT_EQ(v1, 1);
}

TEST_F(ConsolidateTest, TooFewValuesAreNotCheckedForOutliers) {
    auto rs = communes(4);
    rs[1].values["HS.7.1"].value = "9999999";
    const auto res = run(rs);
    EXPECT_EQ(count(res, IssueKind::Outlier), 0);
}

TEST_F(ConsolidateTest, PerUnitFindingsAreCarried) {
    auto rs = communes(5);
    rs[3].values["V.1.2"].value = "999";  // more electronic documents than documents
    const auto res = run(rs);
    EXPECT_EQ(res.units_with_errors, 1);
    EXPECT_GT(res.units[3].data.errors, 0);
    EXPECT_EQ(res.units[0].data.errors, 0);
    bool rule_found = false;
    for (const auto& f : res.units[3].data.findings)
        rule_found = rule_found || (f.severity == schema::Severity::Error && !f.message.empty() &&
                                    f.rule == "electronic-documents");
    EXPECT_TRUE(rule_found);
    // Its figures are still counted: findings are the commune's to answer, not a reason to drop it.
    EXPECT_EQ(res.included, 5);
}

// The office checks each unit's figures: the narrative is not re-analysed in a consolidation.
TEST_F(ConsolidateTest, PerUnitFindingsLeaveTheNarrativeOut) {
    auto rs = communes(3);
    ASSERT_FALSE(rs[1].narrative.empty());
    rs[1].narrative.begin()->second += " Kết quả này cao hơn năm 2019.";
    // The commune's own program does see it (so this test would notice it slipping in).
    auto ev = validate::Evaluation::create(type_);
    ASSERT_TRUE(ev) << ev.error();
    ev->load(rs[1]);
    const auto full = validate::validate(*ev, rs[1]);
    const auto figures = validate::validate(*ev, rs[1], validate::ValidateOptions{.narrative = false});
    bool year_seen = false;
    for (const auto& f : full.findings) year_seen = year_seen || f.rule == "narrative.year";
    ASSERT_TRUE(year_seen);
    for (const auto& f : figures.findings) EXPECT_NE(f.rule.rfind("narrative", 0), 0u) << f.rule;

    const auto res = run(rs);
    const auto& d = res.units[1].data;
    for (const auto& f : d.findings) EXPECT_NE(f.rule.rfind("narrative", 0), 0u) << f.rule;
    EXPECT_EQ(d.errors, figures.errors);
    EXPECT_EQ(d.warnings, figures.warnings);
    EXPECT_EQ(d.infos, figures.infos);
}

TEST_F(ConsolidateTest, YesNoAndChoiceAreCountedNotSummed) {
    auto rs = communes(5);
    rs[2].values["I.6"].value = "1";
    const auto res = run(rs);
    EXPECT_EQ(res.report.values.count("I.5"), 0u);
    EXPECT_EQ(res.report.values.count("I.5.2"), 0u);
    const auto& i6 = res.totals[slot("I.6")];
    EXPECT_EQ(i6.rule, schema::Consolidation::None);
    EXPECT_EQ(i6.answers.at(1), 1);
    EXPECT_EQ(i6.answers.at(0), 4);
    EXPECT_EQ(res.totals[slot("I.5.2")].answers.at(0), 5);
}

TEST_F(ConsolidateTest, TheConsolidatedReportIsAValidDocument) {
    const auto rs = communes(3);
    Options o;
    o.office = report::UnitInfo{"Trực Ninh", "huyện", "Nam Định", "tỉnh", "Nam Định", {}, ""};
    const auto res = run(rs, o);
    const std::string xml = report::to_xml(res.report);
    auto back = report::from_xml(xml, "tong-hop.rbr");
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->values, res.report.values);
    EXPECT_EQ(back->header.issuing_body, "UBND HUYỆN TRỰC NINH");
    for (const auto& [code, e] : res.report.values) {
        const auto* ind = type_->indicator(code);
        ASSERT_NE(ind, nullptr);
        EXPECT_TRUE(report::check_stored_value(*ind, e.value)) << code << "=" << e.value;
    }
}

TEST_F(ConsolidateTest, CanonicalText) {
    const auto& ind = *type_->indicator("HS.2.2");
    EXPECT_EQ(canonical_text(ind, 1034), "1034");
    EXPECT_EQ(canonical_text(ind, 0.1 + 0.2), "0.3");
    EXPECT_EQ(canonical_text(ind, 16.67), "16.67");
    EXPECT_EQ(canonical_text(ind, -3), "-3");
}

TEST_F(ConsolidateTest, PredecessorsOfAMergedCommuneAreSummed) {
    const auto rs = communes(3);
    const report::UnitInfo merged{"Xã Mới Sáp Nhập", "xã", "", "", "Ninh Bình", {"A", "B", "C"}, ""};
    auto r = sum_predecessor_reports(type_, {&rs[0], &rs[1], &rs[2]}, merged);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->unit.name, "Xã Mới Sáp Nhập");
    EXPECT_EQ(r->period, rs[0].period);
    EXPECT_EQ(r->values.at("HS.2.2").value,
              std::to_string(value_of(rs[0], "HS.2.2") + value_of(rs[1], "HS.2.2") + value_of(rs[2], "HS.2.2")));
    // The same predecessor twice (with other figures) or another period is refused.
    auto twice = rs[1];
    twice.values["HS.2.2"].value = "1";
    auto bad = sum_predecessor_reports(type_, {&rs[0], &rs[1], &twice}, merged);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find(rs[1].unit.name), std::string::npos);
    auto other = rs[2];
    other.period = *report::Period::parse("2023-Q1");
    EXPECT_FALSE(sum_predecessor_reports(type_, {&rs[0], &other}, merged));
    EXPECT_FALSE(sum_predecessor_reports(type_, {}, merged));
}

TEST_F(ConsolidateTest, ExpectedUnitsFile) {
    auto ok = parse_expected_units("\xEF\xBB\xBF# Huyện Trực Ninh\r\nXã A\r\n\n  Xã B   # ghi chú\nxã a\n", "ds.txt");
    ASSERT_TRUE(ok) << ok.error();
    ASSERT_EQ(ok->size(), 2u);  // "xã a" repeats "Xã A"
    EXPECT_EQ((*ok)[0], "Xã A");
    EXPECT_EQ((*ok)[1], "Xã B");
    auto bad = parse_expected_units("Xã A\nX\xFF\n", "ds.txt");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("ds.txt:2"), std::string::npos);
}

TEST_F(ConsolidateTest, SubmissionFilesReadOnTwoThreadsGiveTheSameResult) {
    const auto rs = communes(20);
    const fs::path dir = fs::temp_directory_path() / fmt::format("rb-consolidate-{}", ::getpid());
    fs::create_directories(dir);
    std::vector<std::string> paths;
    auto ev = validate::Evaluation::create(type_);
    ASSERT_TRUE(ev);
    for (std::size_t i = 0; i < rs.size(); ++i) {
        ev->load(rs[i]);
        const auto sub = exporting::make_submission(rs[i], *ev, validate::validate(*ev, rs[i]));
        const fs::path p = dir / fmt::format("xa-{:02}.xml", i);
        std::ofstream(p, std::ios::binary) << exporting::submission_to_xml(sub);
        paths.push_back(p.string());
    }
    // A hostile file is refused by the reader, named, and the rest still counts.
    const fs::path hostile = dir / "hostile.xml";
    std::ofstream(hostile, std::ios::binary) << "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<x/>\n";
    paths.push_back(hostile.string());
    std::size_t last = 0;
    auto outcomes = read_and_digest(type_, paths, 2, true, true, [&](std::size_t done, std::size_t total) {
        EXPECT_LE(done, total);
        last = done;
    });
    EXPECT_EQ(last, paths.size());
    auto c = Consolidator::create(type_);
    ASSERT_TRUE(c);
    for (auto& o : outcomes) {
        if (o.data) c->add(std::move(*o.data));
        else c->add_unreadable(o.label, o.error);
    }
    const auto from_files = c->finish();
    const auto in_memory = run(rs);
    EXPECT_EQ(from_files.report.values, in_memory.report.values);
    EXPECT_EQ(from_files.included, 20);
    EXPECT_EQ(from_files.units.back().state, InputState::Unreadable);
    EXPECT_NE(from_files.units.back().reason.find("DOCTYPE"), std::string::npos);
    EXPECT_TRUE(from_files.has_problems());
    for (std::size_t i = 0; i < rs.size(); ++i) EXPECT_EQ(from_files.units[i].data.unit.name, rs[i].unit.name);
    fs::remove_all(dir);
}

namespace by_code {

// The sample (Phương Định, 2024-Q1) as commune `code` of the units catalog.
report::Report as_commune(const report::Report& sample, const schema::ReportType& type, const units::Catalog& c,
                          const std::string& code, int i) {
    report::Report r = test::make_commune(sample, type, i);
    const units::Unit* u = c.find(code, units::Level::Commune, {2024, 3, 31});
    EXPECT_NE(u, nullptr) << code;
    if (u) r.unit = report::unit_info(c, *u, r.period);
    return r;
}

}  // namespace by_code

TEST_F(ConsolidateTest, AProvinceByCodeWithMissingDuplicateAndMisnamedSubmissions) {
    auto loaded = units::Catalog::load(std::string(RB_SOURCE_DIR) + "/data/units/units.tsv");
    ASSERT_TRUE(loaded) << loaded.error();
    const units::Catalog& c = *loaded;
    std::vector<report::Report> rs;
    rs.push_back(by_code::as_commune(*sample_, *type_, c, "14029", 0));  // Phương Định
    rs.push_back(by_code::as_commune(*sample_, *type_, c, "14032", 1));  // Trực Chính
    // Liêm Hải twice: once with its code, once by name only (another spelling, other figures):
    // the same commune, so a duplicate; neither counts.
    rs.push_back(by_code::as_commune(*sample_, *type_, c, "14038", 2));
    auto by_name = by_code::as_commune(*sample_, *type_, c, "14038", 3);
    by_name.unit.code.clear();
    by_name.unit.name = "liêm hải";
    rs.push_back(by_name);
    // A code whose name in the file is another commune's: a problem to resolve.
    auto misnamed = by_code::as_commune(*sample_, *type_, c, "14035", 4);
    misnamed.unit.name = "Phương Định";
    rs.push_back(misnamed);

    Options o;
    o.catalog = &c;
    o.expected_province = "nam dinh";
    const auto res = run(rs, o);
    EXPECT_TRUE(res.has_problems());
    EXPECT_EQ(count(res, IssueKind::Duplicate), 2);
    EXPECT_EQ(res.units[2].state, InputState::Duplicate);
    EXPECT_EQ(res.units[3].state, InputState::Duplicate);
    EXPECT_EQ(res.units[3].code, "14038");  // found from its name
    ASSERT_EQ(count(res, IssueKind::UnitCode), 1);
    for (const auto& i : res.issues)
        if (i.kind == IssueKind::UnitCode) {
            EXPECT_EQ(i.file, "xa-04.xml");
            EXPECT_NE(i.message.find("14035"), std::string::npos) << i.message;
        }
    // Every commune of Nam Định on 31/3/2024 is expected; those without a counted report are
    // named as the catalog names them, with their code.
    const auto all = c.communes_of("36", {2024, 3, 31});
    ASSERT_GT(all.size(), 150u);
    EXPECT_EQ(res.missing.size(), all.size() - 3);  // Phương Định, Trực Chính, 14035 counted
    EXPECT_NE(std::find(res.missing.begin(), res.missing.end(), "14038 Xã Liêm Hải"), res.missing.end());
    EXPECT_EQ(std::find(res.missing.begin(), res.missing.end(), "14029 Xã Phương Định"), res.missing.end());
    EXPECT_EQ(res.included, 3);

    // A list of codes works the same way; a line's own name does not matter.
    Options listed;
    listed.catalog = &c;
    listed.expected = {"14029 Phuong Dinh", "14032", "14041"};
    const auto res2 = run({rs[0], rs[1]}, listed);
    ASSERT_EQ(res2.missing.size(), 1u);
    EXPECT_EQ(res2.missing.front(), "14041 " + c.find("14041", units::Level::Commune, {2024, 3, 31})->full_name());
    EXPECT_EQ(res2.units[0].expected_as, "14029 Phuong Dinh");

    // A province the catalog does not have on the period's last day is said.
    Options gone;
    gone.catalog = &c;
    gone.expected_province = "Tỉnh Không Có";
    const auto res3 = run({rs[0]}, gone);
    EXPECT_TRUE(res3.has_problems());
    EXPECT_EQ(res3.missing.size(), 1u);
}

}  // namespace
}  // namespace rb::consolidate
