#include "xml/messages.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <regex>
#include <vector>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "schema/embedded_schemas.hpp"

namespace rb::xml::detail {
namespace {

// What a schema declares, read from its own text: the names a "did you mean" chooses from.
struct SchemaFacts {
    std::string target_namespace;
    std::vector<std::string> roots;       // global elements
    std::vector<std::string> attributes;  // every attribute name declared anywhere
};

void add_unique(std::vector<std::string>& v, std::string s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

const SchemaFacts& facts(const std::string& xsd_name) {
    static std::mutex mutex;
    static std::map<std::string, SchemaFacts> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(xsd_name); it != cache.end()) return it->second;
    SchemaFacts f;
    pugi::xml_document doc;
    if (const std::string* text = rb::schemas::embedded(xsd_name); text && doc.load_buffer(text->data(), text->size())) {
        const auto root = doc.document_element();
        f.target_namespace = root.attribute("targetNamespace").value();
        for (auto e : root.children())
            if (std::string_view(e.name()) == "xs:element") add_unique(f.roots, e.attribute("name").value());
        for (auto n : doc.select_nodes("//*[local-name()='attribute']/@name")) add_unique(f.attributes, n.attribute().value());
    }
    return cache.emplace(xsd_name, std::move(f)).first->second;
}

std::string hint(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = locale::closest_match(word, candidates);
    return best.empty() ? std::string() : trf(" (có phải “{}”?)", best);
}

// "{urn:x}title" → "title"
std::string local_name(std::string_view qualified) {
    if (const auto close = qualified.find('}'); qualified.substr(0, 1) == "{" && close != std::string_view::npos)
        qualified.remove_prefix(close + 1);
    return std::string(qualified);
}

// "( {urn:x}a, {urn:x}b )" or "a, b" → {"a", "b"}
std::vector<std::string> name_list(std::string_view list) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        const auto b = cur.find_first_not_of(" ('"), e = cur.find_last_not_of(" )'");
        if (b != std::string::npos && e != std::string::npos && e >= b) out.push_back(local_name(cur.substr(b, e - b + 1)));
        cur.clear();
    };
    for (char c : list) {
        if (c == ',') flush();
        else cur += c;
    }
    flush();
    return out;
}

std::string joined(const std::vector<std::string>& names, const char* before, const char* after) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + (before + n + after);
    return out;
}

// What a value of the schema's patterns looks like, in words.
std::string pattern_words(const std::string& pattern) {
    if (pattern == "[a-z0-9][a-z0-9._\\-]*")
        return tr("chữ thường không dấu (a–z), chữ số, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ hoặc số");
    if (pattern == "[a-z0-9][a-z0-9\\-]*") return tr("chữ thường không dấu (a–z), chữ số và gạch ngang");
    if (pattern == "[a-z0-9]+") return tr("chỉ chữ thường không dấu (a–z) và chữ số");
    if (pattern == "[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*")
        return tr("mã chỉ tiêu: chữ cái không dấu và chữ số, các phần cách nhau bằng dấu chấm, ví dụ I.2.1");
    if (pattern == "[0-9]{2,8}") return tr("từ 2 đến 8 chữ số");
    if (pattern == "[A-Z]{1,3}[1-9][0-9]{0,6}") return tr("một ô bảng tính như D17");
    if (pattern == "\\d{4}(-(Q[1-4]|H1|9M))?") return tr("một kỳ dạng 2025, 2025-Q1, 2025-H1 hoặc 2025-9M");
    if (pattern == "\\d{4}-\\d{2}-\\d{2}") return tr("một ngày dạng 2025-07-01");
    if (pattern.find('/') != std::string::npos)
        return tr("tên tệp không dấu, không khoảng trắng (chữ, số, . _ -), thư mục cách nhau bằng /");
    return pattern;
}

std::string type_words(const std::string& type) {
    if (type == "decimal" || type == "double" || type == "float")
        return tr("một số, dấu chấm thập phân (ví dụ 0.5 hoặc 80)");
    if (type.find("nteger") != std::string::npos || type == "int" || type == "long" || type == "short")
        return type.find("ositive") != std::string::npos ? tr("một số nguyên dương")
               : type.find("onNegative") != std::string::npos ? tr("một số nguyên không âm")
                                                              : tr("một số nguyên");
    if (type == "boolean") return tr("true hoặc false");
    if (type == "date") return tr("một ngày dạng 2025-07-01");
    return type;
}

// The English sentence is kept for English readers of a message we have no words for; a
// Vietnamese reader gets a sentence of ours instead.
std::string untranslated(const std::string& subject, const std::string& raw) {
    if (i18n::language() == i18n::Language::English) return subject.empty() ? raw : subject + ": " + raw;
    return subject.empty() ? tr("cấu trúc XML không hợp lệ ở đây") : trf("{} không đúng cấu trúc cho phép", subject);
}

