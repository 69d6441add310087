// Narrative checks, on sentences taken from the seed report (CCHC report, Q1 2024, xã Phương
// Định) and on the whole seed narrative.
#include "validate/narrative_checks.hpp"

#include "i18n/i18n.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using namespace rb::validate;

NarrativeSection section(const std::string& number, std::string text) { return {number, number, "", std::move(text)}; }

Mention count(const std::string& code, std::vector<std::string> phrases, const std::string& unit, double value,
              const std::string& display = {}) {
    Mention m;
    m.code = code;
    m.phrases = std::move(phrases);
    m.unit_noun = unit;
    m.value = value;
    m.display = display;
    return m;
}

Mention ratio(const std::string& code, std::vector<std::string> phrases, const std::string& unit, double percent,
              const std::string& display, double numerator, double denominator) {
    Mention m = count(code, std::move(phrases), unit, percent, display);
    m.is_ratio = true;
    m.numerator = numerator;
    m.denominator = denominator;
    return m;
}

NarrativeInput input(std::vector<NarrativeSection> sections, std::vector<Mention> mentions = {}) {
    NarrativeInput in;
    in.sections = std::move(sections);
    in.mentions = std::move(mentions);
    in.unit.names = {"Phương Định", "Trực Ninh", "Nam Định"};
    in.report_year = 2024;
    return in;
}

// The finding's byte range must select its excerpt in the section's text.
void expect_points_at_excerpt(const NarrativeInput& in, const NarrativeFinding& f) {
    const auto s = std::find_if(in.sections.begin(), in.sections.end(),
                                [&](const NarrativeSection& x) { return x.id == f.section_id; });
    ASSERT_NE(s, in.sections.end());
    ASSERT_LE(f.offset + f.length, s->text.size());
    EXPECT_EQ(s->text.substr(f.offset, f.length), f.excerpt);
}

std::string to_nfd(const std::string& s) {
    UErrorCode e = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(e);
    std::string out;
    nfd->normalize(icu::UnicodeString::fromUTF8(s), e).toUTF8String(out);
    return out;
}

// Seed, II.2.
const std::string kCaseBreakdown =
    "Kết quả giải quyết TTHC quý I năm 2024 (từ ngày 15/12/2023 đến ngày 07/03/2024), đã tiếp nhận và giải quyết "
    "1.034 hồ sơ trong đó: Lĩnh vực Tư pháp - Hộ tịch là 985 hồ sơ; lĩnh vực Lao động TBXH là 12 hồ sơ; lĩnh vực "
    "Văn hóa 05 hồ sơ; lĩnh vực Thi đua khen thưởng 29 hồ sơ; lĩnh vực Thanh tra 03 hồ sơ; lĩnh vực Địa chính Xây "
    "dựng 0 hồ sơ Trong đó số hồ sơ tiếp nhận và trả kết quả trong ngày trả đúng hạn là 317 hồ sơ, trước hạn là 717 "
    "hồ sơ, tiếp nhận qua mạng là 1.034 hồ sơ.";

// Seed, II.6 (second bullet).
const std::string kOnlineCases =
    "- Tăng cường việc tiếp nhận và giải quyết TTHC trên dịch vụ công trực tuyến. Đẩy mạnh việc cung cấp dịch vụ "
    "công mức độ 3, 4 góp phần công khai, minh bạch và tạo thuận lợi trong quá trình giải quyết thủ tục hành chính "
    "cho tổ chức và người dân. Tiếp tục hướng dẫn lập tài khoản cá nhân trên dịch vụ công quốc gia và việc nộp hồ "
    "sơ trực tuyến cho tổ chức, công dân trên địa bàn xã. Kết quả hồ sơ trực tuyến đã tiếp nhận và giải quyết là "
    "1.287/1.363 hồ sơ, trong đó 278 hồ sơ thực hiện việc trả phí qua mạng đã có hồ sơ nhận kết quả qua dịch vụ "
    "bưu chính công ích.";

std::vector<Mention> breakdown_mentions(double on_time) {
    return {count("HS.4.2", {"đúng hạn"}, "hồ sơ", on_time), count("HS.4.1", {"trước hạn"}, "hồ sơ", 717, "717"),
            count("HS.2.2", {"tiếp nhận qua mạng"}, "hồ sơ", 1034, "1.034")};
}

// --- NumberContradicts ------------------------------------------------------------------------

TEST(NarrativeNumbers, OnlineCasesTypedAsAFractionThatDisagreesWithTheAppendixAreReported) {
    const auto in = input({section("II.6", kOnlineCases)},
                          {ratio("V.2.4", {"hồ sơ trực tuyến"}, "hồ sơ", 100, "100%", 1034, 1034)});
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].kind, CheckKind::NumberContradicts);
    EXPECT_EQ(found[0].code, "V.2.4");
    EXPECT_EQ(found[0].excerpt, "1.287/1.363");
    EXPECT_EQ(found[0].message,
              "Mục II.6: số “1.287/1.363” trong đoạn văn không khớp với chỉ tiêu V.2.4 của phụ lục (1.034/1.034)");
    expect_points_at_excerpt(in, found[0]);
}

