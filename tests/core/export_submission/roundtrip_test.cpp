// A submission gives back the report it was made from: every sample, an amendment with
// justifications, and text that XML readers like to change (spaces at the ends, tabs, CRLF,
// "]]>", markup characters, emoji, combining marks), in both shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "export/submission/submission.hpp"
#include "samples.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

using testing::Sample;

struct Shape {
    const char* name;
    std::string (*write)(const Submission&);
};

const Shape kShapes[] = {{"xml", submission_to_xml}, {"json", submission_to_json}};

// Exports, imports, and checks both the report and the informative parts.
void expect_round_trip(const Submission& s) {
    for (const auto& shape : kShapes) {
        SCOPED_TRACE(shape.name);
        const std::string bytes = shape.write(s);
        auto back = read_submission(bytes, std::string("sent.") + shape.name);
        ASSERT_TRUE(back) << back.error();
        EXPECT_TRUE(back->report == s.report);
        EXPECT_EQ(back->report.values, s.report.values);
        EXPECT_EQ(back->report.narrative, s.report.narrative);
        EXPECT_EQ(back->report.header, s.report.header);
        EXPECT_EQ(back->report.unit, s.report.unit);
        EXPECT_EQ(back->report.justifications, s.report.justifications);
        EXPECT_EQ(back->computed, s.computed);
        EXPECT_EQ(back->findings, s.findings);
        auto imported = import_submission(bytes, "sent");
        ASSERT_TRUE(imported) << imported.error();
        EXPECT_TRUE(*imported == s.report);
    }
}

Submission submission_of(const Sample& s) {
    return make_submission(s.report, *s.evaluation, s.findings);
}

TEST(SubmissionRoundTrip, SeedReportComesBackIdenticalInBothShapes) {
    const Sample& seed = testing::seed();
    const Submission s = submission_of(seed);
    ASSERT_GT(s.report.values.size(), 50u);
    ASSERT_GT(s.report.narrative.size(), 10u);
    expect_round_trip(s);
    for (const auto& shape : kShapes) {
        auto imported = import_submission(shape.write(s), "seed");
        ASSERT_TRUE(imported) << imported.error();
        EXPECT_TRUE(*imported == seed.report) << shape.name;
    }
}

TEST(SubmissionRoundTrip, EveryBundledSampleComesBackIdentical) {
    const std::pair<const char*, const char*> samples[] = {
        {testing::kCchcDefinition, testing::kSeedReport},
        {"plugins/iso9001/iso9001-2024.xml", "plugins/iso9001/samples/hai-hau-2025.rbr"},
        {"plugins/iso9001/iso9001-2024.xml", "plugins/iso9001/samples/hai-hau-2025-mistakes.rbr"},
        {"plugins/digital/digital-2025.xml", "plugins/digital/samples/ninh-giang-2025-q3.rbr"},
        {"plugins/digital/digital-2025.xml", "plugins/digital/samples/ninh-giang-2025-q3-mistakes.rbr"},
    };
    for (const auto& [definition, report] : samples) {
        SCOPED_TRACE(report);
        const Sample& sample = testing::load_sample(definition, report);
        ASSERT_TRUE(sample.report.preserved_xml.empty());
        const Submission s = submission_of(sample);
        expect_round_trip(s);
        for (const auto& shape : kShapes) {
            auto imported = import_submission(shape.write(s), "sample");
            ASSERT_TRUE(imported) << imported.error();
            EXPECT_TRUE(*imported == sample.report) << shape.name;
        }
    }
}

TEST(SubmissionRoundTrip, ComputedValuesCarryTheirDisplayAndTheFindingsTheirRules) {
    const Sample& seed = testing::seed();
    const Submission s = submission_of(seed);
    std::size_t computed_indicators = 0;
    for (const auto& ind : seed.type->indicators) computed_indicators += ind.is_computed() && !ind.heading;
    EXPECT_EQ(s.computed.size(), computed_indicators);
    ASSERT_FALSE(s.computed.empty());
    bool percent_shown = false;
    for (const auto& c : s.computed) {
        const auto slot = seed.type->slot(c.code);
        ASSERT_TRUE(slot) << c.code;
        const validate::Cell cell = seed.evaluation->cell(*slot);
        EXPECT_EQ(c.display, cell.display) << c.code;
        EXPECT_EQ(c.state, cell.state) << c.code;
        percent_shown = percent_shown || c.display.find("16,67%") != std::string::npos;
    }
    EXPECT_TRUE(percent_shown) << "the seed's 16,67% is a computed value";
    EXPECT_EQ(s.findings.size(), seed.findings.findings.size());

    const std::string xml = submission_to_xml(s);
    const std::string json = submission_to_json(s);
    for (const std::string* text : {&xml, &json}) {
        EXPECT_NE(text->find("16,67%"), std::string::npos);
        EXPECT_NE(text->find("1034"), std::string::npos);
    }
    EXPECT_NE(xml.find("state=\"computed\""), std::string::npos);
    EXPECT_NE(json.find("\"state\": \"computed\""), std::string::npos);
}