std::string schema_message(const std::string& raw, const std::string& xsd_name) {
    static const std::regex head(R"(^Element '([^']*)'(, attribute '([^']*)')?: ([\s\S]*)$)");
    std::smatch m;
    if (!std::regex_match(raw, m, head)) return untranslated("", raw);
    const std::string qualified = m[1], element = local_name(qualified), attribute = m[3], rest = m[4];
    const std::string tag = "<" + element + ">";
    const std::string subject = attribute.empty() ? trf("nội dung của {}", tag) : trf("thuộc tính “{}” của {}", attribute, tag);
    const SchemaFacts& f = facts(xsd_name);
    std::smatch r;
    if (rest.rfind("No matching global declaration available for the validation root", 0) == 0) {
        const std::string ns = qualified.rfind('{', 0) == 0 ? qualified.substr(1, qualified.find('}') - 1) : "";
        std::vector<std::string> roots;
        for (const auto& root : f.roots) roots.push_back("<" + root + " xmlns=\"" + f.target_namespace + "\">");
        return trf("phần tử gốc {} {} không phải của loại tệp này: tệp phải bắt đầu bằng {}", tag,
                   ns.empty() ? tr("không có xmlns") : trf("có xmlns=\"{}\"", ns), joined(roots, "", ""));
    }
    if (std::regex_search(rest, r, std::regex(R"(The attribute '([^']*)' is not allowed)")))
        return trf("{} không có thuộc tính “{}”{}", tag, r[1].str(), hint(r[1].str(), f.attributes));
    if (std::regex_search(rest, r, std::regex(R"(The attribute '([^']*)' is required but missing)")))
        return trf("{} thiếu thuộc tính bắt buộc “{}”", tag, r[1].str());
    if (std::regex_search(rest, r, std::regex(R"(This element is not expected\. Expected is (one of )?\((.*)\))"))) {
        const auto expected = name_list(r[2].str());
        return trf("{} không được đặt ở đây; ở chỗ này cần {}{}", tag, joined(expected, "<", ">"),
                   expected.size() > 1 ? hint(element, expected) : std::string());
    }
    if (rest.rfind("This element is not expected", 0) == 0)
        return trf("{} không được đặt ở đây: thừa, lặp, hoặc phải nằm trong một phần tử khác", tag);
    if (std::regex_search(rest, r, std::regex(R"(Missing child element\(s\)\. Expected is (one of )?\((.*)\))")))
        return trf("{} còn thiếu phần tử con: {}", tag, joined(name_list(r[2].str()), "<", ">"));
    if (std::regex_search(rest, r,
                          std::regex(R"(\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\})"))) {
        const auto allowed = name_list(r[2].str());
        return trf("{}: “{}” không phải giá trị được phép; chỉ được {}{}", subject, r[1].str(), joined(allowed, "“", "”"),
                   hint(r[1].str(), allowed));
    }
    if (std::regex_search(rest, r, std::regex(R"(\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)')"))) {
        const std::string value = r[1], pattern = r[2];
        std::string lower = value;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool lowercase_only = pattern.find("a-z") != std::string::npos && pattern.find("A-Z") == std::string::npos;
        return trf("{}: “{}” không đúng dạng; cần {}{}", subject, value, pattern_words(pattern),
                   lowercase_only && lower != value ? trf(" (có phải “{}”?)", lower) : std::string());
    }
    if (std::regex_search(rest, r, std::regex(R"('(.*)' is not a valid value of the atomic type 'xs:([A-Za-z]+)')")))
        return trf("{}: “{}” không hợp lệ; cần {}", subject, r[1].str(), type_words(r[2].str()));
    if (std::regex_search(rest, r, std::regex(R"('(.*)' is not a valid value of the (local )?(atomic|list|union) type)")))
        return trf("{}: “{}” không phải giá trị hợp lệ", subject, r[1].str());
    if (std::regex_search(rest, r, std::regex(R"(\[facet '(min|max)(In|Ex)clusive'\] The value '([^']*)' is (less|greater) than the (minimum|maximum) value allowed \('([^']*)'\))")))
        return trf("{}: “{}” {} {}", subject, r[3].str(), r[1].str() == "min" ? tr("nhỏ hơn mức thấp nhất cho phép")
                                                                             : tr("lớn hơn mức cao nhất cho phép"),
                   r[6].str());
    if (std::regex_search(rest, r, std::regex(R"(\[facet '(minLength|maxLength|length)'\])")))
        return trf("{}: {}", subject, r[1].str() == "maxLength" ? tr("quá dài") : tr("quá ngắn hoặc để trống"));
    if (rest.find("Character content other than whitespace is not allowed") != std::string::npos)
        return trf("{} chỉ chứa phần tử con, không chứa chữ trực tiếp; có lẽ chữ này thuộc một phần tử con (như "
                   "<title>, <label>) hoặc bị gõ ra ngoài thẻ",
                   tag);
    if (rest.find("Element content is not allowed") != std::string::npos)
        return trf("{} chỉ chứa chữ, không chứa phần tử con", tag);
    if (std::regex_search(rest, r, std::regex(R"(Duplicate key-sequence \['([^']*)'\])")))
        return trf("{}: “{}” bị lặp; giá trị này phải khác nhau", subject, r[1].str());
    if (std::regex_search(rest, r, std::regex(R"(No match found for key-sequence \['([^']*)'\])")))
        return trf("{}: “{}” không trỏ tới mã nào đã khai báo", subject, r[1].str());
    return untranslated(subject, raw);
}