TEST(NarrativeNumbers, CaseBreakdownThatMatchesTheAppendixYieldsNothing) {
    const auto in = input({section("II.2", kCaseBreakdown)}, breakdown_mentions(317));
    EXPECT_TRUE(check_narrative(in).empty());
}

TEST(NarrativeNumbers, OnTimeCountThatDiffersFromTheAppendixIsReportedEvenWithoutPunctuationBeforeTrongDo) {
    // Without the cut before "Trong đó", the clause would also hold "0 hồ sơ" and be skipped.
    const auto in = input({section("II.2", kCaseBreakdown)}, breakdown_mentions(318));
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, "HS.4.2");
    EXPECT_EQ(found[0].excerpt, "317");
    EXPECT_EQ(found[0].message, "Mục II.2: số “317” trong đoạn văn không khớp với chỉ tiêu HS.4.2 của phụ lục (318)");
    expect_points_at_excerpt(in, found[0]);
}

TEST(NarrativeNumbers, FeesPaidOnlineAreNotTakenAsCasesReceivedOnline) {
    EXPECT_TRUE(check_narrative(input({section("II.6", kOnlineCases)},
                                      {count("HS.2.2", {"tiếp nhận qua mạng"}, "hồ sơ", 1034, "1.034")}))
                    .empty());
    // The same clause does speak of fees paid online: a mention with that phrase sees the 278.
    const auto found = check_narrative(
        input({section("II.6", kOnlineCases)}, {count("PHI.1", {"trả phí qua mạng"}, "hồ sơ", 300, "300")}));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].excerpt, "278");
}

TEST(NarrativeNumbers, DatesDocumentNumbersYearsAndOrdinalsAreNeverTakenAsFigures) {
    // No unit noun: every remaining number in these clauses would be a candidate.
    const std::vector<Mention> mentions = {count("X.1", {"kế hoạch"}, "", 999), count("X.2", {"nghị định"}, "", 999),
                                           count("X.3", {"dịch vụ công"}, "", 999),
                                           count("X.4", {"tiêu chuẩn"}, "", 999),
                                           count("X.5", {"chương trình"}, "", 999)};
    const auto in = input(
        {section("intro",
                 "Thực hiện Kế hoạch số 02/KH-UBND ngày 09/01/2024 của UBND huyện Trực Ninh về cải cách hành chính "
                 "năm 2024; Kế hoạch số 05/KH-UBND ngày 22/01/2024 của UBND xã Phương Định về cải cách hành chính năm "
                 "2024."),
         section("I.2",
                 "Chương trình số 06-Ctr/HU ngày 17/12/2020 của Ban chấp hành Đảng bộ huyện về đẩy mạnh cải "
                 "cách hành chính huyện Trực Ninh giai đoạn 2020-2025"),
         section("II.2",
                 "Thực hiện nghiêm Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ; Nghị định "
                 "107/2021/NĐ-CP"),
         section("II.6",
                 "Đẩy mạnh việc cung cấp dịch vụ công mức độ 3 góp phần công khai. Ngày 23/02/2024 UBND xã đã "
                 "ban hành kế hoạch số 18/KH-UBND về duy trì hệ thống quản lý chất lượng theo tiêu chuẩn Quốc "
                 "gia TCVN ISO 9001:2015 tại UBND xã. Kế hoạch quý 2 (từ 15/12 đến 14/3)")},
        mentions);
    EXPECT_TRUE(check_number_contradictions(in).empty());
    // A real figure in the same kind of clause is compared.
    const auto control = check_number_contradictions(input({section("I.1", "Kế hoạch có 18 nhiệm vụ")}, mentions));
    ASSERT_EQ(control.size(), 1u);
    EXPECT_EQ(control[0].excerpt, "18");
}

TEST(NarrativeNumbers, PercentagesAreComparedOnlyWithRatiosAndAtTheDecimalsTyped) {
    const auto signed_docs =
        input({section("II.6", "- UBND xã thực hiện chữ ký số 100% các văn bản chỉ đạo điều hành.")},
              {count("V.1.1", {"chữ ký số"}, "", 5)});
    EXPECT_TRUE(check_narrative(signed_docs).empty());
    auto with_ratio = [](double percent) {
        return input({section("II.6", "- UBND xã thực hiện chữ ký số 100% các văn bản chỉ đạo điều hành.")},
                     {ratio("V.1", {"chữ ký số"}, "văn bản", percent, fmt::format("{}%", percent), 184, 184)});
    };
    EXPECT_TRUE(check_narrative(with_ratio(100)).empty());
    EXPECT_TRUE(check_narrative(with_ratio(99.6)).empty());  // rounds to the 100 typed
    const auto found = check_narrative(with_ratio(95));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].excerpt, "100%");

    auto plan = [](const std::string& typed) {
        return input({section("I.2", "Tỷ lệ hoàn thành kế hoạch CCHC đạt " + typed + ".")},
                     {ratio("I.2", {"hoàn thành kế hoạch"}, "nhiệm vụ", 100.0 / 6, "16,67%", 1, 6)});
    };
    EXPECT_TRUE(check_narrative(plan("16,67%")).empty());
    EXPECT_TRUE(check_narrative(plan("17%")).empty());
    EXPECT_EQ(check_narrative(plan("16,6%")).size(), 1u);
    EXPECT_EQ(check_narrative(plan("20%")).size(), 1u);
}

