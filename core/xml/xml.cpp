#include "xml/xml.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "i18n/i18n.hpp"
#include "schema/embedded_schemas.hpp"
#include "xml/messages.hpp"

namespace rb::xml {

std::string Issue::to_string() const {
    return fmt::format("{}:{}:{}: {}", file, where.line, where.column, message);
}

Location locate(std::string_view text, std::size_t offset) {
    Location loc{1, 1};
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++loc.column;  // count UTF-8 lead bytes only
        }
    }
    return loc;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts_.push_back(i + 1);
}

Location LineIndex::at(std::size_t offset) const {
    if (offset > text_.size()) offset = text_.size();
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
    const std::size_t start = line_starts_[line - 1];
    Location loc{static_cast<int>(line), 1};
    for (std::size_t i = start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++loc.column;
    return loc;
}

Location LineIndex::at(const pugi::xml_node& node) const {
    return at(static_cast<std::size_t>(node.offset_debug()));
}

namespace {

// Offset of a DOCTYPE in the prolog (before the root element), or npos. None of the project's
// formats uses a DTD; a DOCTYPE only brings entity declarations, which are how XML attacks
// (external entities, "billion laughs") start, so such a file is refused before any parser
// sees it — with a message a user understands rather than a parser's internal error.
std::size_t doctype_offset(std::string_view text) {
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
        } else if (text.substr(i, 4) == "<!--") {
            const auto end = text.find("-->", i + 4);
            if (end == std::string_view::npos) return std::string_view::npos;
            i = end + 3;
        } else if (text.substr(i, 2) == "<?") {
            const auto end = text.find("?>", i + 2);
            if (end == std::string_view::npos) return std::string_view::npos;
            i = end + 2;
        } else if (text.substr(i, 9) == "<!DOCTYPE") {
            return i;
        } else {
            return std::string_view::npos;  // the root element (or not XML at all)
        }
    }
    return std::string_view::npos;
}

std::string doctype_message(std::string_view text, std::size_t at, const std::string& file_label) {
    const Location loc = locate(text, at);
    return trf("{}:{}:{}: tệp có khai báo DOCTYPE; tệp của chương trình không dùng DTD hay thực thể (entity), "
               "nên tệp này không được đọc",
               file_label, loc.line, loc.column);
}

// The parser's own errors for `text`, explained (defined below, with the error sink).
std::vector<Issue> wellformedness(std::string_view text, const std::string& file_label);

}  // namespace

Status parse(std::string_view text, const std::string& file_label, pugi::xml_document& doc) {
    if (const auto at = doctype_offset(text); at != std::string_view::npos)
        return Status::fail(doctype_message(text, at, file_label));
    if (auto bad = detail::encoding_issue(text, file_label)) return Status::fail(bad->to_string());
    // No DOCTYPE processing: pugixml never loads external entities; parse_doctype only skips it.
    const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
    const pugi::xml_parse_result res =
        doc.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
    if (!res) {
        // libxml2 reads the same text, and its errors are the ones explained: the same file
        // gets the same message whichever reader met it first.
        if (const auto issues = wellformedness(text, file_label); !issues.empty()) return Status::fail(issues.front().to_string());
        const Location loc = locate(text, static_cast<std::size_t>(res.offset));
        return Status::fail(trf("{}:{}:{}: XML không hợp lệ: {}", file_label, loc.line,
                                loc.column, res.description()));
    }
    return ok_status();
}

namespace {

struct ErrorSink {
    std::vector<Issue>* issues;
    std::string file;
    std::string_view text;  // the document, to find a column libxml2 does not give
    std::string xsd;        // the schema validated against; empty while only parsing
    bool parser_failed = false;  // a parser error follows from the first one: only that one is said
    // Where the line of the previous error starts: errors come in document order, so finding
    // the next error's line goes on from there and many errors cost one pass over the text.
    int cached_line = 1;
    std::size_t cached_start = 0;
};

// libxml2 gives schema-validity errors a line but no column: point at the start tag of the
// offending element on that line, or else at the line's first non-blank character.
int column_on_line(ErrorSink& sink, int line, const xmlError* error) {
    const std::string_view text = sink.text;
    if (line < sink.cached_line) sink.cached_line = 1, sink.cached_start = 0;
    std::size_t start = sink.cached_start;
    for (int l = sink.cached_line; l < line; ++l) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) return 0;
        ++start;
    }
    sink.cached_line = line;
    sink.cached_start = start;
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view row = text.substr(start, end - start);
    std::size_t at = std::string_view::npos;
    if (const auto* node = static_cast<const xmlNode*>(error->node);
        node && node->type == XML_ELEMENT_NODE && node->name) {
        std::string tag = "<";
        if (node->ns && node->ns->prefix) tag += std::string(reinterpret_cast<const char*>(node->ns->prefix)) + ":";
        tag += reinterpret_cast<const char*>(node->name);
        for (auto pos = row.find(tag); pos != std::string_view::npos; pos = row.find(tag, pos + 1)) {
            const std::size_t after = pos + tag.size();
            if (after == row.size() || std::string_view(" \t\r/>").find(row[after]) != std::string_view::npos) {
                at = pos;
                break;
            }
        }
    }
    if (at == std::string_view::npos) at = row.find_first_not_of(" \t\r");
    if (at == std::string_view::npos) at = 0;
    return locate(row, at).column;
}

