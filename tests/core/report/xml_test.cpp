#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "report/report.hpp"
#include "sample_report.hpp"

namespace rb::report {
namespace {

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: \"" << from << "\" not in the document";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// "label:LINE:COL: " somewhere in the message, with LINE and COL at least 1.
bool names_a_place(const std::string& message, const std::string& label, int* line = nullptr) {
    const std::regex place(label + ":([0-9]+):([0-9]+): ");
    std::smatch m;
    if (!std::regex_search(message, m, place)) return false;
    if (line) *line = std::stoi(m[1]);
    return std::stoi(m[1]) >= 1 && std::stoi(m[2]) >= 1;
}

void expect_same_fields(const Report& a, const Report& b) {
    EXPECT_EQ(a.type_id, b.type_id);
    EXPECT_EQ(a.type_version, b.type_version);
    EXPECT_EQ(a.edition, b.edition);
    EXPECT_EQ(a.period, b.period);
    EXPECT_EQ(a.window_from, b.window_from);
    EXPECT_EQ(a.window_to, b.window_to);
    EXPECT_EQ(a.unit.name, b.unit.name);
    EXPECT_EQ(a.unit.kind, b.unit.kind);
    EXPECT_EQ(a.unit.parent, b.unit.parent);
    EXPECT_EQ(a.unit.parent_kind, b.unit.parent_kind);
    EXPECT_EQ(a.unit.province, b.unit.province);
    EXPECT_EQ(a.unit.former_names, b.unit.former_names);
    EXPECT_EQ(a.header.parent_body, b.header.parent_body);
    EXPECT_EQ(a.header.issuing_body, b.header.issuing_body);
    EXPECT_EQ(a.header.number, b.header.number);
    EXPECT_EQ(a.header.symbol, b.header.symbol);
    EXPECT_EQ(a.header.place, b.header.place);
    EXPECT_EQ(a.header.date, b.header.date);
    EXPECT_EQ(a.header.summary, b.header.summary);
    EXPECT_EQ(a.header.signing_authority, b.header.signing_authority);
    EXPECT_EQ(a.header.signer_title, b.header.signer_title);
    EXPECT_EQ(a.header.signer_name, b.header.signer_name);
    EXPECT_EQ(a.header.recipients, b.header.recipients);
    ASSERT_EQ(a.values.size(), b.values.size());
    for (const auto& [code, entry] : a.values) {
        SCOPED_TRACE(code);
        ASSERT_TRUE(b.values.count(code));
        EXPECT_EQ(entry.value, b.values.at(code).value);
        EXPECT_EQ(entry.note, b.values.at(code).note);
    }
    ASSERT_EQ(a.narrative.size(), b.narrative.size());
    for (const auto& [id, text] : a.narrative) {
        SCOPED_TRACE(id);
        ASSERT_TRUE(b.narrative.count(id));
        EXPECT_EQ(text, b.narrative.at(id));
    }
    EXPECT_EQ(a.justifications, b.justifications);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.amendment, b.amendment);
    EXPECT_EQ(a.amends, b.amends);
    EXPECT_EQ(a.created, b.created);
    EXPECT_EQ(a.modified, b.modified);
    EXPECT_EQ(a.preserved_xml, b.preserved_xml);
    EXPECT_EQ(a.read_only, b.read_only);
    EXPECT_EQ(a.read_only_reason, b.read_only_reason);
    EXPECT_TRUE(a == b);
}

TEST(ReportXml, RoundTripOfAFullyPopulatedReportIsIdentical) {
    const Report original = samples::sample_report();
    const std::string xml = to_xml(original);
    auto loaded = from_xml(xml, "sample.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(to_xml(*loaded), xml);
    expect_same_fields(original, *loaded);
}

TEST(ReportXml, MinimalReportKeepsItsEmptyAndDefaultFields) {
    Report r;
    r.type_id = "iso9001";
    r.period = *Period::parse("2025");
    std::tie(r.window_from, r.window_to) = r.period.default_window();
    r.unit.kind.clear();  // empty stays empty, not the default "xã"
    r.header.signing_authority.clear();
    auto loaded = from_xml(to_xml(r), "minimal.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    expect_same_fields(r, *loaded);
    EXPECT_FALSE(loaded->header.date.has_value());
}

TEST(ReportXml, OutputIsDeterministicPrettyAndInTheReportNamespace) {
    const std::string xml = to_xml(samples::sample_report());
    EXPECT_EQ(xml, to_xml(samples::sample_report()));
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report "
                        "xmlns=\"urn:reportbench:report:1\" formatVersion=\"1\">\n",
                        0),
              0u)
        << xml.substr(0, 200);
    EXPECT_NE(xml.find("\n  <period code=\"2024-Q1\" from=\"2023-12-15\" to=\"2024-03-07\" />\n"),
              std::string::npos);
    EXPECT_NE(xml.find("<value code=\"I.1\">12</value>"), std::string::npos);
    EXPECT_NE(xml.find("Phương Định"), std::string::npos);  // UTF-8, not character references
}

TEST(ReportXml, ValuesAreWrittenInCodeOrderWhateverTheInsertionOrder) {
    Report a = samples::sample_report();
    Report b = a;
    b.values.clear();
    for (auto it = a.values.rbegin(); it != a.values.rend(); ++it) b.values.insert(*it);
    EXPECT_EQ(to_xml(a), to_xml(b));
}

TEST(ReportXml, CharactersXmlCannotCarryAreDroppedAndTheFileStillLoads) {
    Report r = samples::sample_report();
    r.narrative["I.1"] = std::string("bell\x07 nul") + '\0' + "x, bad utf8 \xff\xc3 end";
    r.values["I.1"].note = "esc\x1b";
    auto loaded = from_xml(to_xml(r), "ctl.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->narrative["I.1"], "bell nulx, bad utf8 \xEF\xBF\xBD\xEF\xBF\xBD end");
    EXPECT_EQ(loaded->values["I.1"].note, "esc");
}

// Both parsers read the bytes as UTF-8 (the schema check must not decode them otherwise), whatever
// the declaration says; libxml2 is left to its own detection only when that gives UTF-8.
TEST(ReportXml, TheTextIsReadAsUtf8WhateverTheDeclarationSays) {
    Report r = samples::sample_report();
    r.narrative["I.1"] = "Phường Đông Thành: 12 thủ tục, tỷ lệ 99,5%";
    const std::string xml = to_xml(r);
    const std::string decl = R"(<?xml version="1.0" encoding="UTF-8"?>)";
    ASSERT_EQ(xml.rfind(decl, 0), 0u);
    const std::string body = xml.substr(decl.size());
    for (const std::string& head : {std::string(), std::string("\xEF\xBB\xBF"), std::string(R"(<?xml version="1.0"?>)"),
                                    std::string(R"(<?xml version="1.0" encoding='utf-8'?>)"),
                                    std::string(R"(<?xml version="1.0" encoding="UTF-16"?>)"),
                                    std::string(R"(<?xml version="1.0" encoding="ISO-8859-1"?>)")}) {
        SCOPED_TRACE(head);
        auto loaded = from_xml(head + body, "enc.rbr");
        ASSERT_TRUE(loaded) << loaded.error();
        EXPECT_EQ(loaded->narrative["I.1"], r.narrative["I.1"]);
    }
}

TEST(ReportXml, UnknownValueCodesAndSectionsAreKept) {
    std::string xml = to_xml(samples::sample_report());
    xml = replace_once(
        xml, "<value code=\"I.1\">12</value>",
        "<value code=\"I.1\">12</value>\n    <value code=\"ZZ.99-không-có\" note=\"?\">abc</value>");
    xml = replace_once(xml, "<section id=\"I.1\">",
                       "<section id=\"VI.9\">mục lạ</section>\n    <section id=\"I.1\">");
    auto loaded = from_xml(xml, "unknown-codes.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    ASSERT_TRUE(loaded->values.count("ZZ.99-không-có"));
    EXPECT_EQ(loaded->values["ZZ.99-không-có"].value, "abc");
    EXPECT_EQ(loaded->values["ZZ.99-không-có"].note, "?");
    EXPECT_EQ(loaded->narrative["VI.9"], "mục lạ");
    const std::string again = to_xml(*loaded);
    EXPECT_NE(again.find("<value code=\"ZZ.99-không-có\" note=\"?\">abc</value>"), std::string::npos);
    EXPECT_NE(again.find("<section id=\"VI.9\">mục lạ</section>"), std::string::npos);
}

TEST(ReportXml, MalformedXmlFailsNamingLineAndColumn) {
    const std::string xml = to_xml(samples::sample_report());
    // Line 5 is "  <status value=...": break its attribute syntax at column 17.
    const std::string broken = replace_once(xml, "<status value=\"complete\"", "<status value=complete");
    auto res = from_xml(broken, "broken.rbr");
    ASSERT_FALSE(res);
    int line = 0;
    EXPECT_TRUE(names_a_place(res.error(), "broken.rbr", &line)) << res.error();
    EXPECT_EQ(line, 5) << res.error();
    EXPECT_NE(res.error().find("broken.rbr:5:17: "), std::string::npos) << res.error();

    auto unclosed = from_xml(replace_once(xml, "</header>", ""), "unclosed.rbr");
    ASSERT_FALSE(unclosed);
    EXPECT_TRUE(names_a_place(unclosed.error(), "unclosed.rbr")) << unclosed.error();
}

TEST(ReportXml, TruncatedFileFailsClearlyWhereverItIsCut) {
    const std::string xml = to_xml(samples::sample_report());
    std::vector<std::size_t> cuts = {0, 1, 5, 30, 39, 40, 100, xml.size() / 2, xml.size() - 2};
    for (std::size_t i = 0; i < 60; ++i) cuts.push_back(xml.size() * i / 60);
    // Inside a multi-byte character.
    const auto vi = xml.find("ươ");
    cuts.push_back(vi + 1);
    for (std::size_t cut : cuts) {
        SCOPED_TRACE(cut);
        auto res = from_xml(std::string_view(xml).substr(0, cut), "cut.rbr");
        ASSERT_FALSE(res);
        EXPECT_TRUE(names_a_place(res.error(), "cut.rbr")) << res.error();
    }
}

TEST(ReportXml, GarbledFileNeverCrashesAndAnyFailureNamesAPlace) {
    const std::string xml = to_xml(samples::sample_report());
    std::mt19937 rng(20240308);
    for (int round = 0; round < 200; ++round) {
        std::string garbled = xml;
        const int flips = 1 + static_cast<int>(rng() % 8);
        for (int k = 0; k < flips; ++k) garbled[rng() % garbled.size()] = static_cast<char>(rng() % 256);
        auto res = from_xml(garbled, "garbled.rbr");
        if (!res) {
            EXPECT_TRUE(names_a_place(res.error(), "garbled.rbr")) << res.error();
        }
    }
    for (const std::string& junk :
         {std::string("PK\x03\x04\x14\x00\x06\x00", 8), std::string("\xef\xbb\xbf"), std::string("   \n"),
          std::string("<report/>"),
          std::string("<?xml version=\"1.0\"?><report xmlns=\"urn:other\" formatVersion=\"1\"/>")}) {
        auto res = from_xml(junk, "junk.rbr");
        ASSERT_FALSE(res);
        EXPECT_TRUE(names_a_place(res.error(), "junk.rbr")) << res.error();
    }
}

TEST(ReportXml, FileMissingRequiredPartsFailsNamingWhatIsMissing) {
    const std::string xml = to_xml(samples::sample_report());
    struct Case {
        std::string from, to, named;
    };
    const Case cases[] = {
        {"  <period code=\"2024-Q1\" from=\"2023-12-15\" to=\"2024-03-07\" />\n", "", "period"},
        {" formatVersion=\"1\"", "", "formatVersion"},
        {" code=\"I.1\"", "", "code"},
        {"<type id=\"cchc\"", "<type", "id"},
        {"<unit name", "<unit nam", "name"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.named);
        auto res = from_xml(replace_once(xml, c.from, c.to), "missing.rbr");
        ASSERT_FALSE(res);
        EXPECT_NE(res.error().find(c.named), std::string::npos) << res.error();
        EXPECT_TRUE(names_a_place(res.error(), "missing.rbr")) << res.error();
    }
    // The header as a whole.
    const auto from = xml.find("  <header>");
    const auto to = xml.find("</header>\n") + 10;
    auto res = from_xml(xml.substr(0, from) + xml.substr(to), "missing.rbr");
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("header"), std::string::npos) << res.error();
}

TEST(ReportXml, InvalidDatesPeriodsAndWindowsAreRefusedWithTheirPlace) {
    const std::string xml = to_xml(samples::sample_report());
    const std::pair<std::string, std::string> cases[] = {
        {"from=\"2023-12-15\"", "from=\"2024-02-30\""},
        {"from=\"2023-12-15\"", "from=\"15/12/2023\""},
        {"to=\"2024-03-07\"", "to=\"2023-03-07\""},  // ends before it starts
        {"code=\"2024-Q1\"", "code=\"2024-Q5\""},
        {"code=\"2024-Q1\"", "code=\"1800-Q1\""},
        {"<date>2024-03-08</date>", "<date>2024-13-08</date>"},
        {"value=\"complete\"", "value=\"done\""},
        {"amendment=\"2\"", "amendment=\"-1\""},
        {"amendment=\"2\"", "amendment=\"99999999999999999999\""},
    };
    for (const auto& [from, to] : cases) {
        SCOPED_TRACE(to);
        auto res = from_xml(replace_once(xml, from, to), "bad.rbr");
        ASSERT_FALSE(res);
        EXPECT_TRUE(names_a_place(res.error(), "bad.rbr")) << res.error();
    }
}

TEST(ReportXml, IntegersAreReadAsTheSchemaAllowsThem) {
    std::string xml = to_xml(samples::sample_report());
    xml = replace_once(xml, "formatVersion=\"1\"", "formatVersion=\" 01 \"");
    xml = replace_once(xml, "amendment=\"2\"", "amendment=\"+3\"");
    auto loaded = from_xml(xml, "ints.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_FALSE(loaded->read_only);
    EXPECT_EQ(loaded->amendment, 3);
}

TEST(ReportXml, DuplicateValueCodesAreRefusedRatherThanOneSilentlyLost) {
    const std::string xml = replace_once(to_xml(samples::sample_report()), "<value code=\"I.1\">12</value>",
                                         "<value code=\"I.1\">12</value><value code=\"I.1\">13</value>");
    auto res = from_xml(xml, "dup.rbr");
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("I.1"), std::string::npos) << res.error();
}

TEST(ReportXml, NewerFormatOpensReadOnlyAndKeepsWhatItDoesNotKnow) {
    std::string xml = to_xml(samples::sample_report());
    xml = replace_once(xml, "formatVersion=\"1\"", "formatVersion=\"2\"");
    // An addition in the extension area and one the version-1 schema does not allow at all.
    xml = replace_once(xml, "<extension>",
                       "<extension>\n    <signature alg=\"x\"><digest>AbC=</digest></signature>");
    xml = replace_once(
        xml, "  <justifications>",
        "  <attachments><file name=\"bien-ban.pdf\" size=\"1024\"/></attachments>\n  <justifications>");
    auto loaded = from_xml(xml, "newer.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_TRUE(loaded->read_only);
    EXPECT_NE(loaded->read_only_reason.find("2"), std::string::npos) << loaded->read_only_reason;
    EXPECT_TRUE(is_locked(*loaded));
    // What it knows is read.
    EXPECT_EQ(loaded->values.at("I.1").value, "12");
    EXPECT_EQ(loaded->narrative, samples::sample_report().narrative);
    // What it does not know is kept, in document order.
    ASSERT_EQ(loaded->preserved_xml.size(), 3u);
    EXPECT_EQ(loaded->preserved_xml[0],
              "<attachments><file name=\"bien-ban.pdf\" size=\"1024\"/></attachments>");
    EXPECT_EQ(loaded->preserved_xml[1], "<signature alg=\"x\"><digest>AbC=</digest></signature>");
    EXPECT_EQ(loaded->preserved_xml[2], samples::sample_report().preserved_xml[0]);
    const std::string again = to_xml(*loaded);
    EXPECT_NE(again.find("<attachments><file name=\"bien-ban.pdf\" size=\"1024\"/></attachments>"),
              std::string::npos)
        << again;
    EXPECT_NE(again.find("<digest>AbC=</digest>"), std::string::npos);
    EXPECT_NE(again.find("<x:item>kept</x:item>"), std::string::npos);
    // ...and that output is itself a loadable report that still carries them.
    auto reread = from_xml(again, "again.rbr");
    ASSERT_TRUE(reread) << reread.error();
    EXPECT_EQ(reread->preserved_xml, loaded->preserved_xml);
}

TEST(ReportXml, DeeplyNestedUnknownContentIsKeptWithoutExhaustingTheStack) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<d:n>";
    for (int i = 0; i < 100000; ++i) deep += "</d:n>";
    std::string xml = to_xml(samples::sample_report());
    xml = replace_once(xml, "formatVersion=\"1\">", "formatVersion=\"2\" xmlns:d=\"urn:example:deep\">");
    xml = replace_once(xml, "<extension>", "<extension>" + deep);
    auto loaded = from_xml(xml, "deep.rbr");
    ASSERT_TRUE(loaded) << loaded.error().substr(0, 500);
    EXPECT_TRUE(loaded->read_only);
    ASSERT_EQ(loaded->preserved_xml.size(), 2u);
    EXPECT_EQ(loaded->preserved_xml[0].rfind("<d:n xmlns:d=\"urn:example:deep\"><d:n><d:n>", 0), 0u);
    EXPECT_NE(to_xml(*loaded).find("<d:n>"), std::string::npos);
}

TEST(ReportXml, NewerFormatWithAdditionsOnlyInTheExtensionIsReadOnlyToo) {
    std::string xml =
        replace_once(to_xml(samples::sample_report()), "formatVersion=\"1\"", "formatVersion=\"17\"");
    auto loaded = from_xml(xml, "newer.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_TRUE(loaded->read_only);
    EXPECT_FALSE(loaded->read_only_reason.empty());
    EXPECT_EQ(loaded->preserved_xml, samples::sample_report().preserved_xml);
}

TEST(ReportXml, SameVersionExtensionContentIsKeptAndEditable) {
    const Report r = samples::sample_report();
    auto loaded = from_xml(to_xml(r), "ext.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_FALSE(loaded->read_only);
    EXPECT_EQ(loaded->preserved_xml, r.preserved_xml);
}

TEST(ReportXml, ForeignNamespacesDeclaredOnTheRootTravelWithPreservedElements) {
    std::string xml = to_xml(samples::sample_report());
    xml = replace_once(xml, "formatVersion=\"1\">", "formatVersion=\"1\" xmlns:p=\"urn:example:plugin\">");
    xml = replace_once(xml, "<extension>", "<extension>\n    <p:state p:k=\"v\">on</p:state>");
    auto loaded = from_xml(xml, "ns.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    ASSERT_FALSE(loaded->preserved_xml.empty());
    EXPECT_EQ(loaded->preserved_xml[0], "<p:state p:k=\"v\" xmlns:p=\"urn:example:plugin\">on</p:state>");
    auto again = from_xml(to_xml(*loaded), "ns2.rbr");
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->preserved_xml, loaded->preserved_xml);
}

TEST(ReportXml, ReportNamespaceUnderAnyPrefixIsRead) {
    const std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<r:report xmlns:r=\"urn:reportbench:report:1\" formatVersion=\"1\">\n"
        "<r:type id=\"cchc\" version=\"1\" edition=\"\"/>\n"
        "<r:period code=\"2024-H1\" from=\"2023-12-15\" to=\"2024-06-14\"/>\n"
        "<r:status value=\"draft\" amendment=\"0\"/>\n"
        "<r:unit name=\"Phương Định\" kind=\"xã\" parent=\"\" parentKind=\"\" province=\"\"/>\n"
        "<r:header><r:parentBody/><r:issuingBody/><r:number/><r:symbol/><r:place/><r:summary/>"
        "<r:signingAuthority/><r:signerTitle/><r:signerName/><r:recipients/></r:header>\n"
        "<r:values><r:value code=\"I.1\"><![CDATA[1<2]]> &amp; more</r:value></r:values>\n"
        "</r:report>\n";
    auto loaded = from_xml(xml, "prefixed.rbr");
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->period.code(), "2024-H1");
    EXPECT_EQ(loaded->values.at("I.1").value, "1<2 & more");
    EXPECT_TRUE(loaded->preserved_xml.empty());
}

}  // namespace
}  // namespace rb::report

namespace rb::report {
namespace {

// External entities and entity expansion start with a DOCTYPE: refused before any parser runs,
// naming the file and the place, and nothing outside the file is read.
TEST(ReportXmlHostile, ADoctypeIsRefusedWithAClearMessage) {
    const std::string xxe =
        "<?xml version=\"1.0\"?>\n<!-- a comment first -->\n"
        "<!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<report xmlns=\"urn:reportbench:report:1\">&x;</report>\n";
    auto r = from_xml(xxe, "xxe.rbr");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("xxe.rbr:3:1"), std::string::npos) << r.error();
    EXPECT_NE(r.error().find("DOCTYPE"), std::string::npos) << r.error();
    EXPECT_EQ(r.error().find("root:"), std::string::npos) << "nothing of the entity's target shows";

    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
    for (int i = 1; i < 9; ++i)
        laughs += "<!ENTITY lol" + std::to_string(i) + " \"&lol" + (i > 1 ? std::to_string(i - 1) : "") +
                  ";&lol" + (i > 1 ? std::to_string(i - 1) : "") + ";\">";
    laughs += "]>\n<report xmlns=\"urn:reportbench:report:1\">&lol8;</report>\n";
    auto l = from_xml(laughs, "laughs.rbr");
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().find("laughs.rbr:2:1"), std::string::npos) << l.error();
}

}  // namespace
}  // namespace rb::report
