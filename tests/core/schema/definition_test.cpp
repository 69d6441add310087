// Report-type definitions: the real CCHC editions load and follow the appendix's numbering,
// and every kind of malformed definition is refused with a message that names the file, the
// line and the column, and says what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "schema/report_type.hpp"

namespace rb::schema {
namespace {

const std::string kNamDinh = std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml";
const std::string kNinhBinh = std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-ninh-binh-2025.xml";
const std::string kAppendixTsv = std::string(RB_TEST_DATA_DIR) + "/seed/phu-luc-2.tsv";

// ---------------------------------------------------------------------------------------------
// The real definitions

ReportTypePtr load_or_fail(const std::string& path) {
    auto t = load_definition(path);
    EXPECT_TRUE(t) << t.error();
    return t ? *t : nullptr;
}

const ReportTypePtr& nam_dinh() {
    static const ReportTypePtr t = load_or_fail(kNamDinh);
    return t;
}

TEST(RealDefinitions, BothCchcEditionsLoad) {
    for (const auto& [path, edition] : {std::pair{kNamDinh, "nam-dinh-2024"}, std::pair{kNinhBinh, "ninh-binh-2025"}}) {
        SCOPED_TRACE(path);
        auto t = load_definition(path);
        ASSERT_TRUE(t) << t.error();
        EXPECT_EQ((*t)->id, "cchc");
        EXPECT_EQ((*t)->edition, edition);
        EXPECT_EQ((*t)->source_file, path);
        EXPECT_FALSE((*t)->title.vi.empty());
        EXPECT_FALSE((*t)->sections.empty());
        EXPECT_FALSE((*t)->indicators.empty());
        EXPECT_FALSE((*t)->rules.empty());
        EXPECT_TRUE((*t)->allows_period("quarter"));
    }
}

TEST(RealDefinitions, NamDinhEditionHasTheFormsStructure) {
    const auto& t = nam_dinh();
    ASSERT_TRUE(t);
    EXPECT_EQ(t->cutoff.start_day, 15);
    EXPECT_EQ(t->cutoff.end_day, 14);
    ASSERT_NE(t->indicator("I.2"), nullptr);
    EXPECT_EQ(t->indicator("I.2")->computed_source, "ratio(I.2.2, I.2.1)");
    ASSERT_NE(t->indicator("I.4"), nullptr);
    EXPECT_TRUE(t->indicator("I.4")->heading);
    EXPECT_FALSE(t->indicator("I.4")->is_numeric());
    ASSERT_NE(t->indicator("I.5.2"), nullptr);
    EXPECT_EQ(t->indicator("I.5.2")->type, ValueType::Choice);
    EXPECT_EQ(t->indicator("I.5.2")->choices.size(), 3u);
    ASSERT_NE(t->indicator("I.2.2"), nullptr);
    EXPECT_TRUE(t->indicator("I.2.2")->cumulative);
    EXPECT_TRUE(t->indicator("HS.4.2")->supplementary);  // its group is supplementary
    EXPECT_EQ(t->indicator("I.5")->min, 0.0);            // yes/no is bounded to 0..1
    EXPECT_EQ(t->indicator("I.5")->max, 1.0);
    ASSERT_NE(t->section("IV"), nullptr);
    EXPECT_TRUE(t->section("IV")->required);
    ASSERT_NE(t->section("II.2"), nullptr);
    EXPECT_EQ(t->section("II.2")->parent, "II");
    EXPECT_EQ(t->section("II.2")->level, 1);
    EXPECT_EQ(t->indicator("NOPE"), nullptr);
}

// One row of the seed's appendix table.
struct AppendixRow {
    int line = 0;
    std::string code, stt, label, unit, value;
};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const auto tab = line.find('\t', pos);
        out.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
        if (tab == std::string::npos) break;
        pos = tab + 1;
    }
    return out;
}

