// A unit's history in its workspace: which earlier report a comparison uses (across the year
// boundary, amendments, merged communes), the change of each figure, the series of one
// indicator, and the warning for a figure far outside the unit's past.
#include "history/history.hpp"

#include <gtest/gtest.h>

#include "report/unit_catalog.hpp"

#include <algorithm>

#include "../session/session_fixture.hpp"
#include "report/report.hpp"
#include "session/workspace.hpp"
#include "validate/evaluation.hpp"

namespace rb::test {
namespace {

using history::Baseline;
using report::Period;

Period period(const char* code) { return *Period::parse(code); }

TEST(HistoryPeriods, PreviousCrossesTheYearBoundaryAndYearAgoKeepsThePeriod) {
    EXPECT_EQ(history::baseline_period(period("2025-Q1"), Baseline::Previous).code(), "2024-Q4");
    EXPECT_EQ(history::baseline_period(period("2025-Q3"), Baseline::Previous).code(), "2025-Q2");
    EXPECT_EQ(history::baseline_period(period("2025-Q1"), Baseline::YearAgo).code(), "2024-Q1");
    EXPECT_EQ(history::baseline_period(period("2025-H1"), Baseline::Previous).code(), "2024-H1");
    EXPECT_EQ(history::baseline_period(period("2025-9M"), Baseline::YearAgo).code(), "2024-9M");
    EXPECT_EQ(history::baseline_period(period("2025"), Baseline::Previous).code(), "2024");
    EXPECT_TRUE(history::earlier(period("2024-Q4"), period("2025-Q1")));
    EXPECT_TRUE(history::earlier(period("2025-Q2"), period("2025-H1")));  // same end month
    EXPECT_FALSE(history::earlier(period("2025-Q1"), period("2025-Q1")));
    EXPECT_FALSE(history::parse_baseline("last-year").has_value());
    EXPECT_EQ(*history::parse_baseline("year-ago"), Baseline::YearAgo);
}

TEST(HistoryJudge, ASlipOfOneDigitEitherWayIsAnOutlierOrdinaryChangeIsNot) {
    const std::vector<double> past{702, 717, 690, 731};
    EXPECT_TRUE(history::judge(7170, past)->outlier);
    EXPECT_TRUE(history::judge(71, past)->outlier);
    EXPECT_FALSE(history::judge(820, past)->outlier);
    EXPECT_FALSE(history::judge(500, past)->outlier);
    EXPECT_FALSE(history::judge(0, past)->outlier) << "a quiet quarter may have none";
    EXPECT_NEAR(history::judge(7170, past)->factor, 7170.0 / 709.5, 1e-9);
    // Too little history: no judgement at all.
    EXPECT_FALSE(history::judge(7170, {702, 717}).has_value());
    // Small counts vary by large factors without being slips.
    EXPECT_FALSE(history::judge(9, {2, 3, 2, 3})->outlier);
    // A volatile unit is judged against its own spread.
    EXPECT_FALSE(history::judge(900, {100, 400, 250, 800, 150})->outlier);
    EXPECT_TRUE(history::judge(9000, {100, 400, 250, 800, 150})->outlier);
}

class HistoryTest : public SessionTest {
protected:
    // The seed report moved to another period, unit and values, saved in the workspace.
    report::Report make(const std::string& file, const char* period_code,
                        std::map<std::string, std::string> values, const std::string& unit = "Phương Định",
                        int amendment = 0, const std::string& province = {}) {
        auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
        EXPECT_TRUE(r) << r.error();
        r->period = period(period_code);
        std::tie(r->window_from, r->window_to) = r->period.default_window();
        r->unit.name = unit;
        // Another unit than the seed's: typed by name (the seed's code is Phương Định's).
        if (report::unit_identity(report::UnitInfo{unit, "xã", "", "", "", {}, ""}, r->period) != "code:14029")
            r->unit.code.clear();
        r->amendment = amendment;
        if (!province.empty()) r->unit.province = province;
        for (auto& [code, v] : values) r->values[code].value = v;
        fs::create_directories(path("ws"));
        EXPECT_TRUE(report::save(*r, path("ws/" + file).string()));
        return *r;
    }
    history::Index index() {
        session::Workspace ws(path("ws").string());
        ws.scan(registry_);
        return history::Index(ws);
    }
    validate::Evaluation evaluate(const report::Report& r) {
        auto ev = validate::Evaluation::create(registry_.find(r.type_id, r.edition));
        EXPECT_TRUE(ev);
        ev->load(r);
        return std::move(*ev);
    }
    static const history::ComparedValue& value(const history::Comparison& c, const std::string& code) {
        for (const auto& v : c.values)
            if (v.code == code) return v;
        throw std::runtime_error("no " + code);
    }
};

TEST_F(HistoryTest, TheFirstQuarterIsComparedWithTheLastQuarterAndWithTheSameQuarterAYearBefore) {
    make("2024-q1.rbr", "2024-Q1", {{"HS.4.1", "600"}, {"I.2.1", "4"}, {"I.2.2", "1"}});
    make("2024-q4.rbr", "2024-Q4", {{"HS.4.1", "650"}, {"I.2.1", "6"}, {"I.2.2", "6"}});
    const auto now = make("2025-q1.rbr", "2025-Q1", {{"HS.4.1", "700"}, {"I.2.1", "8"}, {"I.2.2", "2"}});
    const auto idx = index();
    const auto ev = evaluate(now);

    auto prev = history::compare(registry_, idx, now, ev, Baseline::Previous);
    ASSERT_TRUE(prev) << prev.error();
    EXPECT_EQ(prev->period.code(), "2024-Q4");
    ASSERT_TRUE(prev->past);
    EXPECT_EQ(fs::path(prev->past->files.at(0)).filename(), "2024-q4.rbr");
    EXPECT_EQ(*value(*prev, "HS.4.1").baseline.number, 650);
    EXPECT_EQ(*value(*prev, "HS.4.1").change, 50);
    EXPECT_NEAR(*value(*prev, "HS.4.1").relative, 50.0 / 650 * 100, 1e-9);
    // A computed percent: 2/8 = 25% against 6/6 = 100%, a change of −75 points.
    EXPECT_NEAR(*value(*prev, "I.2").current.number, 25.0, 1e-9);
    EXPECT_NEAR(value(*prev, "I.2").change.value(), -75.0, 1e-9);

    auto ago = history::compare(registry_, idx, now, ev, Baseline::YearAgo);
    ASSERT_TRUE(ago) << ago.error();
    EXPECT_EQ(ago->period.code(), "2024-Q1");
    EXPECT_EQ(fs::path(ago->past->files.at(0)).filename(), "2024-q1.rbr");
    EXPECT_EQ(*value(*ago, "HS.4.1").change, 100);
    EXPECT_NEAR(*value(*ago, "I.2").baseline.number, 25.0, 1e-9);
}

TEST_F(HistoryTest, NoEarlierReportIsNotAnError) {
    const auto now = make("2025-q1.rbr", "2025-Q1", {});
    const auto idx = index();
    auto c = history::compare(registry_, idx, now, evaluate(now), Baseline::Previous);
    ASSERT_TRUE(c) << c.error();
    EXPECT_FALSE(c->past.has_value());
    EXPECT_FALSE(value(*c, "HS.4.1").baseline.number.has_value());
    EXPECT_FALSE(value(*c, "HS.4.1").change.has_value());
}

TEST_F(HistoryTest, AnAmendmentReplacesTheOriginalAndOtherUnitsAreNotMixedIn) {
    make("2024-q4.rbr", "2024-Q4", {{"HS.4.1", "650"}});
    make("2024-q4-sua-1.rbr", "2024-Q4", {{"HS.4.1", "655"}}, "Phương Định", 1);
    make("other.rbr", "2024-Q4", {{"HS.4.1", "9"}}, "Xã Khác");
    const auto now = make("2025-q1.rbr", "2025-Q1", {{"HS.4.1", "700"}}, "  phương định ");
    const auto idx = index();
    auto c = history::compare(registry_, idx, now, evaluate(now), Baseline::Previous);
    ASSERT_TRUE(c && c->past);
    EXPECT_EQ(*value(*c, "HS.4.1").baseline.number, 655);
    EXPECT_EQ(idx.series("cchc", report::unit_identity(now.unit, now.period)).size(), 2u) << "one report per period";
}

TEST_F(HistoryTest, AMergedCommuneIsComparedWithItsPredecessorsSummed) {
    make("a-2024-q1.rbr", "2024-Q1", {{"HS.4.1", "600"}, {"I.2.1", "4"}, {"I.2.2", "1"}}, "Phương Định");
    make("b-2024-q1.rbr", "2024-Q1", {{"HS.4.1", "150"}, {"I.2.1", "6"}, {"I.2.2", "6"}}, "Trực Hùng");
    auto now = make("new-2025-q1.rbr", "2025-Q1", {{"HS.4.1", "800"}}, "Phương Định Mới");
    now.unit.former_names = {"Phương Định", "Trực Hùng", "Trực Thuận"};  // the third sent nothing
    const auto idx = index();
    auto c = history::compare(registry_, idx, now, evaluate(now), Baseline::YearAgo);
    ASSERT_TRUE(c) << c.error();
    ASSERT_TRUE(c->past);
    EXPECT_TRUE(c->past->from_predecessors);
    EXPECT_EQ(c->past->files.size(), 2u);
    EXPECT_EQ(*value(*c, "HS.4.1").baseline.number, 750);
    // The ratio of the sums (7/10), not the mean of 25% and 100%.
    EXPECT_NEAR(*value(*c, "I.2").baseline.number, 70.0, 1e-9);
}

// After 1 July 2025: the conversion table, not typed former names, says whose reports to sum.
TEST_F(HistoryTest, NinhGiangIsComparedWithItsPredecessorsThroughTheUnitsCatalog) {
    make("pd-2024-q3.rbr", "2024-Q3", {{"HS.4.1", "600"}, {"I.2.1", "4"}, {"I.2.2", "1"}}, "Phương Định");
    auto ninh_giang = [&] {
        auto r = make("ng-2025-q3.rbr", "2025-Q3", {{"HS.4.1", "900"}}, "Ninh Giang");
        r.unit = report::UnitInfo{"Ninh Giang", "xã", "", "", "Ninh Bình", {}, "14038"};
        EXPECT_TRUE(report::save(r, path("ws/ng-2025-q3.rbr").string()));
        return r;
    };
    auto now = ninh_giang();
    auto c = history::compare(registry_, index(), now, evaluate(now), Baseline::YearAgo);
    ASSERT_TRUE(c) << c.error();
    ASSERT_TRUE(c->past);
    EXPECT_TRUE(c->past->from_predecessors);
    EXPECT_EQ(*value(*c, "HS.4.1").baseline.number, 600);
    // Only one of the three communes has a report: the sum says so.
    ASSERT_EQ(c->notes.size(), 1u);
    EXPECT_NE(c->notes[0].find("Xã Trực Chính"), std::string::npos) << c->notes[0];
    EXPECT_NE(c->notes[0].find("Xã Liêm Hải"), std::string::npos) << c->notes[0];

    // With all three (Liêm Hải's old code 14038 is Ninh Giang's new one: not mistaken for it).
    make("tc-2024-q3.rbr", "2024-Q3", {{"HS.4.1", "150"}, {"I.2.1", "6"}, {"I.2.2", "6"}}, "Trực Chính");
    make("lh-2024-q3.rbr", "2024-Q3", {{"HS.4.1", "50"}}, "Liêm Hải");
    now = ninh_giang();
    c = history::compare(registry_, index(), now, evaluate(now), Baseline::YearAgo);
    ASSERT_TRUE(c && c->past);
    EXPECT_EQ(c->past->files.size(), 3u);
    EXPECT_EQ(*value(*c, "HS.4.1").baseline.number, 800);
    EXPECT_TRUE(c->notes.empty());
    // Liêm Hải's own history is not Ninh Giang's: its 2024 report is not "Ninh Giang 2024".
    auto idx = index();
    EXPECT_EQ(idx.series("cchc", report::unit_identity(now.unit, now.period)).size(), 1u);
    // The previous quarter (2025-Q2) is before the merger too: summed the same way, or none.
    auto prev = history::compare(registry_, idx, now, evaluate(now), Baseline::Previous);
    ASSERT_TRUE(prev);
    EXPECT_FALSE(prev->past);
}

TEST_F(HistoryTest, APredecessorThatWentInOnlyInPartIsSaidNotSummed) {
    // Phường Ba Đình (Hà Nội, 00004) took in Trúc Bạch whole and Ngọc Hà in part.
    auto as = [&](const char* file, const char* code, const char* name, const char* hs) {
        auto r = make(file, "2024-Q3", {{"HS.4.1", hs}}, name);
        r.unit = report::UnitInfo{name, "phường", "Ba Đình", "quận", "Hà Nội", {}, code};
        EXPECT_TRUE(report::save(r, path(std::string("ws/") + file).string()));
    };
    as("tb.rbr", "00004", "Trúc Bạch", "100");
    as("nh.rbr", "00016", "Ngọc Hà", "70");
    auto now = make("bd-2025-q3.rbr", "2025-Q3", {{"HS.4.1", "300"}}, "Ba Đình");
    now.unit = report::UnitInfo{"Ba Đình", "phường", "", "", "Hà Nội", {}, "00004"};
    auto c = history::compare(registry_, index(), now, evaluate(now), Baseline::YearAgo);
    ASSERT_TRUE(c && c->past);
    EXPECT_EQ(*value(*c, "HS.4.1").baseline.number, 100);  // Trúc Bạch only
    bool part = false;
    for (const auto& n : c->notes) part |= n.find("Phường Ngọc Hà (00016) chỉ nhập một phần") != std::string::npos;
    EXPECT_TRUE(part);
}

TEST_F(HistoryTest, TheSeriesOfAnIndicatorRunsOldestFirstWithTheOpenReportLast) {
    make("2024-q3.rbr", "2024-Q3", {{"HS.4.1", "640"}});
    make("2024-q4.rbr", "2024-Q4", {{"HS.4.1", "650"}});
    make("2024-h1.rbr", "2024-H1", {{"HS.4.1", "1300"}});  // another kind: not in the series
    auto now = make("2025-q1.rbr", "2025-Q1", {{"HS.4.1", "700"}});
    auto ev = evaluate(now);
    ev.set(*ev.type().slot("HS.4.1"), "710");  // unsaved edit: the series shows it
    const auto idx = index();
    auto s = history::indicator_series(registry_, idx, now, ev, "HS.4.1");
    ASSERT_TRUE(s) << s.error();
    ASSERT_EQ(s->size(), 3u);
    EXPECT_EQ((*s)[0].period.code(), "2024-Q3");
    EXPECT_EQ((*s)[1].display, "650");
    EXPECT_EQ((*s)[2].period.code(), "2025-Q1");
    EXPECT_EQ(*(*s)[2].number, 710);
    EXPECT_FALSE(history::indicator_series(registry_, idx, now, ev, "NO.SUCH").has_value());
}

TEST_F(HistoryTest, AFigureTenTimesItsUsualLevelIsAWarningThatCanBeJustified) {
    make("2024-q2.rbr", "2024-Q2", {{"HS.4.1", "702"}});
    make("2024-q3.rbr", "2024-Q3", {{"HS.4.1", "690"}});
    make("2024-q4.rbr", "2024-Q4", {{"HS.4.1", "731"}});
    auto now = make("2025-q1.rbr", "2025-Q1", {{"HS.4.1", "7170"}});
    const auto idx = index();
    auto f = history::check_history(registry_, idx, now, evaluate(now));
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].key, "history.outlier:HS.4.1");
    EXPECT_EQ(f[0].severity, schema::Severity::Warning);
    EXPECT_NE(f[0].message.find("7.170"), std::string::npos) << f[0].message;
    EXPECT_NE(f[0].message.find("Quý IV năm 2024: 731"), std::string::npos) << f[0].message;
    EXPECT_TRUE(f[0].justification.empty());

