// The OOXML parts of the seed's DOCX, checked structurally against Nghị định 30/2020/NĐ-CP:
// page, margins, fonts, sizes (half-points) of every element, the header and foot tables, the
// appendix table, page numbers from page 2 on.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "docx_test_support.hpp"

namespace {

using namespace rb::exporting;
using namespace rb::exporting::testing;

std::string text_of(const pugi::xml_node& node) {
    std::string text;
    // A non-breaking hyphen is a '-' to the reader (Word's w:noBreakHyphen).
    pugi::xpath_node_set parts = node.select_nodes(".//w:t | .//w:noBreakHyphen");
    parts.sort();  // document order
    for (const pugi::xpath_node& t : parts)
        text += std::string_view(t.node().name()) == "w:t" ? t.node().text().get() : "-";
    return text;
}

std::string style_of(const pugi::xml_node& p) {
    return p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
}

pugi::xml_node paragraph_with(const pugi::xml_document& doc, const std::string& text) {
    for (const pugi::xpath_node& p : doc.select_nodes("//w:p"))
        if (text_of(p.node()) == text) return p.node();
    return {};
}

class SeedDocx : public ::testing::Test {
protected:
    // Written once per process, by whichever test comes first.
    void SetUp() override {
        if (path_) return;
        path_ = output_dir("structure") / "seed.docx";
        const rb::Status written = write_docx(seed(), seed().document, *path_);
        ASSERT_TRUE(written) << written.error();
    }

    static pugi::xml_document part(const std::string& name) { return read_part(*path_, name); }

    // A style's value for an rPr/pPr property, following basedOn to the document defaults.
    static std::string style_value(const pugi::xml_document& styles, std::string id, const char* xpath) {
        for (int step = 0; step < 10 && !id.empty(); ++step) {
            const pugi::xml_node s =
                styles.select_node(("//w:style[@w:styleId='" + id + "']").c_str()).node();
            if (!s) return "missing style " + id;
            if (const pugi::xpath_node n = s.select_node(xpath)) return n.attribute().value();
            id = s.child("w:basedOn").attribute("w:val").value();
        }
        const std::string defaults = std::string("//w:docDefaults//") + xpath;
        if (const pugi::xpath_node n = styles.select_node(defaults.c_str())) return n.attribute().value();
        return {};
    }
    static bool style_flag(const pugi::xml_document& styles, std::string id, const char* element) {
        for (int step = 0; step < 10 && !id.empty(); ++step) {
            const pugi::xml_node s =
                styles.select_node(("//w:style[@w:styleId='" + id + "']").c_str()).node();
            if (!s) return false;
            if (s.child("w:rPr").child(element)) return true;
            id = s.child("w:basedOn").attribute("w:val").value();
        }
        return false;
    }