// Reads the appendix table: '#' lines are comments, the first other line is the header.
std::vector<AppendixRow> appendix_rows() {
    std::ifstream in(kAppendixTsv);
    EXPECT_TRUE(in) << "cannot open " << kAppendixTsv;
    std::vector<AppendixRow> rows;
    std::string line;
    bool header_seen = false;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        if (!header_seen) {
            header_seen = true;
            EXPECT_EQ(split_tabs(line).front(), "code") << "header expected at line " << n;
            continue;
        }
        auto f = split_tabs(line);
        EXPECT_EQ(f.size(), 5u) << "line " << n << ": " << line;
        f.resize(5);
        rows.push_back({n, f[0], f[1], f[2], f[3], f[4]});
    }
    return rows;
}

bool is_roman(const std::string& s) {
    return !s.empty() && s.find_first_not_of("IVX") == std::string::npos;
}

TEST(RealDefinitions, EveryCodedAppendixRowExistsInTheNamDinhDefinition) {
    const auto& t = nam_dinh();
    ASSERT_TRUE(t);
    const auto rows = appendix_rows();
    ASSERT_GT(rows.size(), 60u);
    int checked = 0;
    for (const auto& row : rows) {
        if (row.code.empty()) continue;
        SCOPED_TRACE("tsv line " + std::to_string(row.line) + ": " + row.code);
        ++checked;
        if (is_roman(row.code) && row.code == row.stt) {
            EXPECT_NE(t->group(row.code), nullptr) << "no group " << row.code;
            continue;
        }
        const Indicator* ind = t->indicator(row.code);
        ASSERT_NE(ind, nullptr) << "no indicator " << row.code;
        EXPECT_EQ(ind->stt, row.stt);
    }
    EXPECT_GT(checked, 60);
}

TEST(RealDefinitions, AppendixCodesFollowTheNumberingConvention) {
    // Roman section, then the STT with trailing dots dropped; rows numbered "-" get
    // <section>.1, <section>.2, … in order.
    const auto rows = appendix_rows();
    std::string section;
    int dash = 0;
    for (const auto& row : rows) {
        if (row.code.empty()) continue;
        SCOPED_TRACE("tsv line " + std::to_string(row.line));
        if (is_roman(row.stt)) {
            section = row.stt;
            dash = 0;
            EXPECT_EQ(row.code, section);
            continue;
        }
        std::string expected;
        if (row.stt == "-") {
            expected = section + "." + std::to_string(++dash);
        } else {
            std::string stt = row.stt;
            while (!stt.empty() && stt.back() == '.') stt.pop_back();
            expected = section + "." + stt;
        }
        EXPECT_EQ(row.code, expected);
    }
}

TEST(RealDefinitions, TheUncodedAppendixRowHoldsTheFigureOfV1) {
    const auto rows = appendix_rows();
    std::string previous;
    int uncoded = 0;
    for (const auto& row : rows) {
        if (row.code.empty()) {
            ++uncoded;
            EXPECT_EQ(previous, "V.1") << "tsv line " << row.line;
            EXPECT_EQ(row.unit, "%");
        } else {
            previous = row.code;
        }
    }
    EXPECT_EQ(uncoded, 1);
}

TEST(RealDefinitions, EveryPercentRowOfTheAppendixIsComputed) {
    const auto& t = nam_dinh();
    ASSERT_TRUE(t);
    std::string previous;
    int percents = 0;
    for (const auto& row : appendix_rows()) {
        // The row with no code carries the figure of the row above it (V.1).
        const std::string code = row.code.empty() ? previous : row.code;
        if (!row.code.empty()) previous = row.code;
        if (row.unit != "%") continue;
        SCOPED_TRACE("tsv line " + std::to_string(row.line) + ": " + code);
        ++percents;
        const Indicator* ind = t->indicator(code);
        ASSERT_NE(ind, nullptr);
        EXPECT_EQ(ind->type, ValueType::Percent);
        EXPECT_TRUE(ind->is_computed()) << code << " is a ratio but can be typed";
        EXPECT_EQ(ind->consolidate, Consolidation::Recompute);
    }
    EXPECT_GE(percents, 10);
}

