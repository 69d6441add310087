#include <gtest/gtest.h>

#include "export/profile.hpp"
#include "export_fixture.hpp"

namespace rb::exporting {
namespace {
using namespace testing;

const char* kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportbench:profile:1" id="p1" type="cchc">
  <title>Thử</title>
  <appendix/>
</profile>
)";

TEST(Profile, MinimalProfileGetsTheDefaultColumnsAndEveryFormat) {
    auto p = parse_profile(kMinimal, "p1.xml");
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->id, "p1");
    ASSERT_EQ(p->columns.size(), 5u);
    EXPECT_EQ(p->columns[3].kind, ColumnKind::Value);
    EXPECT_EQ(p->columns[2].group.vi, "Kết quả thống kê");
    EXPECT_TRUE(p->offers("docx"));
    EXPECT_TRUE(p->offers("anything"));
    EXPECT_TRUE(p->fits(*nam_dinh()));
}

TEST(Profile, SchemaErrorsNameFileLineAndColumn) {
    const std::string bad = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportbench:profile:1" id="Bad Id" type="cchc">
  <title>Thử</title>
  <appendix/>
</profile>
)";
    auto p = parse_profile(bad, "bad.xml");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("bad.xml:2:"), std::string::npos) << p.error();
}

TEST(Profile, ExactlyOneValueColumnIsRequired) {
    const std::string two = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportbench:profile:1" id="p2" type="cchc">
  <title>Thử</title>
  <appendix><columns>
    <column kind="value"><heading>A</heading></column>
    <column kind="value"><heading>B</heading></column>
  </columns></appendix>
</profile>
)";
    auto p = parse_profile(two, "two.xml");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("two.xml:4:"), std::string::npos) << p.error();
    EXPECT_NE(p.error().find("value"), std::string::npos);
}

TEST(Profile, UnknownCodesAndRepeatsAreReported) {
    const std::string text = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportbench:profile:1" id="p3" type="cchc">
  <title>Thử</title>
  <appendix><rows>
    <row code="I"/><row code="I.1"/><row code="I.1"/><row code="Z.9"/>
    <heading stt="X"><label>Riêng của nơi nhận</label></heading>
  </rows></appendix>
</profile>
)";
    auto p = parse_profile(text, "p3.xml");
    ASSERT_TRUE(p) << p.error();
    const auto problems = check_profile(*p, *nam_dinh());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("“I.1” hai lần"), std::string::npos) << problems[0];
    EXPECT_NE(problems[1].find("Z.9"), std::string::npos) << problems[1];
}

TEST(Profile, EditionsRestrictWhereAProfileFits) {
    const auto p = profile("plugins/cchc/profiles/cchc-ninh-binh-bieu-01.xml");
    EXPECT_FALSE(p.fits(*nam_dinh()));
    EXPECT_TRUE(p.fits(*definition("plugins/cchc/cchc-ninh-binh-2025.xml")));
    EXPECT_TRUE(p.offers("xlsx"));
    EXPECT_FALSE(p.offers("odt"));
}

TEST(Profile, EveryShippedProfileMatchesItsDefinitions) {
    const std::pair<const char*, const char*> shipped[] = {
        {"plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml", "plugins/cchc/cchc-nam-dinh-2024.xml"},
        {"plugins/cchc/profiles/cchc-ninh-binh-bieu-01.xml", "plugins/cchc/cchc-ninh-binh-2025.xml"},
        {"plugins/iso9001/profiles/iso9001-huyen.xml", "plugins/iso9001/iso9001-2024.xml"},
        {"plugins/digital/profiles/digital-so-khcn.xml", "plugins/digital/digital-2025.xml"},
    };
    for (const auto& [prof, def] : shipped) {
        const auto p = profile(prof);
        const auto t = definition(def);
        EXPECT_TRUE(p.fits(*t)) << prof;
        EXPECT_TRUE(check_profile(p, *t).empty()) << prof;
        // A profile that lists its rows keeps the definition's headings above their rows: a
        // row "4.1" printed without "4 Thực hiện nhiệm vụ …" above it reads as a mistake.
        std::vector<std::string> listed;
        for (const auto& row : p.rows) {
            listed.push_back(row.code);
            const std::string& code = row.code;
            for (auto dot = code.rfind('.'); dot != std::string::npos && dot > 0; dot = code.rfind('.', dot - 1)) {
                const std::string parent = code.substr(0, dot);
                const auto* ind = t->indicator(parent);
                if (ind && ind->heading) {
                    EXPECT_NE(std::find(listed.begin(), listed.end(), parent), listed.end())
                        << prof << ": " << code << " without its heading " << parent;
                }
            }
        }
    }
}

}  // namespace
}  // namespace rb::exporting
