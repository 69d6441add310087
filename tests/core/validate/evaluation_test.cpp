// Computed values of the real Phương Định Q1 2024 report under the Nam Định 2024 CCHC
// definition, how they are displayed, and incremental recomputation after an edit.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "cchc_sample.hpp"

namespace rb::validate {
namespace {

using testing::cchc;
using testing::sample;

std::size_t slot(const char* code) {
    auto s = cchc()->slot(code);
    if (!s) throw std::runtime_error(std::string("no indicator ") + code);
    return *s;
}

using testing::evaluate;

bool contains(const std::vector<std::size_t>& v, std::size_t s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(Evaluation, ThePlanCompletionRateIsARatioShownWithADecimalComma) {
    const Evaluation ev = evaluate(sample());
    const Cell c = ev.cell(slot("I.2"));
    EXPECT_EQ(c.state, ValueState::Computed);
    ASSERT_TRUE(c.number.has_value());
    EXPECT_NEAR(*c.number, 100.0 / 6.0, 1e-9);  // percent units
    EXPECT_EQ(c.display, "16,67%");
}

TEST(Evaluation, ARatioOverZeroIsNotApplicableNeverZeroPercent) {
    const Evaluation ev = evaluate(sample());
    const Cell c = ev.cell(slot("I.3.3"));  // ratio(0, 0)
    EXPECT_EQ(c.state, ValueState::NotApplicable);
    EXPECT_FALSE(c.number.has_value());
    EXPECT_EQ(c.display, "không phát sinh");
    EXPECT_TRUE(ev.value(slot("I.3.3")).is_not_applicable());
    EXPECT_STREQ(to_string(c.state), "not-applicable");
}

TEST(Evaluation, TheOnTimeRateCountsEarlyAndOnTimeOverResolved) {
    const Evaluation ev = evaluate(sample());
    EXPECT_EQ(ev.cell(slot("III.3.1.1")).number, 1034.0);
    EXPECT_EQ(ev.display(slot("III.3.1.1")), "1.034");
    EXPECT_EQ(ev.cell(slot("III.3.1.2")).number, 1034.0);  // 717 early + 317 on time
    EXPECT_EQ(ev.cell(slot("III.3.1")).number, 100.0);
    EXPECT_EQ(ev.display(slot("III.3.1")), "100%");
}

TEST(Evaluation, OnlineShareRatesUseAllTheCommunesProcedures) {
    const Evaluation ev = evaluate(sample());
    EXPECT_EQ(ev.display(slot("V.2.1")), "26,73%");  // 27 / 101
    EXPECT_EQ(ev.display(slot("V.2.2")), "73,27%");  // 74 / 101
    EXPECT_EQ(ev.display(slot("V.1")), "100%");      // 184 / 184
}

TEST(Evaluation, ASumSkipsABlankPart) {
    const Evaluation ev = evaluate(sample());
    EXPECT_EQ(ev.cell(slot("III.1.1")).state, ValueState::Blank);
    EXPECT_EQ(ev.display(slot("III.1.1")), "");
    const Cell total = ev.cell(slot("III.1"));  // sum(III.1.1, III.1.2) with III.1.1 blank
    EXPECT_EQ(total.state, ValueState::Computed);
    EXPECT_EQ(total.number, 101.0);
    EXPECT_EQ(total.display, "101");
}

TEST(Evaluation, EnteredValuesAreShownAsStaffWriteThem) {
    const Evaluation ev = evaluate(sample());
    const Cell c = ev.cell(slot("I.5.1"));
    EXPECT_EQ(c.state, ValueState::Entered);
    EXPECT_EQ(c.number, 1034.0);
    EXPECT_EQ(c.display, "1.034");
    EXPECT_EQ(ev.display(slot("I.5")), "1");
    EXPECT_EQ(ev.display(slot("I.5.2")), "0");
    EXPECT_EQ(ev.cell(slot("I.4")).state, ValueState::Blank);  // a heading holds nothing
    EXPECT_EQ(ev.display(slot("HS.3")), "1.034");
}

TEST(Evaluation, AllBlankPartsLeaveASumBlank) {
    const Evaluation ev = evaluate(report::Report{});
    EXPECT_EQ(ev.cell(slot("HS.2")).state, ValueState::Blank);
    EXPECT_EQ(ev.cell(slot("I.2")).state, ValueState::Blank);
    EXPECT_EQ(ev.display(slot("I.2")), "");
}

TEST(Evaluation, AnEditRecomputesWhatDependsOnItAndReturnsIt) {
    report::Report r = sample();
    r.values["HS.4.3"].value = "17";  // a few late files, so the on-time rate is below 100%
    Evaluation ev = evaluate(r);
    EXPECT_EQ(ev.display(slot("III.3.1")), "98,38%");  // 1034 / 1051

    const auto changed = ev.set(slot("HS.4.2"), "300");
    EXPECT_EQ(changed.front(), slot("HS.4.2"));
    for (const char* code : {"HS.4.2", "HS.4", "III.3.1.1", "III.3.1.2", "III.3.1"})
        EXPECT_TRUE(contains(changed, slot(code))) << code << " not returned";
    for (const char* code : {"HS.3", "HS.5", "I.2", "III.1", "V.2.1", "V.2.4", "I.3.3", "HS.4.1"})
        EXPECT_FALSE(contains(changed, slot(code))) << code << " returned but did not change";
    EXPECT_EQ(changed.size(), 5u);
    EXPECT_EQ(ev.cell(slot("III.3.1.2")).number, 1017.0);
    EXPECT_EQ(ev.cell(slot("III.3.1.1")).number, 1034.0);
    EXPECT_EQ(ev.display(slot("III.3.1")), "98,36%");  // 1017 / 1034

    // The same value again changes nothing.
    EXPECT_TRUE(ev.set(slot("HS.4.2"), "300").empty());
}

TEST(Evaluation, AnEditMatchesAFullRecomputation) {
    report::Report r = sample();
    Evaluation incremental = evaluate(r);
    incremental.set(slot("I.2.2"), "3");
    incremental.set(slot("III.1.2"), "");
    incremental.set(slot("HS.2.1"), "5");
    r.values["I.2.2"].value = "3";
    r.values.erase("III.1.2");
    r.values["HS.2.1"].value = "5";
    const Evaluation full = evaluate(r);
    EXPECT_EQ(incremental.values(), full.values());
    EXPECT_EQ(incremental.display(slot("I.2")), "50%");
    EXPECT_EQ(incremental.cell(slot("V.2.1")).state, ValueState::Blank);  // III.1.2 cleared
    EXPECT_EQ(incremental.display(slot("HS.3")), "1.039");
}

TEST(Evaluation, ClearingAnInputBlanksWhatDependsOnlyOnIt) {
    Evaluation ev = evaluate(sample());
    const auto changed = ev.set(slot("I.2.1"), "");
    EXPECT_TRUE(contains(changed, slot("I.2.1")));
    EXPECT_TRUE(contains(changed, slot("I.2")));
    EXPECT_EQ(ev.cell(slot("I.2")).state, ValueState::Blank);
}

TEST(Evaluation, AComputedRowOrAHeadingCannotBeSet) {
    Evaluation ev = evaluate(sample());
    EXPECT_TRUE(ev.set(slot("I.2"), "50").empty());
    EXPECT_EQ(ev.display(slot("I.2")), "16,67%");
    EXPECT_TRUE(ev.set(slot("I.4"), "3").empty());
}

TEST(Evaluation, AComputedCumulativeIndicatorReadsThePreviousPeriod) {
    // Year-to-date = the previous period's year-to-date + this quarter's count.
    auto type = schema::parse_definition(R"xml(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="t" edition="e" version="1" formatVersion="1">
  <title>Thử</title>
  <periods><period kind="quarter"/></periods>
  <narrative><section id="S"><title>Mục</title></section></narrative>
  <appendix><title>Phụ lục</title>
    <group code="G"><title>Nhóm</title>
      <indicator code="G.1" type="integer" min="0"><label>Trong quý</label></indicator>
      <indicator code="G.2" type="integer" computed="sum(prev(G.2), G.1)" cumulative="true"><label>Lũy kế</label></indicator>
    </group>
  </appendix>
</reportType>
)xml",
                                         "cumulative.xml");
    ASSERT_TRUE(type) << type.error();
    report::Report q1, q2;
    q1.values["G.1"].value = "4";
    q2.values["G.1"].value = "3";
    auto ev = Evaluation::create(*type);
    ASSERT_TRUE(ev) << ev.error();
    ev->load(q2);
    EXPECT_EQ(ev->display(1), "3");  // no previous report: this quarter only
    ev->set_previous(&q1);
    EXPECT_TRUE(ev->has_previous());
    EXPECT_EQ(ev->display(1), "7");
    ev->set(0, "5");
    EXPECT_EQ(ev->display(1), "9");
    ev->set_previous(nullptr);
    EXPECT_EQ(ev->display(1), "5");
}

TEST(Evaluation, DisplayValueFollowsTheIndicatorType) {
    const auto& t = *cchc();
    EXPECT_EQ(display_value(*t.indicator("HS.2.2"), expr::Value::of(1234567)), "1.234.567");
    EXPECT_EQ(display_value(*t.indicator("I.2"), expr::Value::of(99.999)), "100,00%");
    EXPECT_EQ(display_value(*t.indicator("I.2"), expr::Value::of(50)), "50%");
    EXPECT_EQ(display_value(*t.indicator("I.2"), expr::Value::blank()), "");
    EXPECT_EQ(display_value(*t.indicator("I.5.2"), expr::Value::of(2)), "2");
}

}  // namespace
}  // namespace rb::validate
