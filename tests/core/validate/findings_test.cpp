// Findings on the real Phương Định Q1 2024 report: the definition's rules fire when their test
// is false and stay silent when it is unknown, messages carry display values, the built-in
// checks, justifications, and rules over the previous period.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "cchc_sample.hpp"
#include "validate/findings.hpp"

namespace rb::validate {
namespace {

using schema::Severity;

using testing::cchc;
using testing::sample;

using testing::evaluate;

ValidationResult check(const report::Report& r, const report::Report* previous = nullptr) {
    return validate(evaluate(r, previous), r);
}

const Finding* find_rule(const ValidationResult& res, const std::string& rule) {
    for (const auto& f : res.findings)
        if (f.rule == rule) return &f;
    return nullptr;
}

const Finding* find_key(const ValidationResult& res, const std::string& key) {
    for (const auto& f : res.findings)
        if (f.key == key) return &f;
    return nullptr;
}

std::string describe(const ValidationResult& res) {
    std::string out;
    for (const auto& f : res.findings)
        out += std::string(schema::to_string(f.severity)) + " " + f.key + ": " + f.message + "\n";
    return out;
}

// The sample with some values replaced; "" removes a value.
report::Report with(std::initializer_list<std::pair<const char*, const char*>> values) {
    report::Report r = sample();
    for (const auto& [code, value] : values) {
        if (*value) r.values[code].value = value;
        else r.values.erase(code);
    }
    return r;
}

TEST(Findings, TheSampleReportHasNoErrors) {
    const auto res = check(sample());
    EXPECT_EQ(res.errors, 0) << describe(res);
    for (const auto& f : res.findings) {
        // Every rule of the definition holds on the real report; what is left is advice.
        EXPECT_NE(f.severity, Severity::Error) << f.key << ": " << f.message;
    }
    EXPECT_EQ(res.warnings + res.accepted + res.errors + res.infos, static_cast<int>(res.findings.size()));
}

TEST(Findings, PlanDoneWithinPlanFiresWhenMoreTasksAreDoneThanPlanned) {
    const auto res = check(with({{"I.2.1", "6"}, {"I.2.2", "7"}}));
    const Finding* f = find_rule(res, "plan-done-within-plan");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_EQ(f->key, "plan-done-within-plan");
    EXPECT_EQ(f->codes, (std::vector<std::string>{"I.2.2", "I.2.1"}));
    EXPECT_EQ(f->message, "Số nhiệm vụ đã hoàn thành (7) lớn hơn số nhiệm vụ đề ra trong kế hoạch (6).");
    EXPECT_GE(res.errors, 1);
    EXPECT_EQ(res.findings.front().severity, Severity::Error);  // errors come first
}

TEST(Findings, PlanDoneWithinPlanHoldsWhenEqualAndIsSilentWhenAnOperandIsBlank) {
    EXPECT_EQ(find_rule(check(with({{"I.2.1", "6"}, {"I.2.2", "6"}})), "plan-done-within-plan"), nullptr);
    EXPECT_EQ(find_rule(check(with({{"I.2.1", ""}, {"I.2.2", "7"}})), "plan-done-within-plan"), nullptr);
    EXPECT_EQ(find_rule(check(with({{"I.2.1", "6"}, {"I.2.2", ""}})), "plan-done-within-plan"), nullptr);
}

TEST(Findings, CaseFilesMustBalanceAndTheMessageShowsDisplayValues) {
    const auto res = check(with({{"HS.6", "5"}}));
    const Finding* f = find_rule(res, "case-files-balance");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_EQ(f->codes, (std::vector<std::string>{"HS.3", "HS.4", "HS.5", "HS.6"}));
    EXPECT_EQ(f->message,
              "Hồ sơ đã giải quyết (1.034) + đang giải quyết (0) + rút, trả lại (5) phải bằng tổng số hồ sơ phải "
              "giải quyết (1.034).");
}

TEST(Findings, CaseFilesBalanceIsSilentWhenTheTotalIsBlank) {
    // No file received or carried over is entered: HS.3 is blank, the balance is unknown.
    const auto res = check(with({{"HS.1", ""}, {"HS.2.1", ""}, {"HS.2.2", ""}, {"HS.2.3", ""}, {"HS.6", "5"}}));
    EXPECT_EQ(find_rule(res, "case-files-balance"), nullptr) << describe(res);
    // …but each blank required value is a warning of its own.
    EXPECT_NE(find_key(res, "required:HS.2.2"), nullptr);
}

TEST(Findings, ABalanceWaitsForAllItsOperandsAndALimitSpeaksAsSoonAsItCan) {
    // Half-way down the appendix: files resolved typed, pending and withdrawn not yet.
    const auto half = check(with({{"HS.4.1", "368"}, {"HS.4.2", ""}, {"HS.4.3", ""}, {"HS.5.1", ""}, {"HS.5.2", ""},
                                  {"HS.6", ""}}));
    EXPECT_EQ(find_rule(half, "case-files-balance"), nullptr) << describe(half);
    // Parts already over their total are wrong whatever is still blank.
    const auto over = check(with({{"I.4.1", "2"}, {"I.4.2", "5"}, {"I.4.3", ""}, {"I.4.4", ""}}));
    EXPECT_NE(find_rule(over, "assigned-tasks-breakdown"), nullptr) << describe(over);
}

TEST(Findings, TheMissingValueStrategyOfARuleDecidesWhatBlanksDo) {
    auto strategy = [](schema::MissingValues m, const report::Report& r) {
        auto t = std::make_shared<schema::ReportType>(*cchc());
        for (auto& rule : t->rules)
            if (rule.id == "case-files-balance") rule.missing = m;
        auto ev = Evaluation::create(t);
        if (!ev) throw std::runtime_error(ev.error());
        ev->load(r);
        return find_rule(validate(*ev, r), "case-files-balance") != nullptr;
    };
    const report::Report some_blank = with({{"HS.4.1", "368"}, {"HS.4.2", ""}, {"HS.4.3", ""}, {"HS.5.1", ""},
                                            {"HS.5.2", ""}, {"HS.6", ""}});
    EXPECT_FALSE(strategy(schema::MissingValues::SkipIfAny, some_blank));
    EXPECT_FALSE(strategy(schema::MissingValues::Default, some_blank));
    EXPECT_TRUE(strategy(schema::MissingValues::SkipIfAll, some_blank));
    EXPECT_TRUE(strategy(schema::MissingValues::Never, some_blank));
    // Every operand filled and not balancing: each strategy checks it.
    const report::Report filled = with({{"HS.6", "5"}});
    for (auto m : {schema::MissingValues::SkipIfAny, schema::MissingValues::SkipIfAll, schema::MissingValues::Never})
        EXPECT_TRUE(strategy(m, filled));
}

TEST(Findings, WhatIsWrongComesBeforeWhatIsNotFilledInYet) {
    // A report half-written: many values not entered, one rule broken, one required section empty.
    report::Report r = with({{"I.2.1", "6"}, {"I.2.2", "7"}, {"HS.6", ""}, {"HS.5.1", ""}, {"V.2.4.1", ""}});
    r.narrative.erase("II.2");
    const auto res = check(r);
    auto position = [&](auto pred) {
        for (std::size_t i = 0; i < res.findings.size(); ++i)
            if (pred(res.findings[i])) return static_cast<long>(i);
        return -1L;
    };
    // The sample's text misspells a place name: a narrative finding, checked after the values.
    const long broken = position([](const Finding& f) { return f.rule.rfind("narrative.", 0) == 0; });
    const long not_entered = position([](const Finding& f) { return f.rule == "required"; });
    ASSERT_GE(broken, 0) << describe(res);
    ASSERT_GE(not_entered, 0) << describe(res);
    EXPECT_LT(broken, not_entered) << describe(res);
    EXPECT_EQ(res.findings.front().severity, Severity::Error) << describe(res);
    // Among the warnings, every "not yet" one follows every other.
    bool seen_not_yet = false;
    for (const auto& f : res.findings) {
        if (f.severity != Severity::Warning) continue;
        const bool not_yet = f.rule == "required" || f.rule == "empty-section";
        EXPECT_FALSE(seen_not_yet && !not_yet) << f.key << " after a not-yet finding\n" << describe(res);
        seen_not_yet = seen_not_yet || not_yet;
    }
}

TEST(Findings, OnlineReceiptsCannotExceedAllReceipts) {
    const auto res = check(with({{"V.2.4.2", "1100"}}));
    const Finding* f = find_rule(res, "received-online-within-received");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_EQ(f->message, "Số hồ sơ tiếp nhận trực tuyến (1.100) lớn hơn tổng số hồ sơ đã tiếp nhận (1.034).");
    EXPECT_EQ(find_rule(check(with({{"V.2.4.2", "1100"}, {"V.2.4.1", ""}})), "received-online-within-received"),
              nullptr);
    EXPECT_EQ(find_rule(check(with({{"V.2.4.2", "1034"}})), "received-online-within-received"), nullptr);
}

TEST(Findings, TheSurveyMethodIsNeededOnlyWhenASurveyWasHeld) {
    const auto held = check(with({{"I.5", "1"}, {"I.5.2", ""}}));
    const Finding* f = find_rule(held, "survey-needs-method");
    ASSERT_NE(f, nullptr) << describe(held);
    EXPECT_EQ(f->severity, Severity::Warning);
    EXPECT_EQ(f->codes, std::vector<std::string>{"I.5.2"});
    EXPECT_EQ(find_rule(check(with({{"I.5", "0"}, {"I.5.1", ""}, {"I.5.2", ""}})), "survey-needs-method"), nullptr);
    EXPECT_EQ(find_rule(check(with({{"I.5", ""}, {"I.5.2", ""}})), "survey-needs-method"), nullptr);  // when unknown
    EXPECT_EQ(find_rule(check(with({{"I.5", "1"}, {"I.5.2", "2"}})), "survey-needs-method"), nullptr);
}

TEST(Findings, RuleMessagesHaveNoPlaceholdersLeft) {
    // Break several rules at once; every message is filled with display values.
    const auto res = check(with({{"I.2.2", "9"}, {"HS.6", "5"}, {"V.2.4.2", "2000"}, {"HS.5.2", "3"},
                                 {"III.2.1", "150"}}));
    int rules = 0;
    for (const auto& f : res.findings) {
        const auto rule = std::find_if(cchc()->rules.begin(), cchc()->rules.end(),
                                        [&](const schema::Rule& r) { return r.id == f.rule; });
        if (rule == cchc()->rules.end()) continue;
        ++rules;
        EXPECT_EQ(f.message.find('{'), std::string::npos) << f.message;
    }
    EXPECT_GE(rules, 5) << describe(res);
    ASSERT_NE(find_rule(res, "late-pending"), nullptr);
    EXPECT_EQ(find_rule(res, "late-pending")->message.rfind("Có 3 hồ sơ đang giải quyết đã quá hạn", 0), 0u);
}

TEST(Findings, FillMessageReplacesKnownCodesOnly) {
    const Evaluation ev = evaluate(sample());
    EXPECT_EQ(fill_message("{I.2} ({I.2.2}/{I.2.1}), {I.3.3}, {III.1.1}, {NOPE}, {", ev),
              "16,67% (1/6), không phát sinh, (trống), {NOPE}, {");
    // A blank in the message's own parentheses shows once.
    EXPECT_EQ(fill_message("đang giải quyết ({III.1.1}) và ({I.2.2})", ev), "đang giải quyết (trống) và (1)");
}

// ---------------------------------------------------------------------------------------------
// Built-in checks

TEST(Findings, ABlankRequiredValueIsAWarning) {
    const auto res = check(with({{"I.1", ""}}));
    const Finding* f = find_key(res, "required:I.1");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->rule, "required");
    EXPECT_EQ(f->severity, Severity::Warning);
    EXPECT_EQ(f->codes, std::vector<std::string>{"I.1"});
    EXPECT_NE(f->message.find("I.1"), std::string::npos);
    // Optional rows and computed rows are never "required".
    EXPECT_EQ(find_key(res, "required:III.1.1"), nullptr);
    EXPECT_EQ(find_key(res, "required:I.2"), nullptr);
    EXPECT_EQ(find_key(check(sample()), "required:I.1"), nullptr);
}

TEST(Findings, AValueForAnUnknownCodeIsAWarningAndIsKept) {
    report::Report r = sample();
    r.values["VI.1"].value = "42";
    const auto res = check(r);
    const Finding* f = find_key(res, "unknown-code:VI.1");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->rule, "unknown-code");
    EXPECT_EQ(f->severity, Severity::Warning);
    EXPECT_NE(f->message.find("42"), std::string::npos) << f->message;
    EXPECT_EQ(res.errors, 0);
    // The value survives validation and a save round trip.
    EXPECT_EQ(r.values.at("VI.1").value, "42");
    auto back = report::from_xml(report::to_xml(r), "roundtrip.rbr");
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->values.at("VI.1").value, "42");
}