TEST(NarrativeNumbers, TheLongestPhraseWinsAndATieBetweenIndicatorsIsSkipped) {
    const auto sec = section("II.2", "tiếp nhận qua mạng là 1.034 hồ sơ");
    EXPECT_TRUE(check_narrative(input({sec}, {count("A", {"qua mạng"}, "hồ sơ", 5),
                                              count("B", {"tiếp nhận qua mạng"}, "hồ sơ", 1034)}))
                    .empty());
    const auto found = check_narrative(
        input({sec}, {count("A", {"qua mạng"}, "hồ sơ", 1034), count("B", {"tiếp nhận qua mạng"}, "hồ sơ", 5)}));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, "B");
    EXPECT_TRUE(
        check_narrative(input({sec}, {count("A", {"qua mạng"}, "hồ sơ", 5), count("B", {"qua mạng"}, "hồ sơ", 5)}))
            .empty());
}

TEST(NarrativeNumbers, AClauseWithSeveralCandidatesIsNotCompared) {
    const auto in = input({section("II.3", "Tổng số cán bộ, công chức được giao là 22 người và 3 người kiêm nhiệm")},
                          {count("CB.1", {"cán bộ"}, "người", 25), count("CB.2", {"được giao"}, "người", 25)});
    EXPECT_TRUE(check_narrative(in).empty());
}

// --- NameTypo ---------------------------------------------------------------------------------

TEST(NarrativeNames, MisspeltDistrictNameIsFound) {
    const auto in = input({section(
        "I.1",
        "Căn cứ Kế hoạch số 02/KH-UBND ngày 09/01/2024 của UBND huyện Trục Ninh về cải cách hành chính năm 2024")});
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].kind, CheckKind::NameTypo);
    EXPECT_EQ(found[0].excerpt, "Trục Ninh");
    EXPECT_EQ(found[0].message, "Mục I.1: “Trục Ninh” có thể là lỗi chính tả của “Trực Ninh”");
    expect_points_at_excerpt(in, found[0]);
}

TEST(NarrativeNames, ExactNamesAndOtherNamesOfTheUnitAreNotFlagged) {
    const auto in = input({section("I.2",
                                   "Kế hoạch số 111/KH-UBND ngày 29/9/2021 của UBND tỉnh về cải cách hành chính "
                                   "tỉnh Nam Định, giai đoạn 2021-2025; UBND xã Phương Định; - UBND huyện Trực "
                                   "Ninh; UBND XÃ PHƯƠNG ĐỊNH; Nam Ninh; Thanh tra")});
    EXPECT_TRUE(check_name_typos(in).empty());
    // With only the commune's name, "Nam Định" is far from "Phương Định".
    auto only_commune = input({section("I.2", "cải cách hành chính tỉnh Nam Định")});
    only_commune.unit.names = {"Phương Định"};
    EXPECT_TRUE(check_name_typos(only_commune).empty());
}

TEST(NarrativeNames, AFormerNameOneLetterAwayFromTheCurrentOneIsNotATypo) {
    auto in = input({section("intro", "xã Phương Đình (nay là xã Phương Định)")});
    in.unit.names = {"Phương Định", "Phương Đình"};
    EXPECT_TRUE(check_name_typos(in).empty());
    in.unit.names = {"Phương Định"};
    ASSERT_EQ(check_name_typos(in).size(), 1u);
    EXPECT_EQ(check_name_typos(in)[0].excerpt, "Phương Đình");
}

TEST(NarrativeNames, OneEditOrTwoDiacriticsAwayIsATypo) {
    const auto in =
        input({section("I.2", "tỉnh Nam Đinh; tỉnh Nam Dinh; xã Phương Đinh; xã Phuong Dinh; huyện trục Ninh")});
    const auto found = check_name_typos(in);
    std::vector<std::string> excerpts;
    for (const auto& f : found) excerpts.push_back(f.excerpt);
    // "Phuong Dinh" is three edits away; "trục Ninh" starts lowercase: not taken for a name.
    EXPECT_EQ(excerpts, (std::vector<std::string>{"Nam Đinh", "Nam Dinh", "Phương Đinh"}));
}

// --- RepeatedParagraph ------------------------------------------------------------------------

const std::string kCivilServiceFirst =
    "Thực hiện các quy định về quản lý, giải quyết các chế độ, chính sách khác cho cán bộ, công chức theo đúng quy "
    "định. Thường xuyên cập nhật các thông tin của CBCC khi có sự thay đổi về chức vụ, trình độ chuyên môn, hệ số "
    "lương... vào hồ sơ quản lý CBCC phục vụ công tác quản lý, khai thác...";

