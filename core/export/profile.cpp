#include "export/profile.hpp"

#include <algorithm>

#include "base/file_io.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

schema::LocalText local_text(const pugi::xml_node& parent, const char* name) {
    schema::LocalText t;
    for (auto n : parent.children(name)) {
        const std::string lang = n.attribute("lang").as_string("vi");
        (lang == "en" ? t.en : t.vi) = n.text().get();
    }
    return t;
}

std::vector<std::string> split_words(const char* text) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = text; *p; ++p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
        } else {
            cur += *p;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

Result<ColumnKind> column_kind(std::string_view s) {
    for (auto k : {ColumnKind::Stt, ColumnKind::Label, ColumnKind::Unit, ColumnKind::Value,
                   ColumnKind::Note, ColumnKind::Code})
        if (s == to_string(k)) return Result<ColumnKind>::ok(k);
    return Result<ColumnKind>::fail(trf("loại cột không biết: “{}”", s));
}

std::vector<Column> default_columns() {
    auto col = [](ColumnKind k, const char* vi, const char* en, double w, const char* gvi = "",
                  const char* gen = "") {
        Column c;
        c.kind = k;
        c.heading = {vi, en};
        c.group = {gvi, gen};
        c.width_mm = w;
        return c;
    };
    return {col(ColumnKind::Stt, "STT", "No.", 12),
            col(ColumnKind::Label, "Chỉ tiêu thống kê", "Indicator", 90),
            col(ColumnKind::Unit, "Đơn vị tính", "Unit", 25, "Kết quả thống kê", "Result"),
            col(ColumnKind::Value, "Số liệu", "Figure", 25, "Kết quả thống kê", "Result"),
            col(ColumnKind::Note, "Ghi chú", "Note", 25)};
}

}  // namespace

const char* to_string(ColumnKind k) {
    switch (k) {
        case ColumnKind::Stt: return "stt";
        case ColumnKind::Label: return "label";
        case ColumnKind::Unit: return "unit";
        case ColumnKind::Value: return "value";
        case ColumnKind::Note: return "note";
        case ColumnKind::Code: return "code";
    }
    return "value";
}

bool RecipientProfile::fits(const schema::ReportType& type) const {
    if (type.id != type_id) return false;
    return editions.empty() ||
           std::find(editions.begin(), editions.end(), type.edition) != editions.end();
}

bool RecipientProfile::offers(std::string_view format) const {
    return formats.empty() || std::find(formats.begin(), formats.end(), format) != formats.end();
}

Result<RecipientProfile> parse_profile(std::string_view text, const std::string& file_label) {
    using R = Result<RecipientProfile>;
    if (auto issues = xml::validate(text, "profile.xsd", file_label); !issues.empty()) {
        std::string msg;
        for (const auto& i : issues) msg += (msg.empty() ? "" : "\n") + i.to_string();
        return R::fail(msg);
    }
    pugi::xml_document doc;
    if (auto ok = xml::parse(text, file_label, doc); !ok) return R::fail(ok.error());
    const xml::LineIndex lines(text);
    auto at = [&](const pugi::xml_node& n, const std::string& msg) {
        const auto w = lines.at(n);
        return xml::Issue{file_label, w, msg}.to_string();
    };

    const auto root = doc.document_element();
    RecipientProfile p;
    p.source_file = file_label;
    p.where = lines.at(root);
    p.id = root.attribute("id").value();
    p.type_id = root.attribute("type").value();
    p.editions = split_words(root.attribute("editions").value());
    p.title = local_text(root, "title");
    p.recipient = root.child("recipient").text().get();
    p.formats = split_words(root.child("formats").text().get());
    if (auto f = root.child("fileName")) p.file_name = f.text().get();
    if (auto h = root.child("header")) {
        p.parent_body = h.child("parentBody").text().get();
        p.issuing_body = h.child("issuingBody").text().get();
    }
    if (auto d = root.child("document")) {
        p.include_narrative = d.attribute("narrative").as_bool(true);
        p.print_justifications = d.attribute("justifications").as_bool(false);
    }
    const auto a = root.child("appendix");
    p.include_supplementary = a.attribute("supplementary").as_bool(true);
    p.appendix_number = a.child("number").text().get();
    p.appendix_title = local_text(a, "title");
    p.appendix_subtitle = a.child("subtitle").text().get();
    if (auto s = a.child("sheet")) {
        if (auto n = s.attribute("name")) p.sheet.name = n.value();
        p.sheet.first_row = s.attribute("firstRow").as_int(0);
    }
    if (auto cols = a.child("columns")) {
        int values = 0;
        for (auto c : cols.children("column")) {
            auto kind = column_kind(c.attribute("kind").value());
            if (!kind) return R::fail(at(c, kind.error()));
            Column col;
            col.kind = *kind;
            col.heading = local_text(c, "heading");
            col.group = local_text(c, "group");
            col.width_mm = c.attribute("width").as_double(0);
            if (col.width_mm < 0 || col.width_mm > 300)
                return R::fail(at(c, tr("độ rộng cột phải từ 0 đến 300 mm")));
            if (col.kind == ColumnKind::Value) ++values;
            p.columns.push_back(std::move(col));
        }
        if (values != 1) return R::fail(at(cols, tr("bảng phụ lục phải có đúng một cột số liệu (kind=\"value\")")));
    } else {
        p.columns = default_columns();
    }
    if (auto rows = a.child("rows")) {
        for (auto r : rows.children()) {
            ProfileRow row;
            row.stt = r.attribute("stt").value();
            row.label = local_text(r, "label");
            row.where = lines.at(r);
            if (std::string_view(r.name()) == "row") {
                row.code = r.attribute("code").value();
                row.cell = r.attribute("cell").value();
                if (row.code.empty()) return R::fail(at(r, tr("dòng thiếu mã chỉ tiêu (code)")));
            }
            p.rows.push_back(std::move(row));
        }
    }
    return R::ok(std::move(p));
}