// The characters just before `offset` on its line, to tell "=<" from a lone "<".
char before(std::string_view text, int line, int column) {
    std::size_t start = 0;
    for (int l = 1; l < line; ++l) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) return 0;
        ++start;
    }
    // Columns count characters; step over UTF-8 continuation bytes.
    std::size_t at = start;
    for (int c = 1; c < column && at < text.size() && text[at] != '\n';) {
        ++at;
        if (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++c;
    }
    // libxml2 points just after the '<' (or at it): look back for it, then one more.
    for (std::size_t i = std::min(at, text.size() - 1) + 1; i-- > start;)
        if (text[i] == '<') {
            std::size_t j = i;
            while (j > start && text[j - 1] == ' ') --j;
            return j > start ? text[j - 1] : 0;
        }
    return 0;
}

std::string parser_message(const xmlError& e, std::string_view text, const std::string& raw) {
    const std::string s1 = e.str1 ? e.str1 : "", s2 = e.str2 ? e.str2 : "";
    switch (e.code) {
        case XML_ERR_INVALID_CHAR:
        case XML_ERR_INVALID_ENCODING:
            return tr("tệp không phải UTF-8; hãy mở tệp và lưu lại với mã hóa UTF-8");
        case XML_ERR_LT_IN_ATTRIBUTE:
            if (before(text, e.line, e.int2) == '=')
                return tr("“=<” trong giá trị thuộc tính: “nhỏ hơn hoặc bằng” viết là “&lt;=” (dấu “<” trong thuộc tính "
                          "luôn viết “&lt;”)");
            return tr("dấu “<” trong giá trị thuộc tính phải viết “&lt;” (ví dụ test=\"I.2 &lt;= I.1\"); “>” nên "
                      "viết “&gt;”");
        case XML_ERR_NAME_REQUIRED:
            if (raw.find("EntityRef") != std::string::npos)
                return tr("dấu “&” trong chữ phải viết “&amp;” (ví dụ “A &amp; B”)");
            return tr("sau dấu “<” phải là tên phần tử; dấu “<” trong chữ phải viết “&lt;”");
        case XML_ERR_ENTITYREF_SEMICOL_MISSING:
            return tr("dấu “&” trong chữ phải viết “&amp;”; một ký hiệu như &lt; phải kết thúc bằng “;”");
        case XML_ERR_UNDECLARED_ENTITY:
        case XML_WAR_UNDECLARED_ENTITY:
            return trf("“&{};” không phải ký hiệu của XML: hãy gõ thẳng ký tự đó (tệp UTF-8) hoặc chỉ dùng &amp; &lt; "
                       "&gt; &quot; &apos;",
                       s1);
        case XML_ERR_TAG_NAME_MISMATCH:
            return trf("thẻ đóng </{}> không khớp thẻ mở <{}> ở dòng {}", s2, s1, e.int1);
        case XML_ERR_TAG_NOT_FINISHED:
            return trf("tệp hết khi thẻ <{}> (mở ở dòng {}) chưa được đóng; tệp có thể bị cắt cụt", s1, e.int1);
        case XML_ERR_DOCUMENT_EMPTY:
            return tr("tệp rỗng hoặc không bắt đầu bằng một thẻ XML");
        case XML_ERR_DOCUMENT_END:
            return tr("còn nội dung sau khi phần tử gốc đã đóng; tệp chỉ có một phần tử gốc");
        case XML_ERR_ATTRIBUTE_REDEFINED:
            return trf("thuộc tính “{}” được viết hai lần trong cùng một thẻ", s1);
        case XML_ERR_GT_REQUIRED:
            return tr("thẻ mở chưa có dấu “>” kết thúc (hoặc một giá trị thuộc tính thiếu dấu ngoặc kép)");
        case XML_ERR_LTSLASH_REQUIRED:
            return tr("thiếu thẻ đóng ở đây");
        case XML_ERR_ATTRIBUTE_NOT_STARTED:
        case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        case XML_ERR_EQUAL_REQUIRED:
            return tr("giá trị thuộc tính phải viết sau dấu “=” và đặt trong dấu ngoặc kép, ví dụ id=\"r1\"");
        case XML_ERR_ATTRIBUTE_NOT_FINISHED:
        case XML_ERR_LITERAL_NOT_FINISHED:
        case XML_ERR_STRING_NOT_CLOSED:
            return tr("giá trị thuộc tính chưa đóng dấu ngoặc kép");
        case XML_ERR_COMMENT_NOT_FINISHED:
            return tr("chú thích <!-- chưa được đóng bằng -->");
        case XML_ERR_INVALID_DEC_CHARREF:
        case XML_ERR_INVALID_HEX_CHARREF:
        case XML_ERR_INVALID_CHARREF:
            return tr("mã ký tự &#…; không hợp lệ");
        default:
            break;
    }
    if (raw.rfind("attributes construct error", 0) == 0)
        return tr("thuộc tính viết sai trong thẻ này: mỗi thuộc tính là tên=\"giá trị\", cách nhau bằng khoảng trắng; "
                  "dấu “<” trong giá trị viết “&lt;”");
    if (raw.find("']]>'") != std::string::npos) return tr("chuỗi “]]>” không được có trong chữ; hãy viết “]]&gt;”");
    if (raw.rfind("xmlns", 0) == 0)
        return tr("giá trị xmlns không hợp lệ; phần tử gốc phải có đúng xmlns của loại tệp (xem mẫu đi kèm)");
    if (raw.find("ParsePI") != std::string::npos || raw.find("XML declaration allowed only") != std::string::npos)
        return tr("“<?” chỉ dùng cho dòng khai báo <?xml … ?> ở đầu tệp; dấu “<” trong chữ phải viết “&lt;”");
    return untranslated("", raw);
}

}  // namespace

