#include "export/xlsx/xlsx_import.hpp"

#include <zip.h>

#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "export/xlsx/layout.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"
#include "validate/evaluation.hpp"
#include "xml/xml.hpp"

namespace rb::exporting {
namespace {

namespace L = xlsx_layout;
using schema::ValueType;

// Element and attribute names without their prefix: producers differ ("x:c", "c").
std::string_view local(const char* name) {
    std::string_view n = name;
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
    for (auto c : parent.children())
        if (c.type() == pugi::node_element && local(c.name()) == name) return c;
    return {};
}

template <class F>
void each_child(const pugi::xml_node& parent, std::string_view name, F&& f) {
    for (auto c : parent.children())
        if (c.type() == pugi::node_element && local(c.name()) == name) f(c);
}

// The text of <t> elements under `n`, skipping phonetic runs (<rPh>).
void collect_text(const pugi::xml_node& n, std::string& out) {
    for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        const auto name = local(c.name());
        if (name == "rPh") continue;
        if (name == "t") out += c.text().get();
        else collect_text(c, out);
    }
}

// ---------------------------------------------------------------------------------------------
// The package: parts read with a cap on what they inflate to, counted as they are read (the
// sizes a zip declares may lie).

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class Package {
public:
    static Result<Package> open(const std::string& path) {
        int code = 0;
        zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
        if (!z) {
            if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
                return Result<Package>::fail(trf("{}: không phải tệp Excel (XLSX); tệp XLSX là một tệp nén zip", path));
            zip_error_t err;
            zip_error_init_with_code(&err, code);
            std::string msg = trf("Không mở được tệp {}: {}", path, zip_error_strerror(&err));
            zip_error_fini(&err);
            return Result<Package>::fail(msg);
        }
        Package p;
        p.zip_.reset(z);
        p.path_ = path;
        return Result<Package>::ok(std::move(p));
    }

    bool has(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }

    Result<std::string> read(const std::string& name) {
        using R = Result<std::string>;
        std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen(zip_.get(), name.c_str(), 0));
        if (!f) return R::fail(trf("{}: thiếu phần {} của tệp XLSX", path_, name));
        std::string out;
        char buf[1 << 16];
        for (;;) {
            const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
            if (n < 0) return R::fail(trf("{}: phần {} bị hỏng, không giải nén được", path_, name));
            if (n == 0) break;
            out.append(buf, static_cast<std::size_t>(n));
            total_ += static_cast<std::size_t>(n);
            if (out.size() > kMaxXlsxPartBytes || total_ > kMaxXlsxTotalBytes)
                return R::fail(trf("{}: phần {} giải nén ra quá lớn (quá {} MB); tệp bị hỏng hoặc cố ý gây hại",
                                   path_, name, (out.size() > kMaxXlsxPartBytes ? kMaxXlsxPartBytes : kMaxXlsxTotalBytes) >> 20));
        }
        return R::ok(std::move(out));
    }

    Status parse(const std::string& name, pugi::xml_document& doc) {
        auto text = read(name);
        if (!text) return Status::fail(text.error());
        return xml::parse(*text, path_ + ": " + name, doc);
    }

    const std::string& path() const { return path_; }

private:
    std::unique_ptr<zip_t, ZipCloser> zip_;
    std::string path_;
    std::size_t total_ = 0;
};