    static inline std::optional<fs::path> path_;
};

TEST_F(SeedDocx, PageIsA4PortraitWithTheDecreesMargins) {
    const auto doc = part("word/document.xml");
    const pugi::xml_node sect = doc.select_node("/w:document/w:body/w:sectPr").node();
    ASSERT_TRUE(sect);
    EXPECT_EQ(sect.child("w:pgSz").attribute("w:w").as_int(), 11906);
    EXPECT_EQ(sect.child("w:pgSz").attribute("w:h").as_int(), 16838);
    const pugi::xml_node mar = sect.child("w:pgMar");
    EXPECT_EQ(mar.attribute("w:top").as_int(), 1134);     // 20 mm
    EXPECT_EQ(mar.attribute("w:bottom").as_int(), 1134);  // 20 mm
    EXPECT_EQ(mar.attribute("w:left").as_int(), 1701);    // 30 mm
    EXPECT_GE(mar.attribute("w:right").as_int() * 25.4 / 1440, 15.0);  // never under 15 mm
    EXPECT_LT(mar.attribute("w:right").as_int() * 25.4 / 1440, 15.1);
    EXPECT_TRUE(sect.child("w:titlePg"));
    // sectPr is the body's last element, as the schema wants.
    EXPECT_EQ(doc.select_node("/w:document/w:body").node().last_child(), sect);
}

TEST_F(SeedDocx, PageNumberIsAPageFieldInTheHeaderButNotOnPageOne) {
    const auto doc = part("word/document.xml");
    const auto rels = part("word/_rels/document.xml.rels");
    auto target_of = [&](const char* type) {
        const std::string rid =
            doc.select_node((std::string("//w:sectPr/w:headerReference[@w:type='") + type + "']").c_str())
                .node()
                .attribute("r:id")
                .value();
        EXPECT_FALSE(rid.empty()) << type;
        return std::string(rels.select_node(("//Relationship[@Id='" + rid + "']").c_str())
                               .node()
                               .attribute("Target")
                               .value());
    };
    const std::string every_page = target_of("default");
    const std::string first_page = target_of("first");
    ASSERT_FALSE(every_page.empty());
    ASSERT_FALSE(first_page.empty());
    EXPECT_NE(every_page, first_page);

    const auto header = part("word/" + every_page);
    EXPECT_TRUE(header.select_node("//w:instrText[contains(., 'PAGE')]"));
    const pugi::xml_node p = header.select_node("//w:p").node();
    EXPECT_EQ(style_of(p), "Header");
    const auto styles = part("word/styles.xml");
    EXPECT_EQ(style_value(styles, "Header", "w:rPr/w:sz/@w:val"), "26");  // 13 pt
    EXPECT_EQ(style_value(styles, "Header", "w:pPr/w:jc/@w:val"), "center");

    const auto first = part("word/" + first_page);
    EXPECT_FALSE(first.select_node("//w:fldChar"));
    EXPECT_FALSE(first.select_node("//w:instrText"));
    EXPECT_EQ(text_of(first.document_element()), "");
}

TEST_F(SeedDocx, EveryStyleAndRunIsTimesNewRomanInBlack) {
    const auto styles = part("word/styles.xml");
    const pugi::xml_node defaults = styles.select_node("//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts").node();
    for (const char* a : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"})
        EXPECT_STREQ(defaults.attribute(a).value(), "Times New Roman") << a;
    const auto all_fonts = styles.select_nodes("//w:rFonts");
    EXPECT_GT(all_fonts.size(), 20u);
    for (const pugi::xpath_node& f : all_fonts)
        for (const pugi::xml_attribute& a : f.node().attributes())
            EXPECT_STREQ(a.value(), "Times New Roman") << a.name();
    for (const pugi::xpath_node& c : styles.select_nodes("//w:color"))
        EXPECT_STREQ(c.node().attribute("w:val").value(), "000000");
    for (const pugi::xpath_node& s : styles.select_nodes("//w:style[@w:type='paragraph']"))
        EXPECT_TRUE(s.node().select_node("w:rPr/w:rFonts[@w:ascii='Times New Roman']"))
            << s.node().attribute("w:styleId").value();
    // No run anywhere picks another font or colour.
    for (const char* name : {"word/document.xml", "word/header1.xml", "word/header2.xml"}) {
        const auto doc = part(name);
        for (const pugi::xpath_node& f : doc.select_nodes("//w:rFonts"))
            for (const pugi::xml_attribute& a : f.node().attributes())
                EXPECT_STREQ(a.value(), "Times New Roman") << name;
        for (const pugi::xpath_node& c : doc.select_nodes("//w:r/w:rPr/w:color"))
            EXPECT_STREQ(c.node().attribute("w:val").value(), "000000") << name;
    }
}

struct Expected {
    const char* text;   // the paragraph's text in the seed
    const char* style;  // its style
    const char* half_points;
    bool bold, italic;
};

TEST_F(SeedDocx, EachElementHasTheDecreesSizeAndWeight) {
    const auto doc = part("word/document.xml");
    const auto styles = part("word/styles.xml");
    const std::vector<Expected> expected = {
        {"UBND HUYỆN TRỰC NINH", "RbParentBody", "26", false, false},
        {"UBND XÃ PHƯƠNG ĐỊNH", "RbIssuingBody", "26", true, false},
        {"Số: 09/BC-UBND", "RbNumber", "26", false, false},
        {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "RbNationalTitle", "26", true, false},
        {"Độc lập - Tự do - Hạnh phúc", "RbMotto", "28", true, false},
        {"Phương Định, ngày 08 tháng 3 năm 2024", "RbPlaceDate", "28", false, true},
        {"BÁO CÁO", "RbTitle", "28", true, false},
        {"Kết quả công tác cải cách hành chính Quý I năm 2024", "RbSummary", "28", true, false},
        {"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Heading1", "28", true, false},
        {"1. Việc xây dựng và ban hành kế hoạch cải cách hành chính", "Heading2", "28", true, false},
        {"Nơi nhận:", "RbRecipientsHeading", "24", true, true},
        {"- UBND huyện Trực Ninh;", "RbRecipients", "22", false, false},
        {"- Lưu: VT.", "RbRecipients", "22", false, false},
        {"TM. ỦY BAN NHÂN DÂN", "RbSignature", "28", true, false},
        {"CHỦ TỊCH", "RbSignature", "28", true, false},
        {"Nguyễn Minh Khâm", "RbSignerName", "28", true, false},
        {"Phụ lục 2", "RbAppendixNumber", "28", true, false},
        {"STT", "RbTableHeading", "26", true, false},
        {"Kết quả thống kê", "RbTableHeading", "26", true, false},
        {"1.034", "RbTableText", "24", false, false},
    };
    for (const Expected& e : expected) {
        SCOPED_TRACE(e.text);
        const pugi::xml_node p = paragraph_with(doc, e.text);
        ASSERT_TRUE(p);
        EXPECT_EQ(style_of(p), e.style);
        EXPECT_EQ(style_value(styles, e.style, "w:rPr/w:sz/@w:val"), e.half_points);
        EXPECT_EQ(style_flag(styles, e.style, "w:b"), e.bold);
        EXPECT_EQ(style_flag(styles, e.style, "w:i"), e.italic);
        // No run overrides the size the style gives.
        EXPECT_FALSE(p.select_node(".//w:r/w:rPr/w:sz"));
    }
    // Uppercase elements are uppercase in the text and in the style.
    for (const char* id : {"RbParentBody", "RbIssuingBody", "RbNationalTitle", "RbTitle", "Heading1",
                           "RbSignature", "RbAppendixTitle"})
        EXPECT_TRUE(style_flag(styles, id, "w:caps")) << id;
    EXPECT_TRUE(style_flag(styles, "Heading3", "w:b"));
    EXPECT_TRUE(style_flag(styles, "Heading3", "w:i"));
    EXPECT_EQ(style_value(styles, "RbAppendixTitle", "w:rPr/w:sz/@w:val"), "28");
    EXPECT_TRUE(style_flag(styles, "RbAppendixSubtitle", "w:i"));
    EXPECT_EQ(style_value(styles, "RbTitle", "w:pPr/w:jc/@w:val"), "center");
    EXPECT_EQ(style_value(styles, "RbSummary", "w:pPr/w:jc/@w:val"), "center");
    EXPECT_EQ(style_value(styles, "RbAppendixNumber", "w:pPr/w:jc/@w:val"), "center");
}

TEST_F(SeedDocx, BodyIsJustifiedWithFirstLineIndentSpacingAndLineHeight) {
    const auto styles = part("word/styles.xml");
    EXPECT_EQ(style_value(styles, "RbBody", "w:rPr/w:sz/@w:val"), "28");
    EXPECT_EQ(style_value(styles, "RbBody", "w:pPr/w:jc/@w:val"), "both");
    EXPECT_EQ(style_value(styles, "RbBody", "w:pPr/w:ind/@w:firstLine"), "720");           // 1.27 cm
    EXPECT_GE(std::stoi(style_value(styles, "RbBody", "w:pPr/w:spacing/@w:after")), 120);  // 6 pt
    const int line = std::stoi(style_value(styles, "RbBody", "w:pPr/w:spacing/@w:line"));
    EXPECT_GE(line, 276);  // 1.15
    EXPECT_LE(line, 360);  // 1.5
    EXPECT_EQ(style_value(styles, "RbBody", "w:pPr/w:spacing/@w:lineRule"), "auto");
    // A "- …" line is laid out as any body paragraph (issue: it had no indent and no spacing).
    EXPECT_EQ(style_value(styles, "RbList", "w:pPr/w:ind/@w:firstLine"), "720");
    EXPECT_GE(std::stoi(style_value(styles, "RbList", "w:pPr/w:spacing/@w:after")), 120);
    EXPECT_EQ(style_value(styles, "RbList", "w:pPr/w:jc/@w:val"), "both");
    for (const char* h : {"Heading1", "Heading2", "Heading3"})
        EXPECT_EQ(style_value(styles, h, "w:pPr/w:jc/@w:val"), "both") << h;
    EXPECT_EQ(style_value(styles, "Heading1", "w:pPr/w:outlineLvl/@w:val"), "0");
    EXPECT_EQ(style_value(styles, "Heading3", "w:pPr/w:outlineLvl/@w:val"), "2");
}

TEST_F(SeedDocx, BodyParagraphsTakeStylesByKind) {
    const auto doc = part("word/document.xml");
    int headings = 0, lists = 0, body = 0;
    for (const Block& b : seed().document.body) {
        SCOPED_TRACE(b.text);
        const pugi::xml_node p = paragraph_with(doc, b.text);
        ASSERT_TRUE(p);
        if (b.kind == Block::Kind::Heading) {
            EXPECT_EQ(style_of(p), "Heading" + std::to_string(b.level + 1));
            ++headings;
        } else if (b.text.rfind("- ", 0) == 0 || b.text.rfind("+ ", 0) == 0) {
            EXPECT_EQ(style_of(p), "RbList");
            ++lists;
        } else {
            EXPECT_EQ(style_of(p), "RbBody");
            ++body;
        }
    }
    EXPECT_GT(headings, 10);
    EXPECT_GT(lists, 10);
    EXPECT_GT(body, 10);
    // Lines typed one under the other (the list in I.2) have no space between them.
    const pugi::xml_node item = paragraph_with(doc, "- + Kế hoạch công tác Tư pháp;");
    ASSERT_TRUE(item);
    EXPECT_STREQ(item.child("w:pPr").child("w:spacing").attribute("w:after").value(), "0");
}

TEST_F(SeedDocx, HeaderIsABorderlessTwoColumnTableWithRules) {
    const auto doc = part("word/document.xml");
    const pugi::xml_node first = doc.select_node("/w:document/w:body").node().first_child();
    ASSERT_STREQ(first.name(), "w:tbl");
    EXPECT_EQ(first.select_nodes("w:tblGrid/w:gridCol").size(), 2u);
    for (const pugi::xpath_node& b : first.select_nodes("w:tblPr/w:tblBorders/*"))
        EXPECT_STREQ(b.node().attribute("w:val").value(), "nil") << b.node().name();
    const auto cells = first.select_nodes("w:tr/w:tc");
    ASSERT_EQ(cells.size(), 4u);
    const std::string left_top = text_of(cells[0].node());
    const std::string right_top = text_of(cells[1].node());
    EXPECT_EQ(left_top, "UBND HUYỆN TRỰC NINHUBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(right_top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
    EXPECT_EQ(text_of(cells[2].node()), "Số: 09/BC-UBND");
    EXPECT_EQ(text_of(cells[3].node()), "Phương Định, ngày 08 tháng 3 năm 2024");

    // The rules: empty paragraphs with a top border between indents. The motto's is as long as
    // the motto (about 6 cm at 14 pt bold), the issuing body's a fraction of its line.
    auto rule_length = [](const pugi::xml_node& cell, int width) {
        const pugi::xml_node p = cell.select_node("w:p[w:pPr/w:pBdr/w:top]").node();
        EXPECT_TRUE(p);
        EXPECT_EQ(text_of(p), "");
        const pugi::xml_node ind = p.child("w:pPr").child("w:ind");
        return width - ind.attribute("w:left").as_int() - ind.attribute("w:right").as_int();
    };
    const int widths[2] = {first.select_nodes("w:tblGrid/w:gridCol")[0].node().attribute("w:w").as_int(),
                           first.select_nodes("w:tblGrid/w:gridCol")[1].node().attribute("w:w").as_int()};
    const int issuing_rule = rule_length(cells[0].node(), widths[0]);
    const int motto_rule = rule_length(cells[1].node(), widths[1]);
    EXPECT_GT(issuing_rule, 700);   // > 1.2 cm
    EXPECT_LT(issuing_rule, 1800);  // < 3.2 cm
    EXPECT_GT(motto_rule, 3000);    // the motto at 14 pt bold is about 6.2 cm
    EXPECT_LT(motto_rule, 4000);
    // The summary has its short rule too.
    const pugi::xml_node summary = paragraph_with(doc, "Kết quả công tác cải cách hành chính Quý I năm 2024");
    const pugi::xml_node after = summary.next_sibling("w:p");
    EXPECT_TRUE(after.child("w:pPr").child("w:pBdr").child("w:top"));
}

TEST_F(SeedDocx, FootIsABorderlessTableWithRecipientsAndSignature) {
    const auto doc = part("word/document.xml");
    const auto tables = doc.select_nodes("/w:document/w:body/w:tbl");
    ASSERT_EQ(tables.size(), 3u);  // header, foot, appendix
    const pugi::xml_node foot = tables[1].node();
    for (const pugi::xpath_node& b : foot.select_nodes("w:tblPr/w:tblBorders/*"))
        EXPECT_STREQ(b.node().attribute("w:val").value(), "nil");
    const auto cells = foot.select_nodes("w:tr/w:tc");
    ASSERT_EQ(cells.size(), 2u);
    const std::string left = text_of(cells[0].node());
    EXPECT_EQ(left.rfind("Nơi nhận:- UBND huyện Trực Ninh;", 0), 0u) << left;
    EXPECT_NE(left.find("- Lưu: VT."), std::string::npos);
    EXPECT_EQ(text_of(cells[1].node()), "TM. ỦY BAN NHÂN DÂNCHỦ TỊCHNguyễn Minh Khâm");
    // Room for the signature above the name.
    const auto styles = part("word/styles.xml");
    EXPECT_GE(std::stoi(style_value(styles, "RbSignerName", "w:pPr/w:spacing/@w:before")), 1200);
}

TEST_F(SeedDocx, AppendixStartsOnANewPageWithItsTitles) {
    const auto doc = part("word/document.xml");
    const auto styles = part("word/styles.xml");
    EXPECT_TRUE(styles.select_node("//w:style[@w:styleId='RbAppendixNumber']/w:pPr/w:pageBreakBefore"));
    const pugi::xml_node number = paragraph_with(doc, "Phụ lục 2");
    ASSERT_TRUE(number);
    const pugi::xml_node title = number.next_sibling("w:p");
    EXPECT_EQ(style_of(title), "RbAppendixTitle");
    EXPECT_EQ(text_of(title), seed().document.appendix.title);
    const pugi::xml_node subtitle = title.next_sibling("w:p");
    EXPECT_EQ(style_of(subtitle), "RbAppendixSubtitle");
    EXPECT_EQ(text_of(subtitle), "(Kèm theo Báo cáo số 09/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)");
}

TEST_F(SeedDocx, AppendixTableRepeatsItsHeaderAndGroupsColumns) {
    const auto doc = part("word/document.xml");
    const pugi::xml_node table = doc.select_nodes("/w:document/w:body/w:tbl")[2].node();
    const auto& a = seed().document.appendix;
    EXPECT_EQ(table.select_nodes("w:tblGrid/w:gridCol").size(), a.columns.size());
    int width = 0;
    for (const pugi::xpath_node& c : table.select_nodes("w:tblGrid/w:gridCol"))
        width += c.node().attribute("w:w").as_int();
    EXPECT_EQ(width, 11906 - 1701 - 851);
    for (const pugi::xpath_node& b : table.select_nodes("w:tblPr/w:tblBorders/*"))
        EXPECT_STREQ(b.node().attribute("w:val").value(), "single");

    const auto rows = table.select_nodes("w:tr");
    ASSERT_EQ(rows.size(), a.rows.size() + 2);
    // Two header rows, both repeated on every page: "Kết quả thống kê" spans unit and figure,
    // the other headings span both rows.
    for (int r = 0; r < 2; ++r) {
        EXPECT_TRUE(rows[r].node().child("w:trPr").child("w:tblHeader")) << r;
        EXPECT_TRUE(rows[r].node().child("w:trPr").child("w:cantSplit")) << r;
    }
    const auto top = rows[0].node().select_nodes("w:tc");
    ASSERT_EQ(top.size(), 4u);
    EXPECT_EQ(text_of(top[0].node()), "STT");
    EXPECT_STREQ(top[0].node().select_node("w:tcPr/w:vMerge").node().attribute("w:val").value(), "restart");
    EXPECT_EQ(text_of(top[2].node()), "Kết quả thống kê");
    EXPECT_EQ(top[2].node().select_node("w:tcPr/w:gridSpan").node().attribute("w:val").as_int(), 2);
    const auto second = rows[1].node().select_nodes("w:tc");
    ASSERT_EQ(second.size(), 5u);
    EXPECT_TRUE(second[0].node().select_node("w:tcPr/w:vMerge"));
    EXPECT_EQ(text_of(second[2].node()), "Đơn vị tính");
    EXPECT_EQ(text_of(second[3].node()), "Số liệu");
    EXPECT_FALSE(rows[2].node().child("w:trPr").child("w:tblHeader"));

    // Data rows: never split across pages; group and heading rows bold; values right-aligned;
    // computed values shaded light grey and only those.
    const int value_col = a.value_column;
    ASSERT_GE(value_col, 0);
    int computed = 0, bold_rows = 0;
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        const AppendixRow& row = a.rows[i];
        const pugi::xml_node tr = rows[i + 2].node();
        SCOPED_TRACE(row.code);
        EXPECT_TRUE(tr.child("w:trPr").child("w:cantSplit"));
        EXPECT_FALSE(tr.child("w:trPr").child("w:tblHeader"));
        const auto cells = tr.select_nodes("w:tc");
        ASSERT_EQ(cells.size(), a.columns.size());
        const pugi::xml_node value = cells[static_cast<std::size_t>(value_col)].node();
        EXPECT_EQ(text_of(value), row.cells[static_cast<std::size_t>(value_col)]);
        EXPECT_STREQ(value.select_node("w:p/w:pPr/w:jc").node().attribute("w:val").value(), "right");
        const pugi::xml_node shd = value.select_node("w:tcPr/w:shd").node();
        if (row.computed) {
            ++computed;
            EXPECT_STREQ(shd.attribute("w:fill").value(), "F2F2F2");
        } else {
            EXPECT_FALSE(shd);
        }
        const bool bold = tr.select_node(".//w:r/w:rPr/w:b");
        EXPECT_EQ(bold, row.group || row.heading);
        if (bold) ++bold_rows;
        // A group title or heading stays on the page of the row under it, and the last row is
        // never alone on its page: their paragraphs keep with the next (Word keeps the rows).
        const bool keep = (row.group || row.heading) || i + 2 == a.rows.size();
        for (const pugi::xpath_node& p : tr.select_nodes(".//w:p"))
            EXPECT_EQ(static_cast<bool>(p.node().child("w:pPr").child("w:keepNext")), keep && i + 1 < a.rows.size());
        for (const pugi::xpath_node& p : tr.select_nodes(".//w:p"))
            EXPECT_EQ(style_of(p.node()), "RbTableText");
    }
    EXPECT_GT(computed, 5);
    EXPECT_GT(bold_rows, 5);
    // Figures as staff write them.
    EXPECT_TRUE(paragraph_with(doc, "1.034"));
    EXPECT_TRUE(paragraph_with(doc, "16,67%"));
}

TEST_F(SeedDocx, DocumentSymbolsNeverBreakAtTheirHyphen) {
    const auto doc = part("word/document.xml");
    const pugi::xml_node number = paragraph_with(doc, "Số: 09/BC-UBND");
    ASSERT_TRUE(number);
    EXPECT_TRUE(number.select_node(".//w:noBreakHyphen"));
    EXPECT_EQ(number.select_nodes(".//w:t[contains(., '-')]").size(), 0u);
    // In the text too: "02/KH-UBND" holds; an ordinary dash between words stays a '-'.
    int joined = 0;
    for (const pugi::xpath_node& p : doc.select_nodes("//w:p"))
        if (text_of(p.node()).find("02/KH-UBND") != std::string::npos) joined += p.node().select_nodes(".//w:noBreakHyphen").size() > 0;
    EXPECT_GT(joined, 0);
    EXPECT_TRUE(is_symbol_hyphen("BC-UBND", 2));
    EXPECT_TRUE(is_symbol_hyphen("QĐ-UBND", 3));
    EXPECT_FALSE(is_symbol_hyphen("Độc lập - Tự do", 8));
    EXPECT_FALSE(is_symbol_hyphen("- việc", 0));
}

TEST_F(SeedDocx, ATightLineIsSixPointsFromTheNextAsAnyParagraph) {
    // "\n" between two lines of a section: no space after the first, 6 pt before the second.
    const auto doc = part("word/document.xml");
    int tight = 0;
    for (const pugi::xpath_node& x : doc.select_nodes("//w:body/w:p[w:pPr/w:spacing/@w:after='0']")) {
        const pugi::xml_node p = x.node();
        if (style_of(p) != "RbBody" && style_of(p) != "RbList") continue;
        const pugi::xml_node next = p.next_sibling("w:p");
        ASSERT_TRUE(next);
        EXPECT_EQ(std::string(next.select_node("w:pPr/w:spacing/@w:before").attribute().value()), "120")
            << text_of(p);
        ++tight;
    }
    EXPECT_GT(tight, 0);
}

TEST_F(SeedDocx, SectionsStartAtHiddenBookmarks) {
    const auto doc = part("word/document.xml");
    std::set<std::string> names;
    for (const pugi::xpath_node& b : doc.select_nodes("//w:bookmarkStart"))
        names.insert(b.node().attribute("w:name").value());
    for (const auto& [id, text] : seed().report.narrative)
        EXPECT_TRUE(names.count(docx::section_bookmark(id))) << id;
}

TEST_F(SeedDocx, PackageDeclaresEveryPartAndResolvesEveryRelationship) {
    const auto types = part("[Content_Types].xml");
    auto package = docx::PackageReader::open(path_->string());
    ASSERT_TRUE(package);
    for (const pugi::xpath_node& o : types.select_nodes("//Override")) {
        std::string name = o.node().attribute("PartName").value();
        auto p = package->read(name.substr(1));
        ASSERT_TRUE(p);
        EXPECT_TRUE(p->has_value()) << name;
    }
    const auto root_rels = part("_rels/.rels");
    for (const pugi::xpath_node& r : root_rels.select_nodes("//Relationship")) {
        auto p = package->read(r.node().attribute("Target").value());
        EXPECT_TRUE(p && p->has_value()) << r.node().attribute("Target").value();
    }
    const auto doc_rels = part("word/_rels/document.xml.rels");
    for (const pugi::xpath_node& r : doc_rels.select_nodes("//Relationship")) {
        auto p = package->read(std::string("word/") + r.node().attribute("Target").value());
        EXPECT_TRUE(p && p->has_value()) << r.node().attribute("Target").value();
    }
    const auto settings = part("word/settings.xml");
    EXPECT_TRUE(settings.select_node("/w:settings"));
}

TEST_F(SeedDocx, CorePropertiesCarryTitleAndCreator) {
    const auto core = part("docProps/core.xml");
    EXPECT_STREQ(core.select_node("//dc:title").node().text().get(),
                 "BÁO CÁO Kết quả công tác cải cách hành chính Quý I năm 2024");
    EXPECT_STREQ(core.select_node("//dc:creator").node().text().get(), "UBND XÃ PHƯƠNG ĐỊNH");
}

// ------------------------------------------------------------------------------------------
// Documents built by hand
// ------------------------------------------------------------------------------------------

ExportDocument small_document() {
    ExportDocument d;
    d.header.parent_body = "UBND HUYỆN A";
    d.header.issuing_body = "UBND XÃ B";
    d.header.number_line = "Số: 01/BC-UBND";
    d.header.place_date = "B, ngày 05 tháng 01 năm 2026";
    d.header.summary = "Tóm tắt";
    Block h;
    h.kind = Block::Kind::Heading;
    h.text = "I. MỤC";
    h.section_id = "I";
    d.body.push_back(h);
    Block p;
    p.text = "Nội dung.";
    p.section_id = "I";
    d.body.push_back(p);
    d.signature.recipients = {"- Lưu: VT."};
    d.signature.authority = "TM. ỦY BAN NHÂN DÂN";
    d.signature.signer_title = "CHỦ TỊCH";
    d.signature.signer_name = "Người Ký";
    d.appendix.number_line = "Phụ lục 1";
    d.appendix.title = "BIỂU";
    Column stt;
    stt.kind = ColumnKind::Stt;
    stt.heading.vi = "STT";
    Column value;
    value.kind = ColumnKind::Value;
    value.heading.vi = "Số liệu";
    d.appendix.columns = {stt, value};
    d.appendix.value_column = 1;
    AppendixRow row;
    row.cells = {"1", "5"};
    d.appendix.rows = {row};
    return d;
}

TEST(DocxWriter, TextXmlCannotCarryDoesNotBreakTheFile) {
    ExportDocument d = small_document();
    d.header.summary = "Tóm\x01tắt \x0B<&> \xFF \xEF\xBF\xBE]]>";
    d.body[1].text = "Nội\x02 dung\tcó tab <b>&amp;</b>";
    d.appendix.rows[0].cells[1] =
        "1\x1F"
        "2";
    d.signature.signer_name = "Người\x7F Ký";
    const fs::path path = output_dir("hostile-text") / "hostile.docx";
    const rb::Status written = write_docx(seed(), d, path);
    ASSERT_TRUE(written) << written.error();
    for (const char* name : {"word/document.xml", "docProps/core.xml", "word/styles.xml"}) {
        const auto doc = read_part(path, name);
        EXPECT_TRUE(doc.document_element()) << name;
    }
    const auto doc = read_part(path, "word/document.xml");
    EXPECT_TRUE(paragraph_with(doc, "Tómtắt <&> \xEF\xBF\xBD ]]>"));
    EXPECT_TRUE(paragraph_with(doc, "12"));
    const pugi::xml_node p = paragraph_with(doc, "Nội dungcó tab <b>&amp;</b>");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p.select_node(".//w:tab"));
    const auto core = read_part(path, "docProps/core.xml");
    EXPECT_STREQ(core.select_node("//dc:title").node().text().get(), "BÁO CÁO Tómtắt <&> \xEF\xBF\xBD ]]>");
}

TEST(DocxWriter, ExtraBlankLinesBecomeEmptyParagraphs) {
    ExportDocument d = small_document();
    Block second;
    second.text = "Sau hai dòng trống.";
    second.section_id = "I";
    second.blank_lines_before = 2;
    d.body.push_back(second);
    const fs::path path = output_dir("blank-lines") / "blank.docx";
    ASSERT_TRUE(write_docx(seed(), d, path));
    const auto doc = read_part(path, "word/document.xml");
    const pugi::xml_node first = paragraph_with(doc, "Nội dung.");
    ASSERT_TRUE(first);
    EXPECT_FALSE(first.child("w:pPr").child("w:spacing"));  // a blank line follows: normal spacing
    const pugi::xml_node empty = first.next_sibling("w:p");
    EXPECT_EQ(text_of(empty), "");
    EXPECT_EQ(text_of(empty.next_sibling("w:p")), "Sau hai dòng trống.");
}

TEST(DocxWriter, JustificationsArePrintedOnlyWhenTheProfileAsks) {
    ExportDocument d = small_document();
    d.justifications.push_back({"rule-x", "Tỷ lệ thấp hơn kỳ trước.", "Do nghỉ Tết."});
    const fs::path dir = output_dir("justifications");
    ASSERT_TRUE(write_docx(seed(), d, dir / "without.docx"));
    EXPECT_FALSE(paragraph_with(read_part(dir / "without.docx", "word/document.xml"),
                                "Giải trình các cảnh báo đã chấp nhận"));
    d.print_justifications = true;
    ASSERT_TRUE(write_docx(seed(), d, dir / "with.docx"));
    const auto doc = read_part(dir / "with.docx", "word/document.xml");
    const pugi::xml_node heading = paragraph_with(doc, "Giải trình các cảnh báo đã chấp nhận");
    ASSERT_TRUE(heading);
    // After the appendix table.
    EXPECT_STREQ(heading.previous_sibling().name(), "w:tbl");
    EXPECT_TRUE(paragraph_with(doc, "- Tỷ lệ thấp hơn kỳ trước. Giải trình: Do nghỉ Tết."));
}

TEST(DocxWriter, OneHeaderRowWhenNoColumnHasAGroup) {
    const fs::path path = output_dir("one-header-row") / "plain.docx";
    ASSERT_TRUE(write_docx(seed(), small_document(), path));
    const auto doc = read_part(path, "word/document.xml");
    const pugi::xml_node table = doc.select_nodes("/w:document/w:body/w:tbl")[2].node();
    const auto rows = table.select_nodes("w:tr");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[0].node().child("w:trPr").child("w:tblHeader"));
    EXPECT_FALSE(table.select_node(".//w:vMerge"));
}