TEST(RealDefinitions, NoEditionLetsARatioBeTyped) {
    for (const auto& path : {kNamDinh, kNinhBinh}) {
        auto t = load_definition(path);
        ASSERT_TRUE(t) << t.error();
        for (const auto& ind : (*t)->indicators) {
            if (ind.type == ValueType::Percent) {
                EXPECT_TRUE(ind.is_computed()) << path << ": " << ind.code;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed definitions, written inline

constexpr const char* kLabel = "inline/def.xml";

// A small valid definition; `rows` go into the one group, `rules` into <rules>.
std::string definition(std::string_view rows, std::string_view rules = "") {
    std::string s = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="t" edition="e" version="1" formatVersion="1">
  <title>Báo cáo thử</title>
  <periods><period kind="quarter"/></periods>
  <narrative>
    <section id="S" number="I" required="true"><title>Mục một</title></section>
  </narrative>
  <appendix>
    <title>Phụ lục</title>
    <group code="G">
      <title>Nhóm</title>
)xml";
    s += rows;
    s += "    </group>\n  </appendix>\n  <rules>\n";
    s += rules;
    s += "  </rules>\n</reportType>\n";
    return s;
}

const char* kTwoCounts = R"xml(      <indicator code="A" type="integer" min="0"><label>A</label></indicator>
      <indicator code="B" type="integer" min="0"><label>B</label></indicator>
)xml";

// 1-based line of the first occurrence of `marker` in `text`.
int line_of(const std::string& text, std::string_view marker) {
    const auto pos = text.find(marker);
    EXPECT_NE(pos, std::string::npos) << "marker not in text: " << marker;
    if (pos == std::string::npos) return -1;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

// 1-based column (in characters) of the first occurrence of `marker` on its line.
int column_of(const std::string& text, std::string_view marker) {
    const auto pos = text.find(marker);
    if (pos == std::string::npos) return -1;
    const auto line_start = text.rfind('\n', pos) + 1;  // npos + 1 == 0 on the first line
    int col = 1;
    for (auto i = line_start; i < pos; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    return col;
}

// The error must have a line "inline/def.xml:<line>:<column>: …" with a column of at least 1
// (exactly `column` when given). Returns that line's text (what follows the location).
std::string located_at(const std::string& error, int line, int column = 0) {
    std::istringstream in(error);
    std::string l;
    const std::regex re(std::string("^") + kLabel + R"(:(\d+):(\d+): (.+)$)");
    while (std::getline(in, l)) {
        std::smatch m;
        if (std::regex_match(l, m, re) && std::stoi(m[1]) == line) {
            if (column > 0)
                EXPECT_EQ(std::stoi(m[2]), column) << l;
            else
                EXPECT_GE(std::stoi(m[2]), 1) << "no column in: " << l;
            return m[3];
        }
    }
    ADD_FAILURE() << "no error located at " << kLabel << ":" << line << ":<col> in:\n" << error;
    return {};
}

std::string error_of(const std::string& text) {
    auto t = parse_definition(text, kLabel);
    EXPECT_FALSE(t) << "accepted:\n" << text;
    return t ? std::string() : t.error();
}

TEST(MalformedDefinition, TheBaseOfTheseTestsIsValid) {
    // Guards the tests below: each breaks exactly one thing in this definition.
    auto t = parse_definition(definition(std::string(kTwoCounts) +
                                             R"xml(      <indicator code="C" type="percent" computed="ratio(A, B)"><label>C</label></indicator>
)xml",
                                         R"xml(    <rule id="r" severity="error" test="A &lt;= B" section="S"><message>A &gt; B</message></rule>
)xml"),
                              kLabel);
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ((*t)->indicators.size(), 3u);
    EXPECT_EQ((*t)->rules.size(), 1u);
    EXPECT_EQ((*t)->source_file, kLabel);
}

TEST(MalformedDefinition, ARulesMissingValueStrategyIsReadAndAnUnknownOneIsLocated) {
    auto rules = [](const std::string& attrs) {
        return definition(std::string(kTwoCounts),
                          R"xml(    <rule id="balance" severity="error" test="A = B")xml" + attrs +
                              R"xml(><message>A ≠ B</message></rule>
    <rule id="limit" severity="error" test="A &lt;= B"><message>A &gt; B</message></rule>
)xml");
    };
    auto t = parse_definition(rules(""), kLabel);
    ASSERT_TRUE(t) << t.error();
    // Defaults: a balance waits for all its operands, a limit does not.
    EXPECT_EQ((*t)->rules[0].missing_values(), schema::MissingValues::SkipIfAny);
    EXPECT_EQ((*t)->rules[1].missing_values(), schema::MissingValues::Never);
    for (const auto& [attr, want] : {std::pair{" missing=\"never\"", schema::MissingValues::Never},
                                     std::pair{" missing=\"skip-if-all\"", schema::MissingValues::SkipIfAll},
                                     std::pair{" missing=\"skip-if-any\"", schema::MissingValues::SkipIfAny}}) {
        auto u = parse_definition(rules(attr), kLabel);
        ASSERT_TRUE(u) << u.error();
        EXPECT_EQ((*u)->rules[0].missing_values(), want) << attr;
    }
    const std::string text = rules(" missing=\"skip\"");
    EXPECT_NE(located_at(error_of(text), line_of(text, "missing=")).find("skip"), std::string::npos);
}

TEST(MalformedDefinition, XmlThatIsNotWellFormedIsLocated) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="integer"><label>Nhãn & lỗi</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, "Nhãn & lỗi"));
    EXPECT_FALSE(what.empty());
}