    now.justifications.push_back({"history.outlier:HS.4.1", "Tiếp nhận hồ sơ đất đai hàng loạt", "2025-03-20"});
    auto g = history::check_history(registry_, idx, now, evaluate(now));
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(g[0].justification, "Tiếp nhận hồ sơ đất đai hàng loạt");

    now.values["HS.4.1"].value = "745";
    auto h = history::check_history(registry_, idx, now, evaluate(now));
    EXPECT_TRUE(h.empty());
}

TEST_F(HistoryTest, CumulativeFiguresAreComparedWithTheSameQuarterOfEarlierYearsOnly) {
    // I.2.1 (tasks of the year's plan so far, cumulative) grows through each year.
    const char* periods[] = {"2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"};
    const char* values[] = {"12", "24", "36", "48", "14", "26", "38", "50"};
    for (int i = 0; i < 8; ++i) make(std::string(periods[i]) + ".rbr", periods[i], {{"I.2.1", values[i]}, {"I.2.2", "1"}});
    auto now = make("2025-Q1.rbr", "2025-Q1", {{"I.2.1", "13"}, {"I.2.2", "1"}});
    const auto idx = index();
    auto f = history::check_history(registry_, idx, now, evaluate(now));
    EXPECT_TRUE(f.empty());
    // Only two earlier first quarters: too little history to judge a cumulative figure.
    now.values["I.2.1"].value = "130";
    f = history::check_history(registry_, idx, now, evaluate(now));
    for (const auto& x : f) EXPECT_NE(x.key, "history.outlier:I.2.1");
    // A third earlier first quarter makes the judgement possible.
    make("2022-Q1.rbr", "2022-Q1", {{"I.2.1", "11"}, {"I.2.2", "1"}});
    const auto idx2 = index();
    f = history::check_history(registry_, idx2, now, evaluate(now));
    bool flagged = false;
    for (const auto& x : f) flagged |= x.key == "history.outlier:I.2.1";
    EXPECT_TRUE(flagged);
}