TEST(NarrativeRepeats, ParagraphOfCivilServiceRepeatedUnderPublicFinanceIsFound) {
    const auto in = input(
        {{"II.4", "II.4", "Cải cách công vụ",
          kCivilServiceFirst + "\n\nTăng cường công tác kiểm tra, đẩy mạnh kỷ luật, kỷ cương hành chính."},
         {"II.5", "II.5", "Cải cách tài chính công",
          kCivilServiceFirst + "\n\nThực hiện tốt Quy chế chi tiêu nội bộ; Quy chế quản lý, sử dụng tài sản công."}});
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].kind, CheckKind::RepeatedParagraph);
    EXPECT_EQ(found[0].section_id, "II.5");
    EXPECT_EQ(found[0].excerpt, kCivilServiceFirst);
    EXPECT_EQ(found[0].message,
              "Mục II.5: đoạn văn “Thực hiện các quy định về quản lý…” lặp lại nguyên văn một đoạn ở mục II.4");
    expect_points_at_excerpt(in, found[0]);
}

TEST(NarrativeRepeats, BulletsCaseAndSpacingDoNotHideARepeatButShortLinesAreIgnored) {
    const auto in = input({section("I.2",
                                   "- + Kế hoạch cải cách hành chính;\n- + Kế hoạch cải cách hành chính;\n"
                                   "- Thực hiện các quy định về quản lý, giải quyết các chế độ, chính sách khác\n"
                                   "THỰC HIỆN các quy định về quản lý,  giải quyết các chế độ, chính sách khác")});
    const auto found = check_repeated_paragraphs(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].excerpt, "THỰC HIỆN các quy định về quản lý,  giải quyết các chế độ, chính sách khác");
}

// --- WrongYear --------------------------------------------------------------------------------

TEST(NarrativeYears, LastYearInAQuarterOneReportIsFlagged) {
    const auto in = input({section("III.1",
                                   "- Ngay từ đầu năm 2023, Đảng ủy, UBND xã, Chủ tịch UBND xã xác định công "
                                   "tác cải cách hành chính là nhiệm vụ hết sức quan trọng")});
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].kind, CheckKind::WrongYear);
    EXPECT_EQ(found[0].excerpt, "đầu năm 2023");
    EXPECT_EQ(found[0].message, "Mục III.1: “đầu năm 2023” nhắc đến năm 2023, trong khi đây là báo cáo năm 2024");
    expect_points_at_excerpt(in, found[0]);
}

TEST(NarrativeYears, DatesSpansAndComparisonsAreNotFlagged) {
    const auto in =
        input({section("II.2",
                       "Ngày 29/12/2023, UBND xã Phương Định ban hành Kế hoạch số 57/KH-UBND về kiểm soát thủ tục "
                       "hành chính năm 2024. Quán triệt Kế hoạch số 111/KH-UBND ngày 29/9/2021 của UBND tỉnh về cải "
                       "cách hành chính tỉnh Nam Định, giai đoạn 2021-2025; Quyết định ngày 29 tháng 12 năm 2023; "
                       "năm học 2023 - 2024; năm 2023-2024; tăng so với cùng kỳ năm 2023; tăng so với năm 2023")});
    EXPECT_TRUE(check_wrong_years(in).empty());
    auto unknown_year = input({section("III.1", "Ngay từ đầu năm 2023")});
    unknown_year.report_year = 0;
    EXPECT_TRUE(check_wrong_years(unknown_year).empty());
}

// --- WrongPeriod: text kept from the previous period's report ----------------------------------

TEST(NarrativePeriods, AnotherQuarterOrWindowIsFoundWithItsReplacement) {
    auto in = input({section("intro", "UBND xã Phương Định báo cáo tình hình thực hiện nhiệm vụ CCHC Quý I năm 2024 cụ "
                                      "thể như sau:"),
                     section("II.2", "Trong quý I năm 2024 (số liệu tính từ ngày 15/12/2023 đến ngày 07/03/2024), "
                                     "tiếp nhận 120 hồ sơ.")});
    in.report_year = 2024;
    in.report_quarter = 2;
    in.period_label = "Quý II năm 2024";
    in.window_from = rb::locale::Date{2024, 3, 15};
    in.window_to = rb::locale::Date{2024, 6, 14};
    const auto found = check_other_periods(in);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].kind, CheckKind::WrongPeriod);
    EXPECT_EQ(found[0].excerpt, "Quý I năm 2024");
    EXPECT_EQ(found[0].replacement, "Quý II năm 2024");
    EXPECT_EQ(found[1].excerpt, "quý I năm 2024");
    EXPECT_EQ(found[1].replacement, "quý II năm 2024");  // the case as typed
    EXPECT_EQ(found[2].excerpt, "từ ngày 15/12/2023 đến ngày 07/03/2024");
    EXPECT_EQ(found[2].replacement, "từ ngày 15/3/2024 đến ngày 14/6/2024");
    EXPECT_EQ(in.sections[found[2].section_id == "II.2" ? 1 : 0].text.substr(found[2].offset, found[2].length),
              found[2].excerpt);
    EXPECT_NE(found[0].message.find("Quý II năm 2024"), std::string::npos) << found[0].message;
    // The same checks belong to the whole narrative check.
    EXPECT_EQ(check_narrative(in).size(), 3u);
}