TEST(MalformedDefinition, AnUnclosedElementIsLocated) {
    const std::string text = definition(R"xml(      <indicator code="A" type="integer"><label>A</label>
)xml");
    const std::string err = error_of(text);
    EXPECT_NE(err.find(std::string(kLabel) + ":"), std::string::npos) << err;
    EXPECT_TRUE(std::regex_search(err, std::regex(R"(def\.xml:\d+:[1-9]\d*: )"))) << err;
}

TEST(MalformedDefinition, AnUnknownElementIsASchemaViolation) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indikator code="C" type="integer"><label>C</label></indikator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, "<indikator"), column_of(text, "<indikator"));
    EXPECT_NE(what.find("indikator"), std::string::npos) << what;
}

TEST(MalformedDefinition, AMissingRequiredAttributeIsASchemaViolation) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" unit="Hồ sơ"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"), column_of(text, R"(<indicator code="C")"));
    EXPECT_NE(what.find("type"), std::string::npos) << what;
}

TEST(MalformedDefinition, AnUnknownTypeValueIsASchemaViolation) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="number"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"), column_of(text, R"(<indicator code="C")"));
    EXPECT_NE(what.find("number"), std::string::npos) << what;
}

TEST(MalformedDefinition, ANonNumericBoundIsASchemaViolation) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="integer" min="zero"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"), column_of(text, R"(<indicator code="C")"));
    EXPECT_NE(what.find("zero"), std::string::npos) << what;
}

TEST(MalformedDefinition, ADuplicateIndicatorCodeIsLocatedAtTheSecondOne) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="A" type="integer" unit="again"><label>A again</label></indicator>
)xml");
    const std::string err = error_of(text);
    const std::string what = located_at(err, line_of(text, R"(unit="again")"));
    EXPECT_NE(what.find("“A”"), std::string::npos) << what;
    EXPECT_NE(what.find("đã được khai báo"), std::string::npos) << what;
}

TEST(MalformedDefinition, AnUnknownCodeInAFormulaIsNamed) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="integer" computed="sum(A, NOPE.1)"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, "NOPE.1"));
    EXPECT_NE(what.find("NOPE.1"), std::string::npos) << what;
    EXPECT_NE(what.find("chỉ tiêu C"), std::string::npos) << what;
}

TEST(MalformedDefinition, AnUnknownCodeInARuleIsNamed) {
    const std::string text = definition(kTwoCounts, R"xml(    <rule id="r" severity="error" test="A &lt;= ZZ"><message>m</message></rule>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(<rule id="r")"));
    EXPECT_NE(what.find("ZZ"), std::string::npos) << what;
    EXPECT_NE(what.find("quy tắc r"), std::string::npos) << what;
}

TEST(MalformedDefinition, AFormulaSyntaxErrorGivesTheColumnInTheFormula) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="integer" computed="A + * B"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"));
    // The formula is quoted and the column of the '*' (5) within it is given.
    EXPECT_NE(what.find("A + * B"), std::string::npos) << what;
    EXPECT_NE(what.find("cột 5"), std::string::npos) << what;
}