TEST(SubmissionRoundTrip, ImportIgnoresComputedValuesAndFindings) {
    const Sample& seed = testing::seed();
    Submission s = submission_of(seed);
    for (auto& c : s.computed) c.display = "999";
    for (auto& f : s.findings) f.message = "changed";
    for (const auto& shape : kShapes) {
        auto imported = import_submission(shape.write(s), "edited");
        ASSERT_TRUE(imported) << imported.error();
        EXPECT_TRUE(*imported == seed.report) << shape.name;
        // A computed code never becomes an entered value.
        for (const auto& c : s.computed)
            EXPECT_EQ(imported->values.count(c.code), seed.report.values.count(c.code));
    }
}

TEST(SubmissionRoundTrip, AmendmentWithJustificationsKeepsWhatItAmends) {
    report::Report r = testing::seed().report;
    ASSERT_TRUE(report::change_status(r, report::Status::Complete));
    ASSERT_TRUE(report::change_status(r, report::Status::Submitted));
    // The first correction is submitted in turn, then corrected again.
    report::Report first = report::make_amendment(r, "phuong-dinh-2024-q1.rbr");
    ASSERT_TRUE(report::change_status(first, report::Status::Complete));
    ASSERT_TRUE(report::change_status(first, report::Status::Submitted));
    report::Report amended = report::make_amendment(first, "phuong-dinh-2024-q1_sua-doi-1.rbr");
    amended.justifications.push_back(
        {"plan-done-within-plan", "Kế hoạch bổ sung ngày 02/3/2024\nđã được phê duyệt.", "2024-03-09"});
    amended.justifications.push_back(
        {"narrative.year", "  Trích dẫn năm trước: đúng nguyên văn. ", "2024-03-10"});
    ASSERT_EQ(amended.amendment, 2);
    ASSERT_EQ(amended.amends, "phuong-dinh-2024-q1_sua-doi-1.rbr");

    auto sample = testing::evaluate(testing::seed().type, amended);
    const Submission s = submission_of(*sample);
    expect_round_trip(s);
    for (const auto& shape : kShapes) {
        auto back = import_submission(shape.write(s), "amended");
        ASSERT_TRUE(back) << back.error();
        EXPECT_EQ(back->amendment, 2);
        EXPECT_EQ(back->amends, "phuong-dinh-2024-q1_sua-doi-1.rbr");
        EXPECT_EQ(back->status, report::Status::Draft);
        EXPECT_EQ(back->justifications, amended.justifications);
        EXPECT_EQ(back->created, amended.created);
        EXPECT_EQ(back->modified, amended.modified);
    }
}

// Text an XML or JSON round trip is most likely to change.
const char* const kAwkwardTexts[] = {
    "  leading and trailing spaces  ",
    "\ttabs\tinside and at both ends\t",
    "Windows lines\r\nsecond line\r\n",
    "\r\n",
    "lone\rcarriage return",
    "   \n\t  ",
    " ",
    "]]> ends CDATA; <b>not markup</b> & &amp; &#13; \"quoted\" 'single'",
    "emoji 😀👍🏽 and a flag 🇻🇳",
    // "Phường" decomposed: base letters with combining horn (U+031B) and grave (U+0300).
    "Phu\xCC\x9Bo\xCC\x9B\xCC\x80ng in NFD, Ph\xC6\xB0\xE1\xBB\x9Dng in NFC",
    "trailing newline\n\n",
    "\nleading newline",
    "{\"json\": [1, 2]} \\ backslash \\n not a newline",
    "U+2028\xE2\x80\xA8 and U+2029\xE2\x80\xA9 separators",
};

TEST(SubmissionRoundTrip, TextIsKeptExactly) {
    report::Report r = testing::seed().report;
    r.narrative.clear();
    int i = 0;
    for (const char* text : kAwkwardTexts) r.narrative["S" + std::to_string(i++)] = text;
    r.narrative["empty"] = "";
    // The same texts in attributes (notes, justification dates, unit fields) and in elements.
    i = 0;
    for (const char* text : kAwkwardTexts) {
        r.values["T." + std::to_string(i)] = report::Entry{text, text};
        r.justifications.push_back({text, text, text});
        r.unit.former_names.push_back(text);
        r.header.recipients.push_back(text);
        ++i;
    }
    r.values["T.empty"] = report::Entry{"", ""};
    r.unit.name = " Phường\tĐịnh\n";
    r.unit.province = "\r\n";
    r.header.summary = "  Báo cáo\r\n  kết quả  ";
    r.header.signer_name = "";
    r.header.signing_authority = "";  // empty, not the default "TM. ỦY BAN NHÂN DÂN"
    r.amends = " a&b <c>.rbr ";
    r.created = "\t";
    r.type_version = "1.0 ";

    auto sample = testing::evaluate(testing::seed().type, r);
    expect_round_trip(submission_of(*sample));
}