TEST(NarrativePeriods, ComparisonsTheRightPeriodAndOtherKindsAreLeftAlone) {
    auto in = input({section("II.2", "Quý II năm 2024 tăng so với quý I năm 2024 và cùng kỳ quý II năm 2023; lũy "
                                     "kế từ quý I năm 2024 đến nay; sau quý I năm 2024; số liệu từ ngày 15/3/2024 "
                                     "đến ngày 14/6/2024; Quý 2 năm 2024.")});
    in.report_year = 2024;
    in.report_quarter = 2;
    in.period_label = "Quý II năm 2024";
    in.window_from = rb::locale::Date{2024, 3, 15};
    in.window_to = rb::locale::Date{2024, 6, 14};
    EXPECT_TRUE(check_other_periods(in).empty()) << check_other_periods(in).front().excerpt;
    // A half-year report does not look at quarters; with no window, windows are not checked.
    auto half = input({section("II.2", "Trong Quý I năm 2024 (từ ngày 15/12/2023 đến ngày 07/03/2024)")});
    half.report_year = 2024;
    half.period_label = "6 tháng đầu năm 2024";
    EXPECT_TRUE(check_other_periods(half).empty());
}

// --- FractionArithmetic -----------------------------------------------------------------------

TEST(NarrativeFractions, WrongHandTypedPercentagesAreReportedWithTheRightValue) {
    const auto in = input({section("V.2",
                                   "một phần 27/101 =26%; toàn trình 74/101 =74%; văn bản điện tử 184/184= "
                                   "100%; đúng hạn 317/1.034 = 31%; trực tuyến 1.034/1.034 = 100%; kế hoạch "
                                   "1/6 = 16,67% và 1/6=16,6%; kiểm tra 0/0 = 0%")});
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0].excerpt, "27/101 =26%");
    EXPECT_EQ(found[0].message, "Mục V.2: phép tính “27/101 =26%” không đúng: 27/101 bằng 26,73% (làm tròn là 27%)");
    EXPECT_EQ(found[1].excerpt, "74/101 =74%");
    EXPECT_EQ(found[1].message, "Mục V.2: phép tính “74/101 =74%” không đúng: 74/101 bằng 73,27% (làm tròn là 73%)");
    EXPECT_EQ(found[2].excerpt, "1/6=16,6%");
    EXPECT_EQ(found[2].message, "Mục V.2: phép tính “1/6=16,6%” không đúng: 1/6 bằng 16,67% (làm tròn là 16,7%)");
    EXPECT_EQ(found[3].excerpt, "0/0 = 0%");
    EXPECT_EQ(found[3].message, "Mục V.2: “0/0 = 0%” chia cho 0; tỉ lệ có mẫu số bằng 0 phải ghi là “không phát sinh”");
    for (const auto& f : found) {
        EXPECT_EQ(f.kind, CheckKind::FractionArithmetic);
        expect_points_at_excerpt(in, f);
    }
}

// --- Messages ---------------------------------------------------------------------------------

TEST(NarrativeMessages, EnglishComesFromTheCatalog) {
    const std::string dir = RB_BUILD_DIR "/share/locale";
    if (!std::filesystem::exists(dir + "/en/LC_MESSAGES/reportbench.mo")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "catalogs not built";
    rb::i18n::set_language(rb::i18n::Language::English, dir);
    const auto found = check_narrative(input({section("III.1", "Ngay từ đầu năm 2023, UBND huyện Trục Ninh")}));
    rb::i18n::set_language(rb::i18n::Language::Vietnamese, dir);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].message, "Section III.1: “đầu năm 2023” refers to the year 2023, but this is a report for 2024");
    EXPECT_EQ(found[1].message, "Section III.1: “Trục Ninh” may be a misspelling of “Trực Ninh”");
}

// --- Unicode ----------------------------------------------------------------------------------

TEST(NarrativeUnicode, DecomposedInputStillMatchesAndOffsetsPointIntoIt) {
    const std::string nfd = to_nfd(kCaseBreakdown + "\nUBND huyện Trục Ninh");
    ASSERT_NE(nfd, kCaseBreakdown + "\nUBND huyện Trục Ninh");  // really decomposed
    const auto in = input({section("II.2", nfd)}, breakdown_mentions(318));
    const auto found = check_narrative(in);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, CheckKind::NumberContradicts);
    EXPECT_EQ(found[0].excerpt, "317");
    EXPECT_EQ(found[1].kind, CheckKind::NameTypo);
    EXPECT_EQ(found[1].excerpt, to_nfd("Trục Ninh"));
    for (const auto& f : found) expect_points_at_excerpt(in, f);
    // Decomposed phrases too.
    auto decomposed_phrases = input({section("II.2", kCaseBreakdown)}, breakdown_mentions(318));
    for (auto& m : decomposed_phrases.mentions)
        for (auto& p : m.phrases) p = to_nfd(p);
    EXPECT_EQ(check_number_contradictions(decomposed_phrases).size(), 1u);
}