TEST(MalformedDefinition, AnUnclosedParenthesisInARuleIsLocated) {
    const std::string text = definition(kTwoCounts, R"xml(    <rule id="r" severity="error" test="sum(A, B &lt;= 3"><message>m</message></rule>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(<rule id="r")"));
    EXPECT_NE(what.find("cột"), std::string::npos) << what;
}

TEST(MalformedDefinition, CyclicComputedIndicatorsAreAnErrorNotAHang) {
    const std::string text = definition(R"xml(      <indicator code="A" type="integer" computed="B + 1"><label>A</label></indicator>
      <indicator code="B" type="integer" computed="sum(A, 2)"><label>B</label></indicator>
)xml");
    // A hang would end at CTest's timeout; the time it takes is measured in tests/bench.
    auto t = parse_definition(text, kLabel);
    ASSERT_FALSE(t);
    const std::string& err = t.error();
    EXPECT_NE(err.find("vòng tròn"), std::string::npos) << err;
    EXPECT_NE(err.find("A → B"), std::string::npos) << err;
    EXPECT_NE(err.find("B → A"), std::string::npos) << err;
    // Located at the indicator the cycle is read from (A depends on B, which depends on A).
    const std::string what = located_at(err, line_of(text, R"(code="A")"));
    EXPECT_NE(what.find("A → B → A"), std::string::npos) << what;
}

TEST(MalformedDefinition, AnIndicatorComputedFromItselfIsACycle) {
    const std::string text = definition(R"xml(      <indicator code="A" type="integer" computed="A + 1"><label>A</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="A")"));
    EXPECT_NE(what.find("vòng tròn"), std::string::npos) << what;
    EXPECT_NE(what.find("A → A"), std::string::npos) << what;
}

TEST(MalformedDefinition, PrevOfItselfIsNotACycle) {
    // Cumulative: this period's value from the previous period's; prev() is no dependency.
    auto t = parse_definition(definition(std::string(kTwoCounts) +
                                             R"xml(      <indicator code="C" type="integer" computed="sum(prev(C), A)"><label>C</label></indicator>
)xml"),
                              kLabel);
    EXPECT_TRUE(t) << t.error();
}

TEST(MalformedDefinition, AFormulaCannotReadATextIndicator) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="T" type="text"><label>Ghi chú</label></indicator>
      <indicator code="C" type="integer" computed="sum(A, T)"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"));
    EXPECT_NE(what.find("“T”"), std::string::npos) << what;
    EXPECT_NE(what.find("không phải chỉ tiêu dạng số"), std::string::npos) << what;
}

TEST(MalformedDefinition, AFormulaCannotReadAHeading) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <heading code="H"><label>Tiêu đề</label></heading>
      <indicator code="C" type="integer" computed="H + A"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"));
    EXPECT_NE(what.find("“H”"), std::string::npos) << what;
}

TEST(MalformedDefinition, ARuleNamingAnUnknownSectionIsNamed) {
    const std::string text = definition(kTwoCounts, R"xml(    <rule id="r" severity="warning" test="A &lt;= B" section="II.9"><message>m</message></rule>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(<rule id="r")"));
    EXPECT_NE(what.find("“II.9”"), std::string::npos) << what;
}

TEST(MalformedDefinition, ARuleNamingAnUnknownCodeInCodesIsNamed) {
    const std::string text = definition(kTwoCounts, R"xml(    <rule id="r" severity="warning" test="A &lt;= B" codes="A Q.7"><message>m</message></rule>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(<rule id="r")"));
    EXPECT_NE(what.find("“Q.7”"), std::string::npos) << what;
}

TEST(MalformedDefinition, AChoiceWithoutChoicesIsAnError) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="choice"><label>Hình thức</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"));
    EXPECT_NE(what.find("C"), std::string::npos) << what;
    EXPECT_NE(what.find("<choice>"), std::string::npos) << what;
}