TEST(Findings, AnInvalidStoredValueIsAnError) {
    const auto res = check(with({{"I.5.2", "7"}}));  // not one of the choices
    const Finding* f = find_key(res, "invalid-value:I.5.2");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->severity, Severity::Error);
}

TEST(Findings, AnEmptyRequiredSectionIsAWarning) {
    report::Report r = sample();
    r.narrative.erase("I.1");
    r.narrative["II.1"] = "  \n\t ";
    const auto res = check(r);
    const Finding* f = find_key(res, "empty-section:I.1");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->rule, "empty-section");
    EXPECT_EQ(f->severity, Severity::Warning);
    EXPECT_EQ(f->section, "I.1");
    EXPECT_NE(find_key(res, "empty-section:II.1"), nullptr);      // blanks only is empty
    EXPECT_EQ(find_key(res, "empty-section:III.3"), nullptr);     // not required
    EXPECT_EQ(find_key(check(sample()), "empty-section:I.1"), nullptr);
}

TEST(Findings, TheRequiredSectionTitleHasItsPlaceholdersFilled) {
    report::Report r = sample();
    r.narrative.erase("IV");
    const auto res = check(r);
    const Finding* f = find_key(res, "empty-section:IV");
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->message.find("NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024"), std::string::npos) << f->message;
}