TEST(SubmissionRoundTrip, AHeaderWithoutDateStaysWithoutDate) {
    report::Report r = testing::seed().report;
    r.header.date.reset();
    auto sample = testing::evaluate(testing::seed().type, r);
    const Submission s = submission_of(*sample);
    expect_round_trip(s);
    EXPECT_EQ(submission_to_xml(s).find("<date>"), std::string::npos);
    EXPECT_NE(submission_to_json(s).find("\"date\": null"), std::string::npos);
}

TEST(SubmissionRoundTrip, PreservedXmlAndReadOnlyAreNotPartOfASubmission) {
    report::Report r = testing::seed().report;
    r.preserved_xml.push_back("<other xmlns=\"urn:example\">kept in the .rbr only</other>");
    r.read_only = true;
    r.read_only_reason = "newer format";
    auto sample = testing::evaluate(testing::seed().type, r);
    const Submission s = submission_of(*sample);
    EXPECT_TRUE(s.report.preserved_xml.empty());
    EXPECT_FALSE(s.report.read_only);
    for (const auto& shape : kShapes) {
        const std::string bytes = shape.write(s);
        EXPECT_EQ(bytes.find("kept in the .rbr only"), std::string::npos);
        auto back = import_submission(bytes, "x");
        ASSERT_TRUE(back) << back.error();
        report::Report expected = r;
        expected.preserved_xml.clear();
        expected.read_only = false;
        expected.read_only_reason.clear();
        EXPECT_TRUE(*back == expected);
    }
}

// Bytes no XML file can carry are handled by the saved report's rules, identically in both
// shapes: a submission of a report reads back as that report after a save and load.
TEST(SubmissionRoundTrip, TextXmlCannotCarryFollowsTheSavedReportRules) {
    report::Report r = testing::seed().report;
    r.narrative["I.1"] =
        std::string("bell\x07 nul") + '\0' + std::string(" bad\xFF byte \xC3 cut \xEF\xBF\xBE end");
    r.values["X.1"] = report::Entry{"\x01value", "note\x1F"};
    r.header.place = "Phương\x0B Định";

    auto saved = report::from_xml(report::to_xml(r), "saved.rbr");
    ASSERT_TRUE(saved) << saved.error();

    auto sample = testing::evaluate(testing::seed().type, r);
    const Submission s = submission_of(*sample);
    for (const auto& shape : kShapes) {
        auto back = import_submission(shape.write(s), "x");
        ASSERT_TRUE(back) << shape.name << ": " << back.error();
        EXPECT_EQ(back->narrative.at("I.1"), saved->narrative.at("I.1")) << shape.name;
        EXPECT_EQ(back->narrative.at("I.1"), "bell nul bad\xEF\xBF\xBD byte \xEF\xBF\xBD cut  end")
            << shape.name;
        EXPECT_EQ(back->values.at("X.1"), saved->values.at("X.1")) << shape.name;
        EXPECT_EQ(back->header.place, "Phương Định") << shape.name;
        EXPECT_TRUE(*back == *saved) << shape.name;
    }
}

TEST(SubmissionRoundTrip, OutputIsDeterministic) {
    const Submission s = submission_of(testing::seed());
    EXPECT_EQ(submission_to_xml(s), submission_to_xml(s));
    EXPECT_EQ(submission_to_json(s), submission_to_json(s));
}

TEST(SubmissionSchema, ExportedXmlIsValidAgainstTheSchema) {
    const std::pair<const char*, const char*> samples[] = {
        {testing::kCchcDefinition, testing::kSeedReport},
        {"plugins/iso9001/iso9001-2024.xml", "plugins/iso9001/samples/hai-hau-2025-mistakes.rbr"},
        {"plugins/digital/digital-2025.xml", "plugins/digital/samples/ninh-giang-2025-q3-mistakes.rbr"},
    };
    for (const auto& [definition, report] : samples) {
        const std::string xml = submission_to_xml(submission_of(testing::load_sample(definition, report)));
        const auto issues = xml::validate(xml, "submission.xsd", report);
        std::string all;
        for (const auto& i : issues) all += i.to_string() + "\n";
        EXPECT_TRUE(issues.empty()) << all;
    }
}

#ifndef _WIN32  // xmllint is a tool of the Debian side
// The schema as IT staff and other tools see it: the installed .xsd file, checked by an
// independent validator (xmllint) when one is installed.
TEST(SubmissionSchema, XmllintAcceptsTheExportAgainstTheSchemaFile) {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "xmllint not installed";
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests";
    fs::create_directories(dir);
    const fs::path file = dir / "seed-submission.xml";
    {
        std::ofstream out(file, std::ios::binary);
        out << submission_to_xml(submission_of(testing::seed()));
    }
    const std::string cmd = "xmllint --noout --nonet --schema '" + testing::source("schemas/submission.xsd") +
                            "' '" + file.string() + "' >'" + (dir / "xmllint.log").string() + "' 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
}
#endif

}  // namespace
}  // namespace rb::exporting
