// Checks between reports of different types for one unit and period: the real CCHC, digital
// and ISO 9001 definitions, matching and mismatching values, both directions, skipped pairs,
// and the errors a cross check's declaration can have.
#include "migrate/cross_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "migrate_support.hpp"

namespace rb::migrate {
namespace {

using namespace testing;

struct Types {
    schema::ReportTypePtr cchc = load("plugins/cchc/cchc-ninh-binh-2025.xml");
    schema::ReportTypePtr cchc2024 = load("plugins/cchc/cchc-nam-dinh-2024.xml");
    schema::ReportTypePtr digital = load("plugins/digital/digital-2025.xml");
    schema::ReportTypePtr iso = load("plugins/iso9001/iso9001-2024.xml");
};

const validate::Finding* find_rule(const std::vector<validate::Finding>& v, const std::string& rule) {
    for (const auto& f : v)
        if (f.rule == rule) return &f;
    return nullptr;
}

struct Pair {
    Types t;
    report::Report cchc = make_report(*t.cchc, "2025-Q3", "Ninh Giang");
    report::Report digital = make_report(*t.digital, "2025-Q3", "Ninh Giang");
    Pair() {
        set(cchc, *t.cchc, {{"III.1.2", "101"}, {"V.2.2.2", "74"}, {"V.2.1.2", "27"}, {"HS.2.2", "40"}});
        set(digital, *t.digital, {{"I.2.1", "101"}, {"I.2.2", "74"}, {"I.2.3", "27"}, {"I.1.2", "40"}});
    }
    CrossCheckResult run() {
        auto ea = evaluate(t.cchc, cchc);
        auto eb = evaluate(t.digital, digital);
        return cross_check(cchc, ea, digital, eb);
    }
};

TEST(CrossCheck, TheRealDefinitionsDeclareTheirChecks) {
    Types t;
    EXPECT_EQ(t.digital->cross_checks.size(), 4u);
    EXPECT_EQ(t.iso->cross_checks.size(), 2u);
    for (const auto& type : {t.digital, t.iso})
        for (const auto& c : type->cross_checks) {
            EXPECT_EQ(c.with, "cchc");
            // The other side's codes exist in both CCHC editions.
            EXPECT_TRUE(schema::check_cross_references(*type, c, *t.cchc).empty()) << c.id;
            EXPECT_TRUE(schema::check_cross_references(*type, c, *t.cchc2024).empty()) << c.id;
        }
    const auto& c = t.digital->cross_checks[1];
    EXPECT_EQ(c.id, "services-fully-online");
    EXPECT_EQ(c.codes, (std::vector<std::string>{"I.2.2"}));
    EXPECT_EQ(c.other_codes, (std::vector<std::string>{"V.2.2.2"}));
}

TEST(CrossCheck, MatchingValuesGiveNoFinding) {
    Pair p;
    auto res = p.run();
    EXPECT_EQ(res.checks, 4);
    EXPECT_TRUE(res.skipped.empty());
    EXPECT_TRUE(res.a.empty()) << res.a.front().message;
    EXPECT_TRUE(res.b.empty());
}

TEST(CrossCheck, AMismatchIsAFindingInBothReportsPointingAtEachSidesCodes) {
    Pair p;
    set(p.digital, *p.t.digital, {{"I.2.2", "80"}});
    auto res = p.run();
    ASSERT_EQ(res.a.size(), 1u);
    ASSERT_EQ(res.b.size(), 1u);
    const auto& in_cchc = res.a[0];
    const auto& in_digital = res.b[0];
    EXPECT_EQ(in_cchc.rule, "cross.digital.services-fully-online");
    EXPECT_EQ(in_digital.rule, in_cchc.rule);
    EXPECT_EQ(in_cchc.severity, schema::Severity::Warning);
    EXPECT_EQ(in_cchc.codes, (std::vector<std::string>{"V.2.2.2"}));
    EXPECT_EQ(in_digital.codes, (std::vector<std::string>{"I.2.2"}));
    EXPECT_NE(in_cchc.message.find("(80)"), std::string::npos) << in_cchc.message;
    EXPECT_NE(in_cchc.message.find("(74)"), std::string::npos) << in_cchc.message;
}

TEST(CrossCheck, BothDirectionsGiveTheSameFindingsToTheSameReports) {
    Pair p;
    set(p.cchc, *p.t.cchc, {{"HS.2.2", "41"}, {"III.1.2", "100"}});
    auto ab = p.run();
    auto ea = evaluate(p.t.cchc, p.cchc);
    auto eb = evaluate(p.t.digital, p.digital);
    auto ba = cross_check(p.digital, eb, p.cchc, ea);
    ASSERT_EQ(ab.a.size(), 2u);
    ASSERT_EQ(ba.b.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(ab.a[i].rule, ba.b[i].rule);
        EXPECT_EQ(ab.a[i].codes, ba.b[i].codes);
        EXPECT_EQ(ab.b[i].codes, ba.a[i].codes);
        EXPECT_EQ(ab.a[i].message, ba.b[i].message);
    }
    EXPECT_NE(find_rule(ab.a, "cross.digital.procedures"), nullptr);
    EXPECT_NE(find_rule(ab.b, "cross.digital.files-received-online"), nullptr);
}

TEST(CrossCheck, ABlankSideIsNotAMismatch) {
    Pair p;
    p.cchc.values.erase("V.2.2.2");
    set(p.digital, *p.t.digital, {{"I.2.2", "80"}});
    auto res = p.run();
    EXPECT_TRUE(res.a.empty());
}

TEST(CrossCheck, DifferentPeriodsOrUnitsAreSkippedWithAnInfo) {
    Pair p;
    p.digital.period = *report::Period::parse("2025-Q2");
    set(p.digital, *p.t.digital, {{"I.2.2", "80"}});
    auto res = p.run();
    EXPECT_FALSE(res.skipped.empty());
    EXPECT_EQ(res.checks, 0);
    ASSERT_EQ(res.a.size(), 1u);
    EXPECT_EQ(res.a[0].rule, "cross.skipped");
    EXPECT_EQ(res.a[0].severity, schema::Severity::Info);
    ASSERT_EQ(res.b.size(), 1u);

    Pair q;
    q.digital.unit.name = "Hải Hậu";
    EXPECT_FALSE(q.run().skipped.empty());
    Pair r;
    r.digital.unit.province.clear();  // not given on one side: still the same unit
    EXPECT_TRUE(r.run().skipped.empty());
}

TEST(CrossCheck, IsoScopeAgainstPublishedProceduresOnlyForTheSamePeriod) {
    Types t;
    auto cchc = make_report(*t.cchc, "2025", "Ninh Giang");
    auto iso = make_report(*t.iso, "2025", "Ninh Giang");
    set(cchc, *t.cchc, {{"III.1.2", "101"}});
    set(iso, *t.iso, {{"I.1", "101"}, {"I.2", "120"}});
    auto ea = evaluate(t.iso, iso);
    auto eb = evaluate(t.cchc, cchc);
    auto res = cross_check(iso, ea, cchc, eb);
    ASSERT_EQ(res.a.size(), 1u);
    EXPECT_EQ(res.a[0].rule, "cross.iso9001.scope-within-published");
    EXPECT_EQ(res.b[0].codes, (std::vector<std::string>{"III.1.2"}));
    // A quarterly CCHC report is not compared with the year's ISO report.
    auto q4 = make_report(*t.cchc, "2025-Q4", "Ninh Giang");
    set(q4, *t.cchc, {{"III.1.2", "90"}});
    auto eq = evaluate(t.cchc, q4);
    EXPECT_FALSE(cross_check(iso, ea, q4, eq).skipped.empty());
}

TEST(CrossCheck, AJustificationAppliesOnTheSideThatWroteIt) {
    Pair p;
    set(p.digital, *p.t.digital, {{"I.2.2", "80"}});
    p.digital.justifications.push_back({"cross.digital.services-fully-online", "Tính cả dịch vụ của tỉnh", "2025-10-01"});
    auto res = p.run();
    ASSERT_EQ(res.a.size(), 1u);
    EXPECT_TRUE(res.a[0].justification.empty());
    EXPECT_EQ(res.b[0].justification, "Tính cả dịch vụ của tỉnh");
}

TEST(CrossCheck, PartnersAreTheTypesDeclaredEitherWay) {
    Types t;
    const std::vector<schema::ReportTypePtr> installed = {t.cchc, t.digital, t.iso};
    EXPECT_EQ(cross_check_partners(*t.cchc, installed), (std::vector<std::string>{"digital", "iso9001"}));
    EXPECT_EQ(cross_check_partners(*t.digital, installed), (std::vector<std::string>{"cchc"}));
}

// ---------------------------------------------------------------------------------------------
// Declarations

const std::string kLabel = "plugins/x/x.xml";
const char* kRows = R"(      <indicator code="A" type="integer"><label>A</label></indicator>
      <indicator code="W" type="text"><label>W</label></indicator>
)";
const char* kSections = "    <section id=\"S\"><title>S</title></section>\n";

std::string with_check(const std::string& check) {
    return definition("x", "e", kRows, kSections, "  <crossChecks>\n" + check + "  </crossChecks>\n");
}

TEST(CrossCheckDeclaration, AnOtherTypePrefixThatIsNotWithIsALoadError) {
    const std::string text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="A = @digital.I.2.2"><message>m</message></crossCheck>
)");
    const std::string err = error_of(text, kLabel);
    EXPECT_NE(err.find(at(kLabel, text, "<crossCheck id") + "kiểm tra chéo c: “@digital.I.2.2” phải có dạng @cchc.MÃ"),
              std::string::npos)
        << err;
}