// ---------------------------------------------------------------------------------------------
// Justifications

TEST(Findings, AJustificationMovesAWarningToAccepted) {
    report::Report r = with({{"I.1", ""}});
    const auto before = check(r);
    ASSERT_NE(find_key(before, "required:I.1"), nullptr);
    r.justifications.push_back({"required:I.1", "Quý I không ban hành văn bản chỉ đạo riêng.", "2024-03-08"});
    const auto after = check(r);
    const Finding* f = find_key(after, "required:I.1");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->justification, "Quý I không ban hành văn bản chỉ đạo riêng.");
    EXPECT_EQ(after.warnings, before.warnings - 1);
    EXPECT_EQ(after.accepted, before.accepted + 1);
    EXPECT_EQ(after.errors, before.errors);
}

TEST(Findings, AJustificationNamingAnotherKeyChangesNothing) {
    report::Report r = with({{"I.1", ""}});
    const auto before = check(r);
    r.justifications.push_back({"required:I.2.1", "không liên quan", ""});
    const auto after = check(r);
    EXPECT_EQ(after.warnings, before.warnings);
    EXPECT_EQ(find_key(after, "required:I.1")->justification, "");
}

TEST(Findings, AJustificationNeverSilencesAnError) {
    report::Report r = with({{"I.2.2", "7"}});
    const auto before = check(r);
    ASSERT_EQ(before.errors, 1) << describe(before);
    r.justifications.push_back({"plan-done-within-plan", "Đã hoàn thành vượt kế hoạch.", ""});
    const auto after = check(r);
    EXPECT_EQ(after.errors, 1);
    EXPECT_EQ(after.accepted, before.accepted);
    const Finding* f = find_rule(after, "plan-done-within-plan");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->justification, "");
}