// "worksheets/sheet1.xml" relative to "xl/" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute.
std::optional<std::string> resolve(const std::string& base_dir, std::string_view target) {
    std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                   : base_dir + std::string(target);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= joined.size()) {
        std::size_t end = joined.find('/', start);
        if (end == std::string::npos) end = joined.size();
        const std::string seg = joined.substr(start, end - start);
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;  // outside the package
            parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string dir_of(const std::string& part) {
    const auto slash = part.rfind('/');
    return slash == std::string::npos ? std::string{} : part.substr(0, slash + 1);
}

struct Relationship {
    std::string type, target;
};

Result<std::map<std::string, Relationship>> relationships(Package& pkg, const std::string& part) {
    using R = Result<std::map<std::string, Relationship>>;
    const std::string rels = dir_of(part) + "_rels/" + part.substr(dir_of(part).size()) + ".rels";
    std::map<std::string, Relationship> out;
    if (!pkg.has(rels)) return R::ok(std::move(out));
    pugi::xml_document doc;
    if (auto ok = pkg.parse(rels, doc); !ok) return R::fail(ok.error());
    each_child(doc.document_element(), "Relationship", [&](const pugi::xml_node& r) {
        out[r.attribute("Id").value()] = {r.attribute("Type").value(), r.attribute("Target").value()};
    });
    return R::ok(std::move(out));
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A number format shows a percent when it has '%' outside quotes, brackets and escapes.
bool is_percent_format(std::string_view code) {
    bool quoted = false;
    int bracket = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) { quoted = c != '"'; continue; }
        if (c == '"') quoted = true;
        else if (c == '\\') ++i;
        else if (c == '[') ++bracket;
        else if (c == ']' && bracket > 0) --bracket;
        else if (c == '%' && bracket == 0) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Cells

struct CellData {
    enum class Kind { Empty, Number, Text, Error } kind = Kind::Empty;
    double number = 0;
    std::string text;
    bool percent = false;  // the cell's format shows a percent
};

struct Workbook {
    std::string sheet_name;
    bool found_by_name = false;
    std::string sheet_part;
    std::vector<std::string> strings;
    std::vector<bool> xf_percent;
};

Result<Workbook> open_workbook(Package& pkg, const std::string& wanted_sheet) {
    using R = Result<Workbook>;
    Workbook wb;
    // The main part, from the package relationships (xl/workbook.xml in practice).
    std::string main = "xl/workbook.xml";
    if (pkg.has("_rels/.rels")) {
        pugi::xml_document rels;
        if (auto ok = pkg.parse("_rels/.rels", rels); !ok) return R::fail(ok.error());
        each_child(rels.document_element(), "Relationship", [&](const pugi::xml_node& r) {
            if (ends_with(r.attribute("Type").value(), "/officeDocument"))
                if (auto p = resolve("", r.attribute("Target").value())) main = *p;
        });
    }
    pugi::xml_document book;
    if (auto ok = pkg.parse(main, book); !ok) return R::fail(ok.error());
    auto rels = relationships(pkg, main);
    if (!rels) return R::fail(rels.error());

    struct Sheet {
        std::string name, rid;
    };
    std::vector<Sheet> sheets;
    each_child(child(book.document_element(), "sheets"), "sheet", [&](const pugi::xml_node& s) {
        Sheet sh{s.attribute("name").value(), {}};
        for (auto a : s.attributes())
            if (local(a.name()) == "id" && std::string_view(a.name()) != "sheetId") sh.rid = a.value();
        sheets.push_back(std::move(sh));
    });
    if (sheets.empty()) return R::fail(trf("{}: bảng tính không có trang tính nào", pkg.path()));
    const Sheet* pick = nullptr;
    for (const auto& s : sheets)
        if (s.name == wanted_sheet) pick = &s;
    if (!pick)
        for (const auto& s : sheets)
            if (locale::fold_case(s.name) == locale::fold_case(wanted_sheet)) pick = &s;
    wb.found_by_name = pick != nullptr;
    if (!pick) pick = &sheets.front();
    wb.sheet_name = pick->name;
    const auto rel = rels->find(pick->rid);
    if (rel == rels->end())
        return R::fail(trf("{}: trang tính “{}” không trỏ tới phần nào của tệp", pkg.path(), pick->name));
    auto part = resolve(dir_of(main), rel->second.target);
    if (!part) return R::fail(trf("{}: trang tính “{}” trỏ ra ngoài tệp", pkg.path(), pick->name));
    wb.sheet_part = *part;

    for (const auto& [id, r] : *rels) {
        auto target = resolve(dir_of(main), r.target);
        if (!target) continue;
        if (ends_with(r.type, "/sharedStrings")) {
            pugi::xml_document sst;
            if (auto ok = pkg.parse(*target, sst); !ok) return R::fail(ok.error());
            each_child(sst.document_element(), "si", [&](const pugi::xml_node& si) {
                std::string s;
                collect_text(si, s);
                wb.strings.push_back(std::move(s));
            });
        } else if (ends_with(r.type, "/styles")) {
            pugi::xml_document styles;
            if (auto ok = pkg.parse(*target, styles); !ok) return R::fail(ok.error());
            std::map<long, bool> custom;
            each_child(child(styles.document_element(), "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
                custom[f.attribute("numFmtId").as_llong(-1)] = is_percent_format(f.attribute("formatCode").value());
            });
            each_child(child(styles.document_element(), "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
                const long id = xf.attribute("numFmtId").as_llong(0);
                const auto it = custom.find(id);
                wb.xf_percent.push_back(it != custom.end() ? it->second : (id == 9 || id == 10));
            });
        }
    }
    return R::ok(std::move(wb));
}

struct CellKey {
    int row = 0, column = 0;
    auto operator<=>(const CellKey&) const = default;
};

// Reads the cells in `wanted` from the sheet; the others are skipped.
Result<std::map<CellKey, CellData>> read_cells(Package& pkg, const Workbook& wb, const std::set<CellKey>& wanted) {
    using R = Result<std::map<CellKey, CellData>>;
    pugi::xml_document sheet;
    if (auto ok = pkg.parse(wb.sheet_part, sheet); !ok) return R::fail(ok.error());
    const std::string where = pkg.path() + ": " + wb.sheet_part;
    std::map<CellKey, CellData> out;
    int row = 0;
    for (auto r : child(sheet.document_element(), "sheetData").children()) {
        if (r.type() != pugi::node_element || local(r.name()) != "row") continue;
        row = r.attribute("r") ? r.attribute("r").as_int(0) : row + 1;
        if (row < 1 || row > L::kMaxRow)
            return R::fail(trf("{}: dòng “{}” nằm ngoài phạm vi bảng tính", where, r.attribute("r").value()));
        int column = -1;
        for (auto c : r.children()) {
            if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
            int cr = row, cc = column + 1;
            if (auto ref = c.attribute("r")) {
                if (!L::parse_cell(ref.value(), cr, cc))
                    return R::fail(trf("{}: ô “{}” không hợp lệ hoặc nằm ngoài phạm vi bảng tính", where, ref.value()));
            }
            if (cc >= L::kMaxColumn)
                return R::fail(trf("{}: dòng {} có nhiều cột hơn giới hạn của bảng tính", where, row));
            column = cc;
            if (!wanted.count({cr, cc})) continue;
            CellData d;
            const std::string_view t = c.attribute("t").value();
            const std::size_t style = c.attribute("s").as_uint(0);
            d.percent = style < wb.xf_percent.size() && wb.xf_percent[style];
            const pugi::xml_node v = child(c, "v");
            const std::string vt = v.text().get();
            if (t == "s") {
                if (!v) {
                    // no value: an empty cell
                } else {
                    char* end = nullptr;
                    const unsigned long long idx = std::strtoull(vt.c_str(), &end, 10);
                    if (vt.empty() || *end || idx >= wb.strings.size()) {
                        d.kind = CellData::Kind::Error;
                        d.text = trf("chuỗi dùng chung số {} không có trong tệp", vt);
                    } else {
                        d.kind = CellData::Kind::Text;
                        d.text = wb.strings[idx];
                    }
                }
            } else if (t == "inlineStr") {
                d.kind = CellData::Kind::Text;
                collect_text(child(c, "is"), d.text);
            } else if (t == "str" || t == "d") {
                d.kind = CellData::Kind::Text;
                d.text = vt;
            } else if (t == "e") {
                d.kind = CellData::Kind::Error;
                d.text = trf("ô chứa lỗi {}", vt);
            } else if (v) {
                double n = 0;
                const auto [ptr, ec] = std::from_chars(vt.data(), vt.data() + vt.size(), n);
                if (ec != std::errc() || ptr != vt.data() + vt.size() || !std::isfinite(n)) {
                    d.kind = CellData::Kind::Error;
                    d.text = trf("số không đọc được “{}”", vt);
                } else {
                    d.kind = CellData::Kind::Number;
                    d.number = n;
                }
            }
            if (d.kind == CellData::Kind::Text && d.text.empty()) d.kind = CellData::Kind::Empty;
            out[{cr, cc}] = std::move(d);
        }
    }
    return R::ok(std::move(out));
}

// 15 significant digits: what a spreadsheet shows, without binary noise (0.1667 * 100).
double clean(double v) {
    const std::string s = fmt::format("{:.15g}", v);
    double out = v;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return out;
}

std::string canonical_number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

std::string shown(const CellData& d) {
    switch (d.kind) {
        case CellData::Kind::Number: return canonical_number(d.number);
        case CellData::Kind::Empty: return {};
        default: return d.text;
    }
}

// The canonical value of an entered indicator from its cell, or the reason it has none.
Result<std::string> entered_value(const schema::Indicator& ind, const CellData& d) {
    using R = Result<std::string>;
    switch (d.kind) {
        case CellData::Kind::Empty: return R::ok("");
        case CellData::Kind::Error: return R::fail(d.text);
        case CellData::Kind::Text: {
            auto v = report::canonical_value(ind, d.text);
            if (!v) return R::fail(v.error());
            return v;
        }
        case CellData::Kind::Number: break;
    }
    double n = d.number;
    if (ind.type == ValueType::Date) {
        // A date cell: days since 1899-12-30 (the 1900 date system, past its leap-year bug).
        if (n < 61 || n > 2958465 || n != std::floor(n))
            return R::fail(trf("{}: {} không phải một ngày", ind.code, canonical_number(n)));
        return R::ok(locale::format_date_iso(locale::add_days({1899, 12, 30}, static_cast<int>(n))));
    }
    if (ind.type == ValueType::Text) return R::ok(canonical_number(n));
    if (ind.type == ValueType::Percent && d.percent) n *= 100.0;
    const std::string canonical = canonical_number(clean(n));
    if (auto ok = report::check_stored_value(ind, canonical); !ok) return R::fail(ok.error());
    return R::ok(canonical);
}

// A computed row as the sheet shows it, as staff would print it.
std::string computed_display(const schema::Indicator& ind, const CellData& d) {
    if (d.kind == CellData::Kind::Number) {
        const double n = ind.type == ValueType::Percent && d.percent ? d.number * 100.0 : d.number;
        return validate::display_value(ind, expr::Value::of(clean(n)));
    }
    std::string t = d.kind == CellData::Kind::Empty ? std::string{} : d.text;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    return t;
}

}  // namespace

Result<SheetImport> import_appendix_xlsx(const std::string& path, const RecipientProfile& profile,
                                         const schema::ReportType& type) {
    using R = Result<SheetImport>;
    auto pkg = Package::open(path);
    if (!pkg) return R::fail(pkg.error());
    auto wb = open_workbook(*pkg, profile.sheet.name);
    if (!wb) return R::fail(wb.error());

    // Our own export is read by our layout, whatever cells the profile names.
    bool ours = false;
    if (pkg->has("docProps/custom.xml")) {
        pugi::xml_document props;
        if (auto ok = pkg->parse("docProps/custom.xml", props); !ok) return R::fail(ok.error());
        each_child(props.document_element(), "property", [&](const pugi::xml_node& p) {
            const std::string value = p.first_child().text().get();  // <vt:lpwstr>…</vt:lpwstr>
            if (std::string_view(p.attribute("name").value()) == L::kLayoutProperty && value == L::kLayoutValue)
                ours = true;
        });
    }

    const auto columns = L::columns_of(profile, type);
    const L::Geometry g = L::geometry(columns, profile.sheet);
    if (g.value_column < 0) return R::fail(trf("hồ sơ “{}” không có cột số liệu", profile.id));
    const auto rows = L::table_rows(profile, type);

    SheetImport result;
    result.sheet = wb->sheet_name;
    result.sheet_found_by_name = wb->found_by_name;

    struct Wanted {
        const schema::Indicator* ind;
        std::string cell;
        CellKey key;
    };
    std::vector<Wanted> wanted;
    std::set<CellKey> keys;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (!r.indicator || r.indicator->heading) continue;
        std::string cell = r.cell;
        CellKey key;
        if (cell.empty() || ours) {
            const long row = static_cast<long>(g.first_row) + static_cast<long>(i);
            if (row > L::kMaxRow) {
                result.problems.push_back({r.code, {}, trf("{}: dòng của chỉ tiêu nằm ngoài phạm vi bảng tính", r.code)});
                continue;
            }
            key = {static_cast<int>(row), g.value_column};
            cell = L::cell_name(key.row, key.column);
        } else if (!L::parse_cell(cell, key.row, key.column)) {
            result.problems.push_back({r.code, cell, trf("Ô “{}” của chỉ tiêu {} không hợp lệ hoặc nằm ngoài phạm vi bảng tính", cell, r.code)});
            continue;
        }
        wanted.push_back({r.indicator, cell, key});
        keys.insert(key);
    }

    auto cells = read_cells(*pkg, *wb, keys);
    if (!cells) return R::fail(cells.error());

    report::Report imported;
    std::vector<std::pair<const Wanted*, CellData>> computed;
    for (const auto& w : wanted) {
        CellData d;
        if (auto it = cells->find(w.key); it != cells->end()) d = it->second;
        if (w.ind->is_computed()) {
            computed.emplace_back(&w, std::move(d));
            continue;
        }
        auto v = entered_value(*w.ind, d);
        if (!v) {
            result.problems.push_back({w.ind->code, w.cell, trf("Ô {} ({}): {}", w.cell, w.ind->code, v.error())});
            continue;
        }
        if (!v->empty()) imported.values[w.ind->code].value = *v;
        result.values.push_back({w.ind->code, *v, shown(d), w.cell});
    }

    // Computed rows are ours to compute: one that the sheet shows differently is reported.
    if (!computed.empty()) {
        auto ev = validate::Evaluation::create(schema::ReportTypePtr(schema::ReportTypePtr{}, &type));
        if (ev) {
            ev->load(imported);
            for (const auto& [w, d] : computed) {
                const auto slot = type.slot(w->ind->code);
                if (!slot) continue;
                const std::string ours_text = ev->display(*slot);
                const std::string sheet_text = computed_display(*w->ind, d);
                if (locale::fold_case(ours_text) == locale::fold_case(sheet_text)) continue;
                result.problems.push_back(
                    {w->ind->code, w->cell,
                     trf("Ô {} ({}): chỉ tiêu tính tự động, bỏ qua; bảng tính ghi “{}”, tính lại từ số liệu là “{}”",
                         w->cell, w->ind->code, sheet_text, ours_text),
                     true});
            }
        }
    }
    return R::ok(std::move(result));
}

}  // namespace rb::exporting
