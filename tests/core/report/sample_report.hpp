#pragma once
// A report with every field set to something a careless writer or reader would get wrong:
// Vietnamese diacritics, XML specials, leading bullets, blank lines, CR LF, edge whitespace.
#include <string>

#include "report/report.hpp"

namespace rb::report::samples {

inline Report sample_report() {
    Report r;
    r.type_id = "cchc";
    r.type_version = "1.2";
    r.edition = "nam-dinh-2024";
    r.period = *Period::parse("2024-Q1");
    r.window_from = {2023, 12, 15};
    r.window_to = {2024, 3, 7};
    r.unit = {"Phương Định", "xã", "Trực Ninh", "huyện", "Nam Định", {"Xã Trực Định", "Phương Định cũ"}, ""};
    r.header.parent_body = "UBND HUYỆN TRỰC NINH";
    r.header.issuing_body = "UBND XÃ PHƯƠNG ĐỊNH";
    r.header.number = "09";
    r.header.symbol = "BC-UBND";
    r.header.place = "Phương Định";
    r.header.date = SimpleDate{2024, 3, 8};
    r.header.summary = "Kết quả công tác cải cách hành chính Quý I năm 2024";
    r.header.signing_authority = "KT. CHỦ TỊCH";
    r.header.signer_title = "PHÓ CHỦ TỊCH";
    r.header.signer_name = "Trần Thị Bình";
    r.header.recipients = {"UBND huyện Trực Ninh", "Phòng Nội vụ huyện", "Lưu: VT"};
    r.values["I.1"] = {"12", ""};
    r.values["I.2"] = {"16.67", "Lũy kế đến thời điểm báo cáo"};
    r.values["II.3.1"] = {"1", ""};
    r.values["IV.1"] = {"0", "Không có"};
    r.values["V.2.4.1"] = {"1034", "note with \"quotes\" & <angle> 'apos'\nsecond line\ttab"};
    r.values["X.free"] = {"  two\nlines, leading blanks  ", ""};
    r.values["Z.date"] = {"2024-03-08", ""};
    r.values["Z.empty"] = {"", "only a note"};
    r.narrative["I.1"] =
        "Căn cứ Kế hoạch số 02/KH-UBND ngày 09/01/2024 của UBND huyện Trục Ninh.\n\n"
        "- + Kế hoạch kiểm soát thủ tục hành chính năm 2024;\n"
        "- + Kế hoạch công tác Tư pháp;";
    r.narrative["II.2"] =
        "- leading bullet\n\n\n  indented after two blank lines ]]> & < > \r\nCRLF line\r\n";
    r.narrative["III"] = " ";
    r.narrative["IV"] = "";
    r.justifications = {{"R-ontime", "Hồ sơ trả trong ngày được tính là đúng hạn.", "2024-03-08"},
                        {"R-sum", "Số liệu theo phần mềm một cửa", ""}};
    r.status = Status::Complete;
    r.amendment = 2;
    r.amends = "bc-cchc-2024-Q1-sua-doi-1.rbr";
    r.created = "2024-03-01T08:00:00Z";
    r.modified = "2024-03-08T10:15:30Z";
    r.preserved_xml = {"<note xmlns:x=\"urn:example:other\" x:kind=\"a\"><x:item>kept</x:item></note>"};
    return r;
}

}  // namespace rb::report::samples
