#include "report/unit_profile.hpp"

#include "base/file_io.hpp"
#include "i18n/i18n.hpp"
#include <sstream>

#include "xml/xml.hpp"

namespace rb::report {

Result<UnitProfile> load_unit_profile(const std::string& path) {
    using R = Result<UnitProfile>;
    auto text = files::read(path, 1u << 20);
    if (!text) return R::fail(text.error());
    if (auto issues = xml::validate(*text, "unitprofile.xsd", path); !issues.empty()) {
        std::string msg;
        for (const auto& i : issues) msg += (msg.empty() ? "" : "\n") + i.to_string();
        return R::fail(msg);
    }
    pugi::xml_document doc;
    if (auto ok = xml::parse(*text, path, doc); !ok) return R::fail(ok.error());
    const auto root = doc.document_element();
    UnitProfile p;
    p.unit.name = root.child("name").text().get();
    p.unit.code = root.child("name").attribute("code").value();
    if (auto k = root.child("kind")) p.unit.kind = k.text().get();
    p.unit.parent = root.child("parent").text().get();
    p.unit.parent_kind = root.child("parent").attribute("kind").value();
    p.unit.province = root.child("province").text().get();
    for (auto f : root.children("formerName")) p.unit.former_names.emplace_back(f.text().get());
    p.place = root.child("place").text().get();
    p.signer_name = root.child("signer").text().get();
    p.signer_title = root.child("signer").attribute("title").value();
    p.signing_authority = root.child("signer").attribute("authority").value();
    for (auto r : root.children("recipient")) p.recipients.emplace_back(r.text().get());
    return R::ok(std::move(p));
}

std::string unit_profile_to_xml(const UnitProfile& p) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("unitProfile");
    root.append_attribute("xmlns") = "urn:reportbench:unit:1";
    auto name = root.append_child("name");
    name.text() = p.unit.name.c_str();
    if (!p.unit.code.empty()) name.append_attribute("code") = p.unit.code.c_str();
    root.append_child("kind").text() = p.unit.kind.c_str();
    if (!p.unit.parent.empty()) {
        auto parent = root.append_child("parent");
        parent.text() = p.unit.parent.c_str();
        if (!p.unit.parent_kind.empty()) parent.append_attribute("kind") = p.unit.parent_kind.c_str();
    }
    if (!p.unit.province.empty()) root.append_child("province").text() = p.unit.province.c_str();
    for (const auto& f : p.unit.former_names) root.append_child("formerName").text() = f.c_str();
    if (!p.place.empty()) root.append_child("place").text() = p.place.c_str();
    if (!p.signer_name.empty()) {
        auto s = root.append_child("signer");
        s.text() = p.signer_name.c_str();
        if (!p.signer_title.empty()) s.append_attribute("title") = p.signer_title.c_str();
        if (!p.signing_authority.empty()) s.append_attribute("authority") = p.signing_authority.c_str();
    }
    for (const auto& r : p.recipients) root.append_child("recipient").text() = r.c_str();
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

void apply_unit_profile(Report& r, const UnitProfile& p) {
    if (!p.place.empty()) r.header.place = p.place;
    if (!p.signer_name.empty()) r.header.signer_name = p.signer_name;
    if (!p.signer_title.empty()) r.header.signer_title = p.signer_title;
    if (!p.signing_authority.empty()) r.header.signing_authority = p.signing_authority;
    if (!p.recipients.empty()) r.header.recipients = p.recipients;
}

}  // namespace rb::report