// --- The whole seed narrative -----------------------------------------------------------------

bool all_ascii_digits(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits the seed's body into sections at its headings ("II. …", "4. …"); stops at "Nơi nhận".
std::vector<NarrativeSection> seed_sections() {
    std::ifstream file(RB_TEST_DATA_DIR "/seed/bao-cao-cchc-quy-1-2024-xa-phuong-dinh.txt");
    EXPECT_TRUE(file.good());
    std::vector<NarrativeSection> out = {{"intro", "", "Mở đầu", ""}};
    std::string line, roman;
    const std::vector<std::string> romans = {"I", "II", "III", "IV", "V", "VI"};
    while (std::getline(file, line)) {
        if (line.rfind("Nơi nhận", 0) == 0) break;
        const auto dot = line.find(". ");
        const std::string head = dot == std::string::npos ? "" : line.substr(0, dot);
        if (std::find(romans.begin(), romans.end(), head) != romans.end()) {
            roman = head;
            out.push_back({head, head, line.substr(dot + 2), ""});
        } else if (!head.empty() && head.size() <= 2 && all_ascii_digits(head) && !roman.empty()) {
            const std::string number = roman + "." + head;
            out.push_back({number, number, line.substr(dot + 2), ""});
        } else {
            out.back().text += line + "\n";
        }
    }
    return out;
}

// The seed's appendix (Phụ lục 2) as a definition would describe it in prose.
std::vector<Mention> seed_mentions() {
    return {
        count("I.1", {"văn bản chỉ đạo cchc", "văn bản chỉ đạo cải cách hành chính"}, "văn bản", 12, "12"),
        ratio("I.2", {"hoàn thành kế hoạch"}, "nhiệm vụ", 100.0 / 6, "16,67%", 1, 6),
        count("I.5.1", {"phiếu khảo sát"}, "phiếu", 1034, "1.034"),
        count("III.1.2", {"tthc", "thủ tục hành chính"}, "tthc", 101, "101"),
        ratio("III.3.1", {"giải quyết đúng hạn", "trước hạn và đúng hạn"}, "hồ sơ", 100.0 * 317 / 1034, "31%", 317,
              1034),
        count("III.3.1.1", {"giải quyết xong", "đã tiếp nhận và giải quyết"}, "hồ sơ", 1034, "1.034"),
        count("III.3.1.2", {"đúng hạn"}, "hồ sơ", 317, "317"),
        count("IV.1", {"bị kỷ luật"}, "người", 0, "0"),
        ratio("V.1", {"văn bản điện tử", "chữ ký số"}, "văn bản", 100, "100%", 184, 184),
        ratio("V.2.1", {"trực tuyến một phần"}, "thủ tục", 100.0 * 27 / 101, "26,73%", 27, 101),
        ratio("V.2.2", {"trực tuyến toàn trình"}, "thủ tục", 100.0 * 74 / 101, "73,27%", 74, 101),
        ratio("V.2.4", {"hồ sơ trực tuyến"}, "hồ sơ", 100, "100%", 1034, 1034),
        count("V.2.4.2", {"tiếp nhận qua mạng", "tiếp nhận trực tuyến"}, "hồ sơ", 1034, "1.034"),
        ratio("V.2.5", {"thanh toán trực tuyến", "trả phí qua mạng", "thanh toán phí qua mạng"}, "thủ tục", 100, "100%",
              101, 101),
    };
}

TEST(NarrativeSeed, WholeSeedNarrativeYieldsTheKnownMistakesAndNothingElse) {
    const NarrativeInput in = input(seed_sections(), seed_mentions());
    ASSERT_EQ(in.sections.size(), 16u);  // intro, I–IV and their 12 numbered parts
    const auto found = check_narrative(in);
    using Row = std::tuple<CheckKind, std::string, std::string>;
    std::vector<Row> got;
    for (const auto& f : found) {
        got.emplace_back(f.kind, f.section_id, f.excerpt);
        expect_points_at_excerpt(in, f);
    }
    const auto typo = CheckKind::NameTypo, year = CheckKind::WrongYear, number = CheckKind::NumberContradicts;
    const std::vector<Row> expected = {
        // The district is Trực Ninh (as in "Nơi nhận"); the body writes Trục Ninh five times.
        {typo, "intro", "Trục Ninh"},
        {typo, "I.1", "Trục Ninh"},
        {typo, "I.2", "Trục Ninh"},
        {typo, "I.2", "Trục Ninh"},
        {typo, "I.2", "Trục Ninh"},
        // Plans of 2023 listed as this quarter's work: left over from last year's report.
        {year, "II.1", "năm 2023"},
        // II.5 (public finance) opens with II.4's paragraph on civil service.
        {CheckKind::RepeatedParagraph, "II.5", kCivilServiceFirst},
        {year, "II.6", "năm 2023"},
        // Online cases: 1.287/1.363 in prose, 1.034/1.034 in the appendix.
        {number, "II.6", "1.287/1.363"},
        {year, "III.1", "đầu năm 2023"},
        // "100% early or on time" against the appendix's on-time rate of 31%.
        {number, "III.1", "100%"},
    };
    ASSERT_EQ(got, expected);
    EXPECT_EQ(found[8].code, "V.2.4");
    EXPECT_EQ(found[10].code, "III.3.1");
}

TEST(NarrativeSeed, SeedFiguresThatAgreeWithTheAppendixAreReallyCompared) {
    // Each of these clauses passes only because its figure matches: change the value, get a finding.
    const std::vector<std::tuple<std::string, double, std::string, std::string>> changed = {
        {"III.1.2", 100, "II.2", "101"},
        {"III.3.1.1", 1000, "II.2", "1.034"},
        {"III.3.1.2", 300, "II.2", "317"},
        {"V.2.4.2", 1000, "II.2", "1.034"},
    };
    for (const auto& [code, value, section_id, excerpt] : changed) {
        auto mentions = seed_mentions();
        for (auto& m : mentions)
            if (m.code == code) m.value = value;
        const auto found = check_number_contradictions(input(seed_sections(), mentions));
        const auto hit =
            std::find_if(found.begin(), found.end(), [&code = code](const NarrativeFinding& f) { return f.code == code; });
        ASSERT_NE(hit, found.end()) << code;
        EXPECT_EQ(hit->section_id, section_id) << code;
        EXPECT_EQ(hit->excerpt, excerpt) << code;
        EXPECT_EQ(std::count_if(found.begin(), found.end(), [&code = code](const NarrativeFinding& f) { return f.code == code; }),
                  1)
            << code;
    }
}

// How long this takes is measured in tests/bench (BM_NarrativeChecksOnly), not here.
TEST(NarrativeSeed, AllChecksOnTheWholeSeedFindTheSameFindingsOnEveryRun) {
    const NarrativeInput in = input(seed_sections(), seed_mentions());
    const auto first = check_narrative(in);
    EXPECT_EQ(first.size(), 11u);
    for (int i = 0; i < 3; ++i) {
        const auto again = check_narrative(in);
        ASSERT_EQ(again.size(), first.size());
        for (std::size_t k = 0; k < first.size(); ++k) {
            EXPECT_EQ(again[k].code, first[k].code);
            EXPECT_EQ(again[k].excerpt, first[k].excerpt);
        }
    }
}

// --- NarrativeAnalysis: the text worked out once, compared with values many times ----------------

// A finding with everything that identifies it, and its section's place in the input.
using FindingRow = std::tuple<std::size_t, std::size_t, CheckKind, std::string, std::string, std::string, std::size_t>;

std::vector<FindingRow> rows(const NarrativeInput& in, const std::vector<NarrativeFinding>& found) {
    std::vector<FindingRow> out;
    for (const auto& f : found) {
        const auto s = std::find_if(in.sections.begin(), in.sections.end(),
                                    [&](const NarrativeSection& x) { return x.id == f.section_id; });
        out.emplace_back(static_cast<std::size_t>(s - in.sections.begin()), f.offset, f.kind, f.code, f.excerpt,
                         f.message, f.length);
    }
    return out;
}

const NarrativeFinding* find_code(const std::vector<NarrativeFinding>& found, const std::string& code) {
    const auto it =
        std::find_if(found.begin(), found.end(), [&](const NarrativeFinding& f) { return f.code == code; });
    return it == found.end() ? nullptr : &*it;
}

TEST(NarrativePrepared, PreparedAnalysisGivesTheSameFindingsAsCheckNarrative) {
    const NarrativeInput in = input(seed_sections(), seed_mentions());
    const auto analysis = NarrativeAnalysis::prepare(in);
    const auto numbers = analysis.number_findings(in.mentions);
    const auto& text = analysis.text_findings();
    ASSERT_EQ(numbers.size(), 2u);
    ASSERT_EQ(text.size(), 9u);
    for (const auto& f : numbers) EXPECT_EQ(f.kind, CheckKind::NumberContradicts);
    for (const auto& f : text) EXPECT_NE(f.kind, CheckKind::NumberContradicts);
    // Each list is ordered by section then position.
    const auto number_rows = rows(in, numbers), text_rows = rows(in, text);
    EXPECT_TRUE(std::is_sorted(number_rows.begin(), number_rows.end()));
    auto by_place = [](const FindingRow& a, const FindingRow& b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    };
    EXPECT_TRUE(std::is_sorted(text_rows.begin(), text_rows.end(), by_place));
    // Merged in that order (a number first on a tie), they are check_narrative's findings.
    std::vector<FindingRow> merged;
    std::merge(number_rows.begin(), number_rows.end(), text_rows.begin(), text_rows.end(), std::back_inserter(merged),
               by_place);
    EXPECT_EQ(merged, rows(in, check_narrative(in)));
    // And each per-check function agrees with its part.
    EXPECT_EQ(number_rows, rows(in, check_number_contradictions(in)));
    for (const auto f : {check_name_typos, check_repeated_paragraphs, check_wrong_years, check_fraction_arithmetic,
                         check_other_periods})
        for (const auto& row : rows(in, f(in)))
            EXPECT_NE(std::find(text_rows.begin(), text_rows.end(), row), text_rows.end()) << std::get<4>(row);
}

TEST(NarrativePrepared, NumberFindingsFollowValuesWithoutPreparingAgain) {
    const NarrativeInput in = input(seed_sections(), seed_mentions());
    const auto analysis = NarrativeAnalysis::prepare(in);
    const auto text_before = rows(in, analysis.text_findings());
    auto mentions = seed_mentions();
    auto mention = [&](const std::string& code) -> Mention& {
        return *std::find_if(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.code == code; });
    };

    // The seed as it is: the on-time count agrees, the on-time rate and the online cases do not.
    auto found = analysis.number_findings(mentions);
    EXPECT_EQ(find_code(found, "III.3.1.2"), nullptr);
    ASSERT_NE(find_code(found, "III.3.1"), nullptr);
    ASSERT_NE(find_code(found, "V.2.4"), nullptr);

    // 300 cases on time in the appendix: "317 hồ sơ" in II.2 now disagrees, with the new value shown.
    mention("III.3.1.2").value = 300;
    mention("III.3.1.2").display = "300";
    found = analysis.number_findings(mentions);
    const auto* on_time = find_code(found, "III.3.1.2");
    ASSERT_NE(on_time, nullptr);
    EXPECT_EQ(on_time->section_id, "II.2");
    EXPECT_EQ(on_time->excerpt, "317");
    EXPECT_EQ(on_time->message, "Mục II.2: số “317” trong đoạn văn không khớp với chỉ tiêu III.3.1.2 của phụ lục (300)");
    expect_points_at_excerpt(in, *on_time);

    // Appendix values that agree with the prose: the findings go away.
    mention("III.3.1").value = 100;  // "100%" early or on time
    mention("V.2.4").numerator = 1287;
    mention("V.2.4").denominator = 1363;
    found = analysis.number_findings(mentions);
    EXPECT_EQ(find_code(found, "III.3.1"), nullptr);
    EXPECT_EQ(find_code(found, "V.2.4"), nullptr);
    ASSERT_EQ(found.size(), 1u);

    // A blank value is not checked; a mention missing from the list is not either.
    mention("III.3.1.2").value.reset();
    EXPECT_TRUE(analysis.number_findings(mentions).empty());
    EXPECT_TRUE(analysis.number_findings({}).empty());

    // Found by code, wherever the mention sits in the list.
    auto reordered = seed_mentions();
    std::reverse(reordered.begin(), reordered.end());
    EXPECT_EQ(rows(in, analysis.number_findings(reordered)), rows(in, analysis.number_findings(in.mentions)));

    // The text part did not move.
    EXPECT_EQ(rows(in, analysis.text_findings()), text_before);
}