TEST(CrossCheckDeclaration, OwnCodesMustBeNumericIndicatorsOfThisType) {
    std::string text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="Z = @cchc.III.1.2"><message>m</message></crossCheck>
)");
    std::string err = error_of(text, kLabel);
    EXPECT_NE(err.find(at(kLabel, text, "<crossCheck id") + "kiểm tra chéo c: không có chỉ tiêu “Z”"), std::string::npos)
        << err;
    text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="W = @cchc.III.1.2"><message>m</message></crossCheck>
)");
    err = error_of(text, kLabel);
    EXPECT_NE(err.find(at(kLabel, text, "<crossCheck id")), std::string::npos) << err;
}

TEST(CrossCheckDeclaration, PrevAndSelfReferencesAreLoadErrors) {
    std::string text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="prev(A) = @cchc.III.1.2"><message>m</message></crossCheck>
)");
    EXPECT_NE(error_of(text, kLabel).find(at(kLabel, text, "<crossCheck id")), std::string::npos);
    text = with_check(R"(    <crossCheck id="c" with="x" severity="warning" test="A = 1"><message>m</message></crossCheck>
)");
    EXPECT_NE(error_of(text, kLabel).find(at(kLabel, text, "<crossCheck id")), std::string::npos);
}

TEST(CrossCheckDeclaration, AnOtherSideCodeUnknownToTheInstalledTypeIsNamedAtItsLine) {
    const std::string text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="A = @cchc.NOPE"><message>m</message></crossCheck>
)");
    auto x = parse(text, kLabel);  // the other type is not known at load
    Types t;
    const auto problems = schema::check_cross_references(*x, x->cross_checks[0], *t.cchc);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind(at(kLabel, text, "<crossCheck id"), 0), 0u) << problems[0];
    EXPECT_NE(problems[0].find("“NOPE”"), std::string::npos);
    // When the reports are compared, the check does not run and says why.
    auto rx = make_report(*x, "2025-Q3", "Ninh Giang");
    set(rx, *x, {{"A", "1"}});
    auto rc = make_report(*t.cchc, "2025-Q3", "Ninh Giang");
    auto ex = evaluate(x, rx);
    auto ec = evaluate(t.cchc, rc);
    auto res = cross_check(rx, ex, rc, ec);
    ASSERT_EQ(res.a.size(), 1u);
    EXPECT_EQ(res.a[0].severity, schema::Severity::Info);
    EXPECT_NE(res.a[0].message.find(kLabel + ":"), std::string::npos) << res.a[0].message;
    EXPECT_EQ(res.checks, 0);
}

TEST(CrossCheckDeclaration, TheMessagesPlaceholdersAreCheckedOnBothSides) {
    // This side at load: an unknown code is refused, as users would read "{Z}" as is.
    std::string text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="A = @cchc.III.1.2"><message>{Z} khác {@cchc.III.1.2}</message></crossCheck>
)");
    const std::string err = error_of(text, kLabel);
    EXPECT_NE(err.find(at(kLabel, text, "<message>{Z}") + "kiểm tra chéo c: “{Z}” không điền được"), std::string::npos)
        << err;
    // The other side once both types are known: a code only the message names is checked too.
    text = with_check(R"(    <crossCheck id="c" with="cchc" severity="warning" test="A = @cchc.III.1.2"><message>{A} khác {@cchc.NOPE}</message></crossCheck>
)");
    auto x = parse(text, kLabel);
    ASSERT_EQ(x->cross_checks.size(), 1u);
    EXPECT_EQ(x->cross_checks[0].other_codes, (std::vector<std::string>{"III.1.2", "NOPE"}));
    Types t;
    const auto problems = schema::check_cross_references(*x, x->cross_checks[0], *t.cchc);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("“NOPE”"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace rb::migrate