Result<RecipientProfile> load_profile(const std::string& path) {
    auto text = files::read(path, 4u << 20);
    if (!text) return Result<RecipientProfile>::fail(text.error());
    return parse_profile(*text, path);
}

std::vector<std::string> check_profile(const RecipientProfile& p, const schema::ReportType& type) {
    std::vector<std::string> out;
    auto at = [&](const xml::Location& where, const std::string& message) {
        out.push_back(xml::Issue{p.source_file, where, message}.to_string());
    };
    if (p.type_id != type.id) {
        at(p.where, trf("hồ sơ “{}” dành cho loại báo cáo “{}”, không phải “{}”", p.id, p.type_id, type.id));
        return out;
    }
    std::vector<std::string> seen, codes;
    for (const auto& ind : type.indicators) codes.push_back(ind.code);
    for (const auto& row : p.rows) {
        if (row.code.empty()) continue;
        if (!type.indicator(row.code) && !type.group(row.code)) {
            const std::string best = locale::closest_match(row.code, codes);
            at(row.where, trf("hồ sơ “{}” nêu chỉ tiêu “{}” mà mẫu {} không có{}", p.id, row.code, type.edition,
                              best.empty() ? std::string() : trf(" (có phải “{}”?)", best)));
        } else if (std::find(seen.begin(), seen.end(), row.code) != seen.end()) {
            at(row.where, trf("hồ sơ “{}” nêu chỉ tiêu “{}” hai lần", p.id, row.code));
        }
        seen.push_back(row.code);
    }
    return out;
}

std::vector<std::string> check_profile(const RecipientProfile& p, const std::vector<schema::ReportTypePtr>& types) {
    std::vector<std::string> out, ids, editions;
    for (const auto& t : types) {
        if (std::find(ids.begin(), ids.end(), t->id) == ids.end()) ids.push_back(t->id);
        if (t->id == p.type_id) editions.push_back(t->edition);
    }
    auto at = [&](const std::string& message) {
        out.push_back(xml::Issue{p.source_file, p.where, message}.to_string());
    };
    if (editions.empty()) {
        const std::string best = locale::closest_match(p.type_id, ids);
        at(trf("hồ sơ “{}” dành cho loại báo cáo “{}”, nhưng không có loại báo cáo nào như vậy được cài{}", p.id,
               p.type_id, best.empty() ? std::string() : trf(" (có phải “{}”?)", best)));
        return out;
    }
    for (const auto& e : p.editions)
        if (std::find(editions.begin(), editions.end(), e) == editions.end()) {
            const std::string best = locale::closest_match(e, editions);
            at(trf("hồ sơ “{}” nêu ấn bản “{}” mà loại báo cáo {} không có{}", p.id, e, p.type_id,
                   best.empty() ? std::string() : trf(" (có phải “{}”?)", best)));
        }
    for (const auto& t : types)
        if (p.fits(*t))
            for (auto& m : check_profile(p, *t)) out.push_back(std::move(m));
    return out;
}

RecipientProfile default_profile(const schema::ReportType& type) {
    RecipientProfile p;
    p.id = "";
    p.type_id = type.id;
    p.title = {"Mẫu của định nghĩa báo cáo", "The definition's own layout"};
    p.columns = default_columns();
    return p;
}

}  // namespace rb::exporting
