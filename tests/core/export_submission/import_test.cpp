// Import of files that are not good submissions: each is refused with a message that says
// what is wrong and where, and nothing hostile is expanded, fetched or read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "export/submission/submission.hpp"
#include "samples.hpp"

namespace rb::exporting {
namespace {

const Submission& seed_submission() {
    static const Submission s = [] {
        const auto& seed = testing::seed();
        return make_submission(seed.report, *seed.evaluation, seed.findings);
    }();
    return s;
}

const std::string& seed_xml() {
    static const std::string x = submission_to_xml(seed_submission());
    return x;
}

const std::string& seed_json() {
    static const std::string j = submission_to_json(seed_submission());
    return j;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: \"" << from << "\" not in the document";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// "label:LINE:COL: " in the message, LINE and COL at least 1; returns the line.
int place_line(const std::string& message, const std::string& label) {
    const std::regex place(label + ":([0-9]+):([0-9]+): ");
    std::smatch m;
    if (!std::regex_search(message, m, place)) return 0;
    return std::stoi(m[2]) >= 1 ? std::stoi(m[1]) : 0;
}

std::string refused(std::string_view bytes, const std::string& label = "in.sub") {
    auto r = read_submission(bytes, label);
    EXPECT_FALSE(r) << "accepted: " << std::string(bytes.substr(0, 200));
    return r ? std::string() : r.error();
}

TEST(SubmissionImport, AFileThatIsNotASubmissionIsRefused) {
    EXPECT_NE(refused("Số liệu quý I: 1.034 hồ sơ").find("không phải tệp nộp báo cáo"), std::string::npos);
    EXPECT_NE(refused("").find("trống"), std::string::npos);
    EXPECT_NE(refused(" \n\t").find("trống"), std::string::npos);
    const std::string other = refused("<?xml version=\"1.0\"?>\n<html><body>1.034</body></html>");
    EXPECT_NE(other.find("không phải tệp nộp báo cáo"), std::string::npos) << other;
    EXPECT_NE(other.find("<html>"), std::string::npos) << other;
    EXPECT_GE(place_line(other, "in.sub"), 2) << other;
    const std::string array = refused("[1, 2, 3]");
    EXPECT_NE(array.find("không phải tệp nộp báo cáo"), std::string::npos) << array;
    const std::string object = refused("{\"type\": \"cchc\"}");
    EXPECT_NE(object.find("\"format\""), std::string::npos) << object;
    const std::string get_json = refused("{\"type\":\"cchc\",\"period\":\"2024-Q1\",\"values\":{}}");
    EXPECT_NE(get_json.find("không phải tệp nộp báo cáo"), std::string::npos) << get_json;
}

TEST(SubmissionImport, ASavedReportIsToldApartFromASubmission) {
    std::ifstream in(testing::source(testing::kSeedReport), std::ios::binary);
    const std::string rbr((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(rbr.empty());
    const std::string message = refused(rbr, "phuong-dinh.rbr");
    EXPECT_NE(message.find(".rbr"), std::string::npos) << message;
    EXPECT_NE(message.find("không phải tệp nộp báo cáo"), std::string::npos) << message;
}

TEST(SubmissionImport, AnUnsupportedFormatVersionIsRefusedClearly) {
    const std::string v2 = replace_once(seed_xml(), "formatVersion=\"1\"", "formatVersion=\"2\"");
    const std::string m1 = refused(v2, "v2.xml");
    EXPECT_NE(m1.find("phiên bản \"2\" không được hỗ trợ"), std::string::npos) << m1;
    EXPECT_EQ(place_line(m1, "v2.xml"), 2) << m1;

    const std::string ns2 =
        replace_once(seed_xml(), "urn:reportbench:submission:1", "urn:reportbench:submission:2");
    const std::string m2 = refused(ns2);
    EXPECT_NE(m2.find("phiên bản \"2\" không được hỗ trợ"), std::string::npos) << m2;

    const std::string huge_version =
        replace_once(seed_xml(), "formatVersion=\"1\"", "formatVersion=\"99999999999999999999999\"");
    EXPECT_NE(refused(huge_version).find("không được hỗ trợ"), std::string::npos);

    const std::string jv2 = replace_once(seed_json(), "\"formatVersion\": 1", "\"formatVersion\": 2");
    const std::string m3 = refused(jv2);
    EXPECT_NE(m3.find("phiên bản \"2\" không được hỗ trợ"), std::string::npos) << m3;
    const std::string jstr = replace_once(seed_json(), "\"formatVersion\": 1", "\"formatVersion\": \"1\"");
    EXPECT_NE(refused(jstr).find("không được hỗ trợ"), std::string::npos);
    const std::string jbig =
        replace_once(seed_json(), "\"formatVersion\": 1", "\"formatVersion\": 18446744073709551617");
    EXPECT_NE(refused(jbig).find("không được hỗ trợ"), std::string::npos);
    const std::string jnone = replace_once(seed_json(), "\"formatVersion\": 1,", "");
    EXPECT_NE(refused(jnone).find("/formatVersion"), std::string::npos);
}

TEST(SubmissionImport, TruncatedFilesNameTheEnd) {
    // Cut at a character boundary: the JSON parser names where the text stops.
    std::size_t half = seed_json().size() / 2;
    while ((static_cast<unsigned char>(seed_json()[half]) & 0xC0) == 0x80) ++half;
    const std::string json = seed_json().substr(0, half);
    const std::string m1 = refused(json, "cut.json");
    EXPECT_NE(m1.find("JSON không hợp lệ"), std::string::npos) << m1;
    EXPECT_GE(place_line(m1, "cut.json"), 10) << m1;

    const std::string xml = seed_xml().substr(0, seed_xml().size() / 2);
    const std::string m2 = refused(xml, "cut.xml");
    EXPECT_GE(place_line(m2, "cut.xml"), 10) << m2;

    // Cut inside a multi-byte character ("ễ" is three bytes).
    const std::string mid_char = seed_json().substr(0, seed_json().find("Nguyễn") + 6);
    const std::string m3 = refused(mid_char, "mid.json");
    EXPECT_NE(m3.find("cắt cụt"), std::string::npos) << m3;
    EXPECT_GE(place_line(m3, "mid.json"), 10) << m3;
}

TEST(SubmissionImport, SchemaErrorsNameLineAndColumn) {
    const std::string bad = replace_once(seed_xml(), "<status value=\"draft\"", "<status value=\"sent\"");
    const std::string m = refused(bad, "bad.xml");
    EXPECT_NE(m.find("không hợp lệ"), std::string::npos) << m;
    EXPECT_GT(place_line(m, "bad.xml"), 2) << m;

    const std::string missing = replace_once(seed_xml(), "<narrative>", "<narrativ>");
    EXPECT_GT(place_line(refused(missing, "m.xml"), "m.xml"), 2);

    const std::string twice = replace_once(seed_xml(), "<value code=\"HS.1\">", "<value code=\"HS.2.2\">");
    EXPECT_GT(place_line(refused(twice, "t.xml"), "t.xml"), 2);

    const std::string bad_date = replace_once(seed_xml(), "from=\"2023-12-15\"", "from=\"2023-02-30\"");
    EXPECT_GT(place_line(refused(bad_date, "d.xml"), "d.xml"), 2);

    const std::string reversed = replace_once(seed_xml(), "from=\"2023-12-15\"", "from=\"2024-12-15\"");
    const std::string mr = refused(reversed, "w.xml");
    EXPECT_NE(mr.find("sau ngày kết thúc"), std::string::npos) << mr;
    EXPECT_EQ(place_line(mr, "w.xml"), 4) << mr;
}

TEST(SubmissionImport, JsonFieldErrorsNameTheFieldByItsPointer) {
    struct Case {
        std::string from, to, expected;
    };
    const Case cases[] = {
        {"\"code\": \"HS.1\"", "\"code\": 7", "/values/0/code: cần một chuỗi"},
        {"\"value\": \"1034\"", "\"value\": 1034", "/values/2/value: cần một chuỗi"},
        {"\"code\": \"2024-Q1\"", "\"code\": \"2024-Q5\"", "/period/code: "},
        {"\"from\": \"2023-12-15\"", "\"from\": \"15/12/2023\"", "/period/from: "},
        {"\"value\": \"draft\"", "\"value\": \"sent\"", "/status/value: "},
        {"\"amendment\": 0", "\"amendment\": -1", "/status/amendment: "},
        {"\"amendment\": 0", "\"amendment\": 1.5", "/status/amendment: cần một số nguyên"},
        {"\"amendment\": 0", "\"amendment\": 99999999999999999999999999",
         "/status/amendment: cần một số nguyên"},
        {"\"amendment\": 0", "\"amendment\": 9223372036854775807",
         "/status/amendment: số 9223372036854775807 vượt quá"},
        {"\"amendment\": 0", "\"amendment\": \"0\"", "/status/amendment: cần một số nguyên"},
        {"\"recipients\": [", "\"recipients\": [3, ", "/header/recipients/0: cần một chuỗi"},
        {"\"header\": {", "\"header\": {\"extra\": 1, ", "/header/extra: trường không có trong định dạng"},
        {"\"signerName\": \"Nguyễn Minh Khâm\",", "", "/header/signerName: thiếu trường bắt buộc"},
        {"\"values\": [", "\"values\": [{\"code\": \"Z\", \"value\": \"a\\u0001b\"}, ",
         "/values/0/value: ký tự U+0001"},
        {"\"values\": [", "\"values\": [{\"code\": \"\", \"value\": \"1\"}, ", "/values/0/code: "},
        {"\"values\": [", "\"values\": [{\"code\": \"HS.1\", \"value\": \"1\"}, ",
         "chỉ tiêu HS.1 có hai giá trị"},
        {"\"values\": [", "\"values\": [{\"code\": \"A\", \"code\": \"B\", \"value\": \"1\"}, ",
         "/values/0/code: khóa xuất hiện hai lần"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.to);
        const std::string message = refused(replace_once(seed_json(), c.from, c.to), "f.json");
        EXPECT_NE(message.find(c.expected), std::string::npos) << message;
        EXPECT_EQ(message.rfind("f.json", 0), 0u) << message;
    }
}

// The seed's JSON with the value at `pointer` replaced.
std::string seed_json_with(const std::string& pointer, const nlohmann::ordered_json& value) {
    auto j = nlohmann::ordered_json::parse(seed_json());
    j[nlohmann::ordered_json::json_pointer(pointer)] = value;
    return j.dump(2);
}

TEST(SubmissionImport, JsonTypeErrorsNameTheField) {
    struct Case {
        std::string pointer;
        nlohmann::ordered_json value;
        std::string expected;
    };
    const Case cases[] = {
        {"/narrative", 5, "/narrative: cần một mảng"},
        {"/unit", nlohmann::ordered_json::array(), "/unit: cần một đối tượng"},
        {"/values/3", "HS.2.3=0", "/values/3: cần một đối tượng"},
        {"/values/3/code", nullptr, "/values/3/code: cần một chuỗi"},
        {"/header/date", "08/3/2024", "/header/date: "},
        {"/findings/0/justified", "no", "/findings/0/justified: cần true hoặc false"},
        {"/findings/0/severity", "fatal", "/findings/0/severity: "},
        {"/computed/0/number", "16,67", "/computed/0/number: cần một số hoặc null"},
        {"/computed/0/state", "entered", "/computed/0/state: "},
        {"/justifications/0", nlohmann::ordered_json{{"rule", "r"}, {"text", "t"}},
         "/justifications/0/date: thiếu trường"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.pointer);
        const std::string message = refused(seed_json_with(c.pointer, c.value), "t.json");
        EXPECT_NE(message.find(c.expected), std::string::npos) << message;
    }
}

TEST(SubmissionImport, AHugeFileIsRefusedBeforeParsing) {
    std::string huge = seed_json();
    huge.insert(huge.size() - 2, std::string(kMaxSubmissionBytes, ' '));
    const std::string m = refused(huge, "huge.json");
    EXPECT_NE(m.find("quá lớn"), std::string::npos) << m;
    EXPECT_NE(m.find(std::to_string(kMaxSubmissionBytes)), std::string::npos) << m;

    namespace fs = std::filesystem;
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests";
    fs::create_directories(dir);
    const fs::path file = dir / "huge.json";
    {
        std::ofstream out(file, std::ios::binary);
        out << huge;
    }
    auto loaded = load_submission(file.string());
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().find("quá lớn"), std::string::npos) << loaded.error();
    fs::remove(file);
}

TEST(SubmissionImport, DeepNestingIsRefusedBeforeParsing) {
    const std::string deep_json = std::string(100000, '[') + std::string(100000, ']');
    const std::string m1 = refused(deep_json, "deep.json");
    EXPECT_NE(m1.find("lồng quá"), std::string::npos) << m1;

    std::string nested = replace_once(seed_json(), "\"formerNames\": []",
                                      "\"formerNames\": " + std::string(40, '[') + std::string(40, ']'));
    EXPECT_NE(refused(nested).find("lồng quá"), std::string::npos);
    // Brackets inside strings are text.
    const std::string in_text = replace_once(seed_json(), "\"formerNames\": []",
                                             "\"formerNames\": [\"" + std::string(100, '[') + "\\\"{{{\"]");
    auto ok = read_submission(in_text, "t.json");
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_EQ(ok->report.unit.former_names.at(0), std::string(100, '[') + "\"{{{");

    std::string deep_xml =
        "<?xml version=\"1.0\"?>\n<submission xmlns=\"urn:reportbench:submission:1\" formatVersion=\"1\">";
    for (int i = 0; i < 100000; ++i) deep_xml += "<a>";
    for (int i = 0; i < 100000; ++i) deep_xml += "</a>";
    deep_xml += "</submission>";
    const std::string m2 = refused(deep_xml, "deep.xml");
    EXPECT_NE(m2.find("XML lồng quá"), std::string::npos) << m2.substr(0, 300);
    EXPECT_EQ(place_line(m2, "deep.xml"), 2) << m2.substr(0, 300);

    // Markup-like text in attributes, comments and CDATA is not nesting.
    std::string tricky =
        replace_once(seed_xml(), "<values>", "<!-- " + std::string(100, '<') + "a> --><values>");
    tricky = replace_once(tricky, "<value code=\"HS.1\">",
                          "<value code=\"HS.1\" note='" + std::string(50, '>') + "'>");
    tricky = replace_once(tricky, "<signerName>Nguyễn Minh Khâm",
                          "<signerName><![CDATA[" + std::string(50, '<') + "x>]]>Nguyễn Minh Khâm");
    auto parsed = read_submission(tricky, "tricky.xml");
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->report.values.at("HS.1").note, std::string(50, '>'));
    EXPECT_EQ(parsed->report.header.signer_name, std::string(50, '<') + "x>Nguyễn Minh Khâm");
}

TEST(SubmissionImport, EntityDeclarationsAreRefusedAndNothingIsRead) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests";
    fs::create_directories(dir);
    const fs::path secret = dir / "secret.txt";
    {
        std::ofstream out(secret);
        out << "TOP-SECRET-CONTENT";
    }
    // XXE: an external entity pointing at a local file, used in the signer's name.
    std::string xxe = seed_xml();
    xxe = replace_once(
        xxe, "<submission ",
        "<!DOCTYPE submission [<!ENTITY xxe SYSTEM \"file://" + secret.string() + "\">]>\n<submission ");
    xxe = replace_once(xxe, "<signerName>Nguyễn Minh Khâm</signerName>", "<signerName>&xxe;</signerName>");
    const std::string m1 = refused(xxe, "xxe.xml");
    EXPECT_NE(m1.find("DOCTYPE"), std::string::npos) << m1;
    EXPECT_EQ(place_line(m1, "xxe.xml"), 2) << m1;
    EXPECT_EQ(m1.find("TOP-SECRET"), std::string::npos);

    // Billion laughs.
    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
    for (int i = 1; i < 10; ++i)
        laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + std::string("&lol") +
                  (i > 1 ? std::to_string(i - 1) : "") + ";&lol" + (i > 1 ? std::to_string(i - 1) : "") +
                  ";\">\n";
    laughs +=
        "]>\n<submission xmlns=\"urn:reportbench:submission:1\" formatVersion=\"1\">&lol9;</submission>";
    EXPECT_NE(refused(laughs).find("DOCTYPE"), std::string::npos);

    // Without a declaration an entity reference is simply undefined: refused, not left as text.
    std::string undeclared = replace_once(seed_xml(), "<signerName>Nguyễn Minh Khâm</signerName>",
                                          "<signerName>&xxe;</signerName>");
    const std::string m3 = refused(undeclared, "u.xml");
    EXPECT_GE(place_line(m3, "u.xml"), 2) << m3;
    fs::remove(secret);
}

TEST(SubmissionImport, InvalidUtf8IsRefusedWithItsPlace) {
    const std::string xml = replace_once(seed_xml(), "Nguyễn Minh Khâm", "Nguy\xE1\xBB n");
    const std::string m1 = refused(xml, "bad.xml");
    EXPECT_NE(m1.find("UTF-8"), std::string::npos) << m1;
    EXPECT_GT(place_line(m1, "bad.xml"), 10) << m1;

    const std::string json = replace_once(seed_json(), "Nguyễn Minh Khâm", "Nguy\xFF");
    const std::string m2 = refused(json, "bad.json");
    EXPECT_NE(m2.find("0xFF"), std::string::npos) << m2;
    EXPECT_GT(place_line(m2, "bad.json"), 10) << m2;

    // Overlong encoding of '<' and an encoded surrogate.
    EXPECT_NE(refused(replace_once(seed_json(), "Nguyễn", "\xC0\xBC")).find("UTF-8"), std::string::npos);
    EXPECT_NE(refused(replace_once(seed_json(), "Nguyễn", "\xED\xA0\x80")).find("UTF-8"), std::string::npos);
    // A JSON escape of a lone surrogate is not a character either.
    EXPECT_FALSE(read_submission(replace_once(seed_json(), "Nguyễn", "\\ud800"), "s.json"));
}

TEST(SubmissionImport, ControlCharactersAreRefusedInBothShapes) {
    const std::string xml = replace_once(seed_xml(), "Nguyễn Minh Khâm", "Nguyễn&#1;");
    EXPECT_GE(place_line(refused(xml, "c.xml"), "c.xml"), 2);
    const std::string raw_xml = replace_once(seed_xml(), "Nguyễn Minh Khâm", std::string("Nguyễn\x02"));
    EXPECT_GE(place_line(refused(raw_xml, "r.xml"), "r.xml"), 2);
    const std::string json = replace_once(seed_json(), "Nguyễn Minh Khâm", "Nguyễn\\u0000");
    EXPECT_NE(refused(json).find("/header/signerName: ký tự U+0000"), std::string::npos);
    const std::string ffff = replace_once(seed_json(), "Nguyễn Minh Khâm", "Nguyễn\\uffff");
    EXPECT_NE(refused(ffff).find("U+FFFF"), std::string::npos);
}

TEST(SubmissionImport, ByteOrderMarkAndForeignPrefixesAreAccepted) {
    auto with_bom = import_submission("\xEF\xBB\xBF" + seed_json(), "bom.json");
    ASSERT_TRUE(with_bom) << with_bom.error();
    EXPECT_TRUE(*with_bom == testing::seed().report);
    auto xml_bom = import_submission("\xEF\xBB\xBF" + seed_xml(), "bom.xml");
    ASSERT_TRUE(xml_bom) << xml_bom.error();
    EXPECT_TRUE(*xml_bom == testing::seed().report);

    // Another tool may bind our namespace to a prefix and use CDATA.
    std::string prefixed = seed_xml();
    prefixed = std::regex_replace(prefixed, std::regex("<(/?)([A-Za-z]+)([ >/])"), "<$1s:$2$3");
    prefixed = replace_once(prefixed, "xmlns=", "xmlns:s=");
    prefixed = replace_once(prefixed, "<s:signerName>Nguyễn Minh Khâm</s:signerName>",
                            "<s:signerName><![CDATA[Nguyễn]]> Minh <![CDATA[Khâm]]></s:signerName>");
    auto back = import_submission(prefixed, "prefixed.xml");
    ASSERT_TRUE(back) << back.error();
    EXPECT_TRUE(*back == testing::seed().report);
}

TEST(SubmissionImport, MessagesQuoteHostileTextShortened) {
    const std::string long_name(1 << 20, 'x');
    const std::string m1 = refused("<" + long_name + "/>", "long.xml");
    EXPECT_NE(m1.find("không phải tệp nộp báo cáo"), std::string::npos) << m1.substr(0, 300);
    EXPECT_LT(m1.size(), 2000u);
    const std::string m2 =
        refused(replace_once(seed_json(), "\"header\": {", "\"header\": {\"" + long_name + "\": 1, "));
    EXPECT_NE(m2.find("trường không có trong định dạng"), std::string::npos) << m2.substr(0, 300);
    EXPECT_LT(m2.size(), 2000u);
    const std::string m3 =
        refused(replace_once(seed_json(), "\"code\": \"2024-Q1\"", "\"code\": \"" + long_name + "\""));
    EXPECT_NE(m3.find("/period/code"), std::string::npos) << m3.substr(0, 300);
    EXPECT_LT(m3.size(), 2000u);
    const std::string m4 =
        refused(replace_once(seed_xml(), "from=\"2023-12-15\"", "from=\"" + long_name + "\""), "d.xml");
    EXPECT_LT(m4.size(), 20000u);
}

TEST(SubmissionImport, MissingFileIsNamed) {
    auto r = load_submission("/nonexistent/folder/nop-bao-cao.xml");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("/nonexistent/folder/nop-bao-cao.xml"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace rb::exporting