void collect(void* ctx, const xmlError* error) {
    auto* sink = static_cast<ErrorSink*>(ctx);
    if (!error) return;
    if (error->domain != XML_FROM_SCHEMASV) {
        if (sink->parser_failed) return;
        sink->parser_failed = true;
    }
    std::string msg = sink->text.empty() ? std::string(error->message ? error->message : "")
                                         : detail::explain(*error, sink->text, sink->xsd);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    int column = error->int2;
    if (column <= 0 && error->line > 0 && !sink->text.empty()) column = column_on_line(*sink, error->line, error);
    sink->issues->push_back(Issue{sink->file, Location{error->line, column}, msg});
}

void structured_error(void* ctx, xmlErrorPtr error) { collect(ctx, error); }

struct SchemaCache {
    std::mutex mutex;
    std::map<std::string, xmlSchemaPtr> schemas;
    // Compiled schemas live as long as the program; freed at exit so that nothing libxml2
    // allocated for them outlives the cache (LeakSanitizer saw them as leaks once it was gone).
    ~SchemaCache() {
        for (auto& [name, schema] : schemas) xmlSchemaFree(schema);
    }
};

SchemaCache& cache() {
    static SchemaCache c;
    return c;
}

xmlSchemaPtr compiled_schema(const std::string& xsd_name, std::vector<Issue>& issues) {
    auto& c = cache();
    std::lock_guard lock(c.mutex);
    if (auto it = c.schemas.find(xsd_name); it != c.schemas.end()) return it->second;
    const std::string* text = rb::schemas::embedded(xsd_name);
    if (!text) {
        issues.push_back(Issue{xsd_name, {}, trf("Không có lược đồ {}", xsd_name)});
        return nullptr;
    }
    ErrorSink sink{&issues, xsd_name, {}, {}, false, 1, 0};
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(text->data(), static_cast<int>(text->size()));
    xmlSchemaSetParserStructuredErrors(pctx, structured_error, &sink);
    xmlSchemaPtr schema = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
    if (schema) c.schemas[xsd_name] = schema;
    return schema;
}

}  // namespace

std::vector<Issue> validate(std::string_view text, const std::string& xsd_name,
                            const std::string& file_label) {
    std::vector<Issue> issues;
    if (const auto at = doctype_offset(text); at != std::string_view::npos) {
        // The message already carries file:line:col; the Issue repeats them for callers.
        const Location loc = locate(text, at);
        issues.push_back(Issue{file_label, loc,
                               tr("tệp có khai báo DOCTYPE; tệp của chương trình không dùng DTD hay thực thể "
                                  "(entity), nên tệp này không được đọc")});
        return issues;
    }
    if (auto bad = detail::encoding_issue(text, file_label)) return {*bad};
    xmlSchemaPtr schema = compiled_schema(xsd_name, issues);
    if (!schema) return issues;
    ErrorSink sink{&issues, file_label, text, xsd_name, false, 1, 0};
    // No network, no entity substitution, no DTD loading, huge-document limits kept on.
    // COMPACT: short text nodes are stored in the node itself (fewer allocations; same tree).
    // IGNORE_ENC: the bytes are UTF-8 (encoding_issue said so) whatever the declaration names;
    // a libxml2 without iconv (the Windows build) would otherwise refuse "windows-1258".
    const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC;
    xmlParserCtxtPtr pctx = xmlNewParserCtxt();
    xmlSetStructuredErrorFunc(&sink, structured_error);
    xmlDocPtr doc = xmlCtxtReadMemory(pctx, text.data(), static_cast<int>(text.size()),
                                      file_label.c_str(), "UTF-8", options);
    if (doc) {
        xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidStructuredErrors(vctx, structured_error, &sink);
        xmlSchemaValidateDoc(vctx, doc);
        xmlSchemaFreeValidCtxt(vctx);
        xmlFreeDoc(doc);
    } else if (issues.empty()) {
        issues.push_back(Issue{file_label, {}, tr("XML không hợp lệ")});
    }
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(pctx);
    return issues;
}

namespace {

std::vector<Issue> wellformedness(std::string_view text, const std::string& file_label) {
    std::vector<Issue> issues;
    ErrorSink sink{&issues, file_label, text, {}, false, 1, 0};
    const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC;
    xmlParserCtxtPtr pctx = xmlNewParserCtxt();
    xmlSetStructuredErrorFunc(&sink, structured_error);
    if (xmlDocPtr doc = xmlCtxtReadMemory(pctx, text.data(), static_cast<int>(text.size()), file_label.c_str(), "UTF-8",
                                          options))
        xmlFreeDoc(doc);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(pctx);
    return issues;
}

}  // namespace

Location where(const pugi::xml_node& node, std::string_view text) {
    return locate(text, static_cast<std::size_t>(node.offset_debug()));
}

}  // namespace rb::xml