TEST(NarrativePrepared, MatchesDetectsATextChange) {
    const NarrativeInput in = input(seed_sections(), seed_mentions());
    const auto analysis = NarrativeAnalysis::prepare(in);
    EXPECT_TRUE(analysis.matches(in));

    // Values and displays are not part of what was prepared.
    auto values = in;
    for (auto& m : values.mentions) {
        if (m.value) *m.value += 1;
        m.display = "?";
    }
    EXPECT_TRUE(analysis.matches(values));

    // One letter changed in one section, the length kept.
    auto typed = in;
    auto& text = typed.sections[3].text;
    ASSERT_FALSE(text.empty());
    text[text.size() / 2] = text[text.size() / 2] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(analysis.matches(typed));
    // A character added.
    typed = in;
    typed.sections.back().text += " ";
    EXPECT_FALSE(analysis.matches(typed));
    // A section removed.
    typed = in;
    typed.sections.pop_back();
    EXPECT_FALSE(analysis.matches(typed));
    // What else the text checks depend on: the unit's names, the year, the mention phrases and nouns.
    auto other = in;
    other.unit.names.push_back("Trực Chính");
    EXPECT_FALSE(analysis.matches(other));
    other = in;
    other.report_year = 2025;
    EXPECT_FALSE(analysis.matches(other));
    other = in;
    other.mentions[0].phrases.push_back("văn bản chỉ đạo");
    EXPECT_FALSE(analysis.matches(other));
    other = in;
    other.mentions[0].unit_noun = "kế hoạch";
    EXPECT_FALSE(analysis.matches(other));
    other = in;
    other.mentions[0].is_ratio = true;
    EXPECT_FALSE(analysis.matches(other));
}

}  // namespace