TEST(MalformedDefinition, MinGreaterThanMaxIsAnError) {
    const std::string text = definition(std::string(kTwoCounts) +
                                        R"xml(      <indicator code="C" type="integer" min="10" max="5"><label>C</label></indicator>
)xml");
    const std::string what = located_at(error_of(text), line_of(text, R"(code="C")"));
    EXPECT_NE(what.find("chỉ tiêu C"), std::string::npos) << what;
    EXPECT_NE(what.find("min lớn hơn max"), std::string::npos) << what;
}

TEST(MalformedDefinition, EveryLoaderErrorIsReportedNotOnlyTheFirst) {
    const std::string text = definition(R"xml(      <indicator code="A" type="integer" min="3" max="1"><label>A</label></indicator>
      <indicator code="C" type="choice"><label>C</label></indicator>
)xml");
    const std::string err = error_of(text);
    located_at(err, line_of(text, R"(code="A")"));
    located_at(err, line_of(text, R"(code="C")"));
}

TEST(MalformedDefinition, AMeansWeightMustBeACountAndOnlyAMeanHasOne) {
    const std::string rows = std::string(kTwoCounts) +
                             R"xml(      <indicator code="M" type="decimal" consolidate="mean" weight="Z"><label>M</label></indicator>
      <indicator code="W" type="decimal" weight="A"><label>W</label></indicator>
      <indicator code="I" type="integer" consolidate="mean"><label>I</label></indicator>
)xml";
    const std::string text = definition(rows);
    const std::string err = error_of(text);
    EXPECT_NE(located_at(err, line_of(text, R"(code="M")")).find("weight=\"Z\" không phải chỉ tiêu nào"), std::string::npos)
        << err;
    EXPECT_NE(located_at(err, line_of(text, R"(code="W")")).find("weight chỉ dùng với consolidate=\"mean\""),
              std::string::npos)
        << err;
    EXPECT_NE(located_at(err, line_of(text, R"(code="I")")).find("cần kiểu decimal hoặc percent"), std::string::npos)
        << err;
    EXPECT_TRUE(parse_definition(definition(std::string(kTwoCounts) +
                                            R"xml(      <indicator code="M" type="decimal" consolidate="mean" weight="A"><label>M</label></indicator>
)xml"),
                                 kLabel))
        << "a mean weighed by a count loads";
}

TEST(MalformedDefinition, TheDocumentsAppendixNumberFillsInAndADifferentOneIsAWarning) {
    std::string text = definition(kTwoCounts);
    text.replace(text.find("  <narrative>"), 0, "  <document appendixNumber=\"3\"/>\n");
    auto t = parse_definition(text, kLabel);
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ((*t)->appendix_number, "3");
    EXPECT_TRUE((*t)->warnings.empty());
    text.replace(text.find("<appendix>"), 10, "<appendix number=\"2\">");
    t = parse_definition(text, kLabel);
    ASSERT_TRUE(t) << t.error();
    EXPECT_EQ((*t)->appendix_number, "2");
    ASSERT_EQ((*t)->warnings.size(), 1u);
    EXPECT_NE((*t)->warnings[0].find("appendixNumber=\"3\""), std::string::npos) << (*t)->warnings[0];
}

TEST(MalformedDefinition, ARowsNoteMayNameOnlyIndicators) {
    const std::string rows = std::string(kTwoCounts) +
                             R"xml(      <indicator code="S" type="integer" computed="sum(A, B)"><label>S</label><note>A {A}; B {Bx}</note></indicator>
)xml";
    const std::string text = definition(rows);
    const std::string what = located_at(error_of(text), line_of(text, "<note>"));
    EXPECT_NE(what.find("“{Bx}” không điền được"), std::string::npos) << what;
    auto ok = parse_definition(definition(std::string(kTwoCounts) +
                                          R"xml(      <indicator code="S" type="integer" computed="sum(A, B)"><label>S</label><note>A {A}; B {B}</note></indicator>
)xml"),
                               kLabel);
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_EQ((*ok)->indicator("S")->note, "A {A}; B {B}");
}

TEST(MalformedDefinition, AMissingFileIsNamed) {
    auto t = load_definition(std::string(RB_TEST_DATA_DIR) + "/no-such-definition.xml");
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().find("no-such-definition.xml"), std::string::npos) << t.error();
}

}  // namespace
}  // namespace rb::schema