TEST(DocxWriter, ProgressGoesForwardToTheEnd) {
    std::vector<double> fractions;
    std::vector<std::string> stages;
    const fs::path path = output_dir("progress") / "p.docx";
    const ExportInput in{seed().report, seed().evaluation, seed().findings, seed().profile, seed().document};
    const rb::Status written =
        make_docx_exporter()->write(in, path.string(), [&](double f, const std::string& s) {
            fractions.push_back(f);
            stages.push_back(s);
        });
    ASSERT_TRUE(written) << written.error();
    ASSERT_GE(fractions.size(), 3u);
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    for (const auto& s : stages) EXPECT_FALSE(s.empty());
}

TEST(DocxWriter, UnwritablePathFailsNamingIt) {
    const fs::path dir = output_dir("unwritable");
    const fs::path path = dir / "no-such-folder" / "x.docx";
    const rb::Status written = write_docx(seed(), small_document(), path);
    ASSERT_FALSE(written);
    EXPECT_NE(written.error().find(path.string()), std::string::npos) << written.error();
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(DocxWriter, IdentifiesItselfAsDocx) {
    const auto e = make_docx_exporter();
    EXPECT_EQ(e->id(), "docx");
    EXPECT_EQ(e->extension(), "docx");
    EXPECT_EQ(e->label().vi, "Văn bản Word (DOCX)");
    EXPECT_EQ(e->label().en, "Word document (DOCX)");
}

}  // namespace