TEST_F(HistoryTest, TheUnitsOtherReportKindsOfThePeriodAreCheckedAgainstIt) {
    // The digital-transformation sample of Ninh Giang, 2025-Q3, counts 158 services fully online.
    copy_sample("digital", "ninh-giang-2025-q3.rbr", "ws/so-2025-q3.rbr");
    auto cchc = make("cchc-2025-q3.rbr", "2025-Q3", {{"V.2.2.2", "150"}}, "Ninh Giang", 0, "Ninh Bình");
    const auto idx = index();
    auto f = history::check_history(registry_, idx, cchc, evaluate(cchc));
    bool found = false;
    for (const auto& x : f)
        if (x.rule.rfind("cross.", 0) == 0 && std::find(x.codes.begin(), x.codes.end(), "V.2.2.2") != x.codes.end()) {
            found = true;
            EXPECT_EQ(x.severity, schema::Severity::Warning);
            EXPECT_NE(x.message.find("158"), std::string::npos) << x.message;
        }
    EXPECT_TRUE(found) << "the CCHC report is told that the digital report counts otherwise";
    // The same figure in both: no finding on that pair.
    cchc.values["V.2.2.2"].value = "158";
    for (const auto& x : history::check_history(registry_, idx, cchc, evaluate(cchc)))
        EXPECT_EQ(std::find(x.codes.begin(), x.codes.end(), "V.2.2.2"), x.codes.end()) << x.message;
    // Another unit's digital report is not this unit's.
    auto other = make("other-2025-q3.rbr", "2025-Q3", {{"V.2.2.2", "150"}}, "Xã Khác");
    for (const auto& x : history::check_history(registry_, index(), other, evaluate(other)))
        EXPECT_NE(x.rule.rfind("cross.", 0), 0u) << x.message;
}

}  // namespace
}  // namespace rb::test