// ---------------------------------------------------------------------------------------------
// The previous period

TEST(Findings, ACumulativeCountCannotGoDownFromThePreviousPeriod) {
    report::Report previous = with({{"I.2.2", "3"}});
    previous.period = *report::Period::parse("2023-Q4");
    const report::Report now = sample();  // I.2.2 = 1
    const auto res = check(now, &previous);
    const Finding* f = find_rule(res, "cumulative");
    ASSERT_NE(f, nullptr) << describe(res);
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_EQ(f->codes, std::vector<std::string>{"I.2.2"});
    EXPECT_EQ(f->message.find('{'), std::string::npos) << f->message;
    EXPECT_NE(f->message.find("kỳ này 1, kỳ trước 3"), std::string::npos) << f->message;
}

TEST(Findings, ACumulativeRuleIsSilentWithoutAPreviousReportOrWhenTheCountGrew) {
    EXPECT_EQ(find_rule(check(sample()), "cumulative"), nullptr);
    report::Report previous = with({{"I.2.2", "1"}});
    EXPECT_EQ(find_rule(check(sample(), &previous), "cumulative"), nullptr);
    previous.values.erase("I.2.2");
    EXPECT_EQ(find_rule(check(sample(), &previous), "cumulative"), nullptr);
}

TEST(Findings, SetPreviousCanBeClearedAgain) {
    report::Report previous = with({{"I.2.2", "3"}});
    Evaluation ev = evaluate(sample(), &previous);
    EXPECT_TRUE(ev.has_previous());
    EXPECT_NE(find_rule(validate(ev, sample()), "cumulative"), nullptr);
    ev.set_previous(nullptr);
    EXPECT_FALSE(ev.has_previous());
    EXPECT_EQ(find_rule(validate(ev, sample()), "cumulative"), nullptr);
}

}  // namespace
}  // namespace rb::validate
