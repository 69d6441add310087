// Entering values with the real CCHC indicators: what staff type becomes canonical text or a
// message naming the indicator; setting several values is all or nothing; a new report gets
// its header and data window from the definition.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/entry.hpp"
#include "schema/report_type.hpp"

namespace rb::report {
namespace {

const schema::ReportType& cchc() {
    static const schema::ReportTypePtr type = [] {
        auto t = schema::load_definition(std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml");
        if (!t) ADD_FAILURE() << t.error();
        return t ? *t : nullptr;
    }();
    if (!type) throw std::runtime_error("the CCHC definition did not load");
    return *type;
}

const schema::Indicator& ind(const char* code) {
    const schema::Indicator* i = cchc().indicator(code);
    if (!i) throw std::runtime_error(std::string("no indicator ") + code);
    return *i;
}

// The canonical text, or "ERROR: <message>".
std::string canon(const char* code, std::string_view typed) {
    auto v = canonical_value(ind(code), typed);
    return v ? *v : "ERROR: " + v.error();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

UnitInfo phuong_dinh() { return {"Phương Định", "xã", "Trực Ninh", "huyện", "Nam Định", {}, ""}; }

Report q1_2024() { return new_report(cchc(), *Period::parse("2024-Q1"), phuong_dinh()); }

// ---------------------------------------------------------------------------------------------
// canonical_value

TEST(EntryCanonicalValue, ACountTakesVietnameseThousandsGrouping) {
    EXPECT_EQ(canon("I.5.1", "1.034"), "1034");
    EXPECT_EQ(canon("I.5.1", "1 034"), "1034");
    EXPECT_EQ(canon("I.5.1", "  12 "), "12");
    EXPECT_EQ(canon("I.5.1", "0"), "0");
    EXPECT_EQ(canon("HS.2.2", "1.234.567"), "1234567");
}

TEST(EntryCanonicalValue, ADecimalInACountIsRefusedNamingTheIndicator) {
    const std::string e = canon("I.1", "1,5");
    ASSERT_EQ(e.rfind("ERROR: ", 0), 0u) << e;
    EXPECT_TRUE(has(e, "I.1")) << e;
    EXPECT_TRUE(has(e, "1,5")) << e;
    EXPECT_EQ(canon("I.1", "1.5").rfind("ERROR: I.1", 0), 0u);
    EXPECT_EQ(canon("I.1", "mười").rfind("ERROR: I.1", 0), 0u);
}

TEST(EntryCanonicalValue, ANegativeCountIsRefusedByItsMinimum) {
    const std::string e = canon("I.2.1", "-3");
    ASSERT_EQ(e.rfind("ERROR: ", 0), 0u) << e;
    EXPECT_TRUE(has(e, "I.2.1")) << e;
    EXPECT_TRUE(has(e, "tối thiểu 0")) << e;
}

TEST(EntryCanonicalValue, AComputedRowRefusesInputSayingItIsComputed) {
    const std::string e = canon("I.2", "16,67");
    ASSERT_EQ(e.rfind("ERROR: ", 0), 0u) << e;
    EXPECT_TRUE(has(e, "I.2")) << e;
    EXPECT_TRUE(has(e, "tính tự động")) << e;
    EXPECT_TRUE(has(e, "ratio(I.2.2, I.2.1)")) << e;
    EXPECT_EQ(canon("III.1", "101").rfind("ERROR: III.1 được tính tự động", 0), 0u);
    // Even an empty value: a computed row has nothing to clear.
    EXPECT_EQ(canon("HS.4", "").rfind("ERROR: HS.4", 0), 0u);
}

TEST(EntryCanonicalValue, AHeadingRefusesInput) {
    const std::string e = canon("I.4", "3");
    ASSERT_EQ(e.rfind("ERROR: ", 0), 0u) << e;
    EXPECT_TRUE(has(e, "I.4")) << e;
    EXPECT_TRUE(has(e, "tiêu đề")) << e;
}

TEST(EntryCanonicalValue, YesNoTakesWordsAndDigits) {
    EXPECT_EQ(canon("I.5", "có"), "1");
    EXPECT_EQ(canon("I.5", "Có"), "1");
    EXPECT_EQ(canon("I.5", "1"), "1");
    EXPECT_EQ(canon("I.5", "không"), "0");
    EXPECT_EQ(canon("I.5", "KHÔNG"), "0");
    EXPECT_EQ(canon("I.5", "khong"), "0");
    EXPECT_EQ(canon("I.5", "0"), "0");
    EXPECT_EQ(canon("I.6", "Không"), "0");
    const std::string e = canon("I.5", "2");
    EXPECT_EQ(e.rfind("ERROR: I.5", 0), 0u) << e;
    EXPECT_EQ(canon("I.5", "có lẽ").rfind("ERROR: I.5", 0), 0u);
}

TEST(EntryCanonicalValue, AChoiceTakesItsNumberOrItsLabel) {
    EXPECT_EQ(canon("I.5.2", "2"), "2");
    EXPECT_EQ(canon("I.5.2", "Kết hợp"), "2");
    EXPECT_EQ(canon("I.5.2", "kết hợp"), "2");
    EXPECT_EQ(canon("I.5.2", "Trực tuyến"), "0");
    EXPECT_EQ(canon("I.5.2", "Phát phiếu"), "1");
    EXPECT_EQ(canon("I.5.2", "Both"), "2");  // the English label
    const std::string e = canon("I.5.2", "3");
    ASSERT_EQ(e.rfind("ERROR: I.5.2", 0), 0u) << e;
    EXPECT_TRUE(has(e, "2 = Kết hợp")) << e;  // the message lists the choices
}

TEST(EntryCanonicalValue, EmptyTextClears) {
    EXPECT_EQ(canon("I.1", ""), "");
    EXPECT_EQ(canon("I.1", "   "), "");
    EXPECT_EQ(canon("I.5", ""), "");
    EXPECT_EQ(canon("I.5.2", ""), "");
}

TEST(EntryCanonicalValue, DecimalPercentTextAndDateIndicators) {
    // The CCHC form has none of these typed; indicators of other forms are built here.
    schema::Indicator dec;
    dec.code = "X.1";
    dec.type = schema::ValueType::Decimal;
    dec.min = 0;
    EXPECT_EQ(*canonical_value(dec, "16,67"), "16.67");
    EXPECT_EQ(*canonical_value(dec, "1.034,5"), "1034.5");
    EXPECT_FALSE(canonical_value(dec, "16.67"));  // English style is ambiguous

    schema::Indicator pct = dec;
    pct.code = "X.2";
    pct.type = schema::ValueType::Percent;
    pct.max = 100;
    EXPECT_EQ(*canonical_value(pct, "16,67%"), "16.67");
    auto over = canonical_value(pct, "120%");
    ASSERT_FALSE(over);
    EXPECT_TRUE(has(over.error(), "X.2")) << over.error();

    schema::Indicator text;
    text.code = "X.3";
    text.type = schema::ValueType::Text;
    EXPECT_EQ(*canonical_value(text, "  Ghi chú  "), "Ghi chú");
    EXPECT_FALSE(canonical_value(text, std::string("a\x01") + "b"));

    schema::Indicator date;
    date.code = "X.4";
    date.type = schema::ValueType::Date;
    EXPECT_EQ(*canonical_value(date, "08/03/2024"), "2024-03-08");
    auto bad = canonical_value(date, "31/02/2024");
    ASSERT_FALSE(bad);
    EXPECT_TRUE(has(bad.error(), "X.4")) << bad.error();
}

TEST(EntryCanonicalValue, NumericValueReadsCanonicalText) {
    EXPECT_EQ(numeric_value(ind("I.5.1"), "1034"), 1034.0);
    EXPECT_EQ(numeric_value(ind("I.5.1"), ""), std::nullopt);
    EXPECT_EQ(numeric_value(ind("I.5.1"), "1.034x"), std::nullopt);
    EXPECT_EQ(numeric_value(ind("I.4"), "3"), std::nullopt);  // a heading holds no value
}

TEST(EntryParseAssignment, SplitsCodeAndValue) {
    auto a = parse_assignment("I.5.1=1.034");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->code, "I.5.1");
    EXPECT_EQ(a->typed, "1.034");
    auto empty = parse_assignment("I.1=");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->typed, "");
    auto eq = parse_assignment("I.5.2=Kết hợp = 2");
    ASSERT_TRUE(eq);
    EXPECT_EQ(eq->typed, "Kết hợp = 2");
    EXPECT_FALSE(parse_assignment("I.1"));
    EXPECT_FALSE(parse_assignment("=3"));
}

// ---------------------------------------------------------------------------------------------
// apply_values

TEST(EntryApplyValues, WritesCanonicalValues) {
    Report r = q1_2024();
    ASSERT_TRUE(apply_values(r, cchc(), {{"I.5.1", "1.034"}, {"I.5", "có"}, {"I.5.2", "Kết hợp"}}));
    EXPECT_EQ(r.values.at("I.5.1").value, "1034");
    EXPECT_EQ(r.values.at("I.5").value, "1");
    EXPECT_EQ(r.values.at("I.5.2").value, "2");
}

TEST(EntryApplyValues, OneBadValueAndNothingIsWrittenWithEveryBadValueListed) {
    Report r = q1_2024();
    ASSERT_TRUE(apply_values(r, cchc(), {{"I.1", "12"}}));
    const Report before = r;
    const auto st = apply_values(r, cchc(),
                                 {{"I.1", "13"}, {"I.5.1", "1,5"}, {"I.2.1", "6"}, {"I.2.2", "-1"}, {"I.2", "50"}});
    ASSERT_FALSE(st);
    EXPECT_EQ(r, before);
    EXPECT_EQ(r.values.at("I.1").value, "12");
    EXPECT_EQ(r.values.count("I.2.1"), 0u);
    // One line per bad value, in the order given, then the conclusion; good values not blamed.
    std::vector<std::string> lines;
    for (std::size_t pos = 0; pos <= st.error().size();) {
        const auto nl = std::min(st.error().find('\n', pos), st.error().size());
        lines.push_back(st.error().substr(pos, nl - pos));
        pos = nl + 1;
    }
    ASSERT_EQ(lines.size(), 4u) << st.error();
    EXPECT_EQ(lines[0].rfind("I.5.1: ", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1].rfind("I.2.2: ", 0), 0u) << lines[1];
    EXPECT_EQ(lines[2].rfind("I.2 ", 0), 0u) << lines[2];
    EXPECT_EQ(lines[3], "Không có giá trị nào được ghi.");
}

TEST(EntryApplyValues, AnUnknownCodeIsRefusedAndNothingIsWritten) {
    Report r = q1_2024();
    const Report before = r;
    const auto st = apply_values(r, cchc(), {{"I.1", "3"}, {"VI.9", "3"}});
    ASSERT_FALSE(st);
    EXPECT_EQ(r, before);
    EXPECT_TRUE(has(st.error(), "“VI.9”")) << st.error();
    EXPECT_TRUE(has(st.error(), "nam-dinh-2024")) << st.error();
}

TEST(EntryApplyValues, EmptyClearsAValueAndKeepsItsNote) {
    Report r = q1_2024();
    ASSERT_TRUE(apply_values(r, cchc(), {{"I.1", "12"}, {"I.3.1", "2"}}));
    r.values["I.3.1"].note = "Kiểm tra 2 thôn";
    ASSERT_TRUE(apply_values(r, cchc(), {{"I.1", ""}, {"I.3.1", " "}}));
    EXPECT_EQ(r.values.count("I.1"), 0u);
    ASSERT_EQ(r.values.count("I.3.1"), 1u);
    EXPECT_EQ(r.values.at("I.3.1").value, "");
    EXPECT_EQ(r.values.at("I.3.1").note, "Kiểm tra 2 thôn");
}

TEST(EntryApplyValues, ASubmittedReportIsLocked) {
    Report r = q1_2024();
    ASSERT_TRUE(apply_values(r, cchc(), {{"I.1", "12"}}));
    r.status = Status::Submitted;
    const Report before = r;
    const auto st = apply_values(r, cchc(), {{"I.1", "13"}});
    ASSERT_FALSE(st);
    EXPECT_FALSE(st.error().empty());
    EXPECT_EQ(r, before);
}

TEST(EntryApplyValues, AReadOnlyReportIsLocked) {
    Report r = q1_2024();
    r.read_only = true;
    r.read_only_reason = "newer format";
    const auto st = apply_values(r, cchc(), {{"I.1", "13"}});
    ASSERT_FALSE(st);
    EXPECT_TRUE(r.values.empty());
}

// ---------------------------------------------------------------------------------------------
// new_report, fill_placeholders

TEST(EntryNewReport, FillsTheHeaderFromTheDefinitionDefaults) {
    const Report r = q1_2024();
    EXPECT_EQ(r.type_id, "cchc");
    EXPECT_EQ(r.edition, "nam-dinh-2024");
    EXPECT_EQ(r.type_version, cchc().version);
    EXPECT_EQ(r.period.code(), "2024-Q1");
    EXPECT_EQ(r.unit, phuong_dinh());
    EXPECT_EQ(r.header.parent_body, "UBND HUYỆN TRỰC NINH");
    EXPECT_EQ(r.header.issuing_body, "UBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(r.header.symbol, "BC-UBND");
    EXPECT_EQ(r.header.place, "Phương Định");
    EXPECT_EQ(r.header.signing_authority, "TM. ỦY BAN NHÂN DÂN");
    EXPECT_EQ(r.header.signer_title, "CHỦ TỊCH");
    EXPECT_EQ(r.header.summary, "Kết quả công tác cải cách hành chính Quý I năm 2024");
    ASSERT_EQ(r.header.recipients.size(), 5u);
    EXPECT_EQ(r.header.recipients.front(), "UBND huyện Trực Ninh");
    EXPECT_EQ(r.header.recipients.back(), "Lưu: VT");
    EXPECT_TRUE(r.header.number.empty());
    EXPECT_FALSE(r.header.date.has_value());
    EXPECT_TRUE(r.values.empty());
    EXPECT_TRUE(r.narrative.empty());
    EXPECT_EQ(r.status, Status::Draft);
    EXPECT_FALSE(r.created.empty());
}

TEST(EntryNewReport, TheDefaultWindowRunsFromThe15thBeforeToThe14thOfTheLastMonth) {
    const Report r = q1_2024();
    EXPECT_EQ(r.window_from, (SimpleDate{2023, 12, 15}));
    EXPECT_EQ(r.window_to, (SimpleDate{2024, 3, 14}));
    const Report h1 = new_report(cchc(), *Period::parse("2024-H1"), phuong_dinh());
    EXPECT_EQ(h1.window_from, (SimpleDate{2023, 12, 15}));
    EXPECT_EQ(h1.window_to, (SimpleDate{2024, 6, 14}));
    EXPECT_EQ(h1.header.summary, "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024");
}

TEST(EntryFillPlaceholders, TheNextPeriodOfAQuarter) {
    Report r = q1_2024();
    EXPECT_EQ(fill_placeholders("{NEXT_PERIOD}", r, kDocument), "QUÝ II NĂM 2024");
    EXPECT_EQ(fill_placeholders("{next_period}", r, kDocument), "Quý II năm 2024");
    ASSERT_NE(cchc().section("IV"), nullptr);
    EXPECT_EQ(fill_placeholders(cchc().section("IV")->title.vi, r, kDocument), "NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024");
    r.period = *Period::parse("2024-Q4");
    EXPECT_EQ(fill_placeholders("{NEXT_PERIOD}", r, kDocument), "QUÝ I NĂM 2025");
    r.period = *Period::parse("2024-H1");
    EXPECT_EQ(fill_placeholders("{NEXT_PERIOD}", r, kDocument), "6 THÁNG CUỐI NĂM 2024");
    r.period = *Period::parse("2024-9M");
    EXPECT_EQ(fill_placeholders("{NEXT_PERIOD}", r, kDocument), "QUÝ IV NĂM 2024");
    r.period = *Period::parse("2024");
    EXPECT_EQ(fill_placeholders("{NEXT_PERIOD}", r, kDocument), "NĂM 2025");
}

TEST(EntryFillPlaceholders, UnitPeriodAndWindowAndUnknownPlaceholdersKept) {
    const Report r = q1_2024();
    EXPECT_EQ(fill_placeholders("UBND xã {unit}, {PROVINCE}: {period} ({PERIOD})", r, kDocument),
              "UBND xã Phương Định, NAM ĐỊNH: Quý I năm 2024 (QUÝ I NĂM 2024)");
    EXPECT_EQ(fill_placeholders("từ ngày {window_from} đến ngày {window_to}", r, kDocument),
              "từ ngày 15/12/2023 đến ngày 14/3/2024");
    EXPECT_EQ(fill_placeholders("{HS.2} hồ sơ, {unclosed", r, kDocument), "{HS.2} hồ sơ, {unclosed");
}

// The loader refuses any name outside schema::document_placeholders(); each of those must then
// really be filled, or a definition that passed the check would still show a raw "{name}".
TEST(EntryFillPlaceholders, EveryNameTheLoaderAllowsIsFilled) {
    Report r = q1_2024();
    r.unit.parent = "Trực Ninh";
    for (const auto& name : schema::document_placeholders()) {
        const std::string token = "{" + name + "}";
        const std::string filled = fill_placeholders(token, r, kDocument);
        EXPECT_NE(filled, token) << name;
        EXPECT_FALSE(filled.empty()) << name;
    }
}

// The language is the caller's to say: a document's text stays Vietnamese while the interface
// speaks English, and what the interface shows can be English.
TEST(EntryFillPlaceholders, TheLanguageIsTheCallersNotTheInterfaces) {
    const Report r = q1_2024();
    i18n::set_language(i18n::Language::English);
    EXPECT_EQ(fill_placeholders("{period} → {next_period}", r, kDocument), "Quý I năm 2024 → Quý II năm 2024");
    EXPECT_EQ(fill_placeholders("{period} → {next_period}", r, i18n::Language::English), "Q1 2024 → Q2 2024");
    i18n::set_language(i18n::Language::Vietnamese);
    EXPECT_EQ(fill_placeholders("{period}", r, i18n::Language::English), "Q1 2024");
}

}  // namespace
}  // namespace rb::report

namespace rb::report {
namespace {

TEST(EntryStored, AStoredDecimalWithAFractionIsValidAsStored) {
    schema::Indicator decimal;
    decimal.code = "IX.1.1";
    decimal.type = schema::ValueType::Decimal;
    decimal.min = 0;
    EXPECT_TRUE(check_stored_value(decimal, "32.5"));                // the file's canonical form
    EXPECT_FALSE(check_stored_value(decimal, "32,5"));               // typed form is not canonical
    EXPECT_FALSE(check_stored_value(decimal, "-1"));                 // bounds still hold
    schema::Indicator count;
    count.code = "I.1";
    count.type = schema::ValueType::Integer;
    EXPECT_TRUE(check_stored_value(count, "1034"));
    EXPECT_FALSE(check_stored_value(count, "1.5"));
    EXPECT_FALSE(check_stored_value(count, "1.034"));  // 1.034 is not an integer in canonical form
}

}  // namespace
}  // namespace rb::report