std::string explain(const xmlError& error, std::string_view text, const std::string& xsd_name) {
    std::string raw = error.message ? error.message : "";
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == ' ')) raw.pop_back();
    if (error.domain == XML_FROM_SCHEMASV) return schema_message(raw, xsd_name);
    std::string message = parser_message(error, text, raw);
    // Met on the last line: the file most likely stops half-way (a copy cut short).
    const auto last_line = 1 + std::count(text.begin(), text.end() - (text.empty() || text.back() != '\n' ? 0 : 1), '\n');
    if (error.code != XML_ERR_TAG_NOT_FINISHED && error.line >= last_line && text.size() > 200)
        message += tr("; tệp dừng giữa chừng, có thể đã bị cắt cụt");
    return message;
}

std::optional<Issue> encoding_issue(std::string_view text, const std::string& file_label) {
    const std::string save = tr("hãy mở tệp và lưu lại với mã hóa UTF-8 (Notepad: Lưu thành… → Mã hóa: UTF-8)");
    const auto starts = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
    if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("<\0?\0", 4)) ||
        starts(std::string_view("\0<\0?", 4)))
        return Issue{file_label, {1, 1}, trf("tệp được lưu dạng UTF-16 (“Unicode”), chương trình chỉ đọc UTF-8: {}", save)};
    // Bytes that are UTF-8 are read as UTF-8 whatever the declaration says (a wrong declaration
    // over right bytes loses nothing); otherwise the declaration, when it names another encoding,
    // says what happened: a file saved in a legacy code page (Windows-1258, TCVN3, VNI).
    const std::size_t bad = locale::invalid_utf8_at(text);
    if (bad == std::string_view::npos) return std::nullopt;
    const std::size_t i = starts("\xEF\xBB\xBF") ? 3 : 0;
    if (text.substr(i, 5) == "<?xml") {
        const auto end = text.find("?>", i);
        static const std::regex declared(R"(encoding\s*=\s*["']([^"']*)["'])");
        std::match_results<std::string_view::const_iterator> m;
        const std::string_view decl = text.substr(i, end == std::string_view::npos ? 200 : end - i);
        if (std::regex_search(decl.begin(), decl.end(), m, declared)) {
            std::string name = m[1].str();
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (name != "utf-8" && name != "utf8")
                return Issue{file_label, locate(text, i + static_cast<std::size_t>(m.position(0))),
                             trf("tệp khai báo encoding=\"{}\", chương trình chỉ đọc UTF-8: {}, và sửa khai báo thành "
                                 "encoding=\"UTF-8\"",
                                 m[1].str(), save)};
        }
    }
    return Issue{file_label, locate(text, bad),
                 trf("tệp không phải UTF-8 (byte 0x{:02X} ở đây), có lẽ được lưu bằng mã Windows-1258, TCVN3 "
                     "hoặc VNI: {}",
                     static_cast<unsigned>(static_cast<unsigned char>(text[bad])), save)};
}

}  // namespace rb::xml::detail