namespace {

// The 2025 editions' header: "ỦY BAN NHÂN DÂN XÃ HẢI HẬU" in a 6 cm column used to wrap as
// "ỦY BAN NHÂN DÂN XÃ / HẢI HẬU"; the body's kind now takes its own line.
TEST(DocxHeader, TheIssuingBodyNeverSplitsTheUnitsName) {
    EXPECT_EQ(header_body_lines("ỦY BAN NHÂN DÂN XÃ HẢI HẬU"), "ỦY BAN NHÂN DÂN\nXÃ HẢI HẬU");
    EXPECT_EQ(header_body_lines("Ủy ban nhân dân phường Đông Thành"), "Ủy ban nhân dân\nphường Đông Thành");
    EXPECT_EQ(header_body_lines("UBND XÃ PHƯƠNG ĐỊNH"), "UBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(header_body_lines("ỦY BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");

    ExportDocument d = seed().document;
    d.header.issuing_body = "ỦY BAN NHÂN DÂN XÃ HẢI HẬU";
    d.header.parent_body.clear();
    const auto path = output_dir("header-2025") / "hai-hau.docx";
    const rb::Status written = write_docx(seed(), d, path);
    ASSERT_TRUE(written) << written.error();
    const auto doc = read_part(path, "word/document.xml");
    const pugi::xml_node p = doc.select_node("//w:p[w:pPr/w:pStyle/@w:val='RbIssuingBody']").node();
    ASSERT_TRUE(p);
    pugi::xpath_node_set parts = p.select_nodes(".//w:t | .//w:br");
    parts.sort();
    std::string lines;
    for (const auto& x : parts) lines += std::string_view(x.node().name()) == "w:br" ? "|" : x.node().text().get();
    EXPECT_EQ(lines, "ỦY BAN NHÂN DÂN|XÃ HẢI HẬU");
}

}  // namespace
