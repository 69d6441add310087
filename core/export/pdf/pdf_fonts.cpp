// Which font the PDF really embeds. The document asks for Times New Roman; fontconfig
// substitutes (Liberation Serif on Debian) and pango would fall back glyph by glyph, silently,
// for any character the substitute lacks. Checking the Vietnamese alphabet in every style here
// turns a PDF with mixed or missing letters into a clear error before anything is drawn.
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "export/pdf/gobject.hpp"
#include "export/pdf/pdf.hpp"
#include "i18n/i18n.hpp"

namespace rb::exporting {

namespace {

// Every letter of the Vietnamese alphabet, precomposed, plus the combining tone marks that
// text arriving decomposed would use.
std::vector<gunichar> vietnamese_alphabet() {
    std::vector<gunichar> chars;
    for (gunichar c = 'A'; c <= 'Z'; ++c) chars.push_back(c);
    for (gunichar c = 'a'; c <= 'z'; ++c) chars.push_back(c);
    for (gunichar c : {0xC0u, 0xC1u, 0xC2u, 0xC3u, 0xC8u, 0xC9u, 0xCAu, 0xCCu, 0xCDu, 0xD2u, 0xD3u,
                       0xD4u, 0xD5u, 0xD9u, 0xDAu, 0xDDu, 0x102u, 0x110u, 0x128u, 0x168u, 0x1A0u,
                       0x1AFu}) {
        chars.push_back(c);
        chars.push_back(g_unichar_tolower(c));
    }
    for (gunichar c = 0x1EA0; c <= 0x1EF9; ++c) chars.push_back(c);
    for (gunichar c : {0x300u, 0x301u, 0x303u, 0x309u, 0x323u}) chars.push_back(c);
    return chars;
}

std::string utf8_of(gunichar c) {
    char buf[8] = {};
    const int n = g_unichar_to_utf8(c, buf);
    return std::string(buf, static_cast<std::size_t>(n));
}

struct Style {
    PangoWeight weight;
    PangoStyle slant;
};

}  // namespace

Result<PdfFont> resolve_pdf_font(const std::string& requested) {
    // Pango's default font map is per thread, and so is this cache of what it resolved.
    thread_local std::map<std::string, PdfFont> resolved;
    if (auto it = resolved.find(requested); it != resolved.end()) return Result<PdfFont>::ok(it->second);

    PangoFontMap* map = pango_cairo_font_map_get_default();  // per thread, owned by pango
    GPtr<PangoContext> context(pango_font_map_create_context(map));
    PangoLanguage* vi = pango_language_from_string("vi");
    pango_context_set_language(context.get(), vi);
    static const std::vector<gunichar> alphabet = vietnamese_alphabet();

    PdfFont out;
    out.requested = requested;
    const Style styles[] = {{PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL},
                            {PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL},
                            {PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC},
                            {PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC}};
    for (const Style& style : styles) {
        PangoFontDescription* desc = pango_font_description_new();
        pango_font_description_set_family(desc, requested.c_str());
        pango_font_description_set_weight(desc, style.weight);
        pango_font_description_set_style(desc, style.slant);
        pango_font_description_set_absolute_size(desc, 14.0 * PANGO_SCALE);
        GPtr<PangoFont> font(pango_font_map_load_font(map, context.get(), desc));
        pango_font_description_free(desc);
        if (!font) return Result<PdfFont>::fail(trf("Không tìm thấy phông chữ nào cho \"{}\".", requested));

        PangoFontDescription* got = pango_font_describe(font.get());
        const char* family_c = pango_font_description_get_family(got);
        const std::string family = family_c ? family_c : "";
        pango_font_description_free(got);
        if (out.family.empty()) {
            out.family = family;
            if (PANGO_IS_FC_FONT(font.get())) {
                FcChar8* file = nullptr;
                if (FcPatternGetString(pango_fc_font_get_pattern(PANGO_FC_FONT(font.get())), FC_FILE, 0,
                                       &file) == FcResultMatch && file)
                    out.file = reinterpret_cast<const char*>(file);
            }
        } else if (family != out.family) {
            // A family whose bold or italic resolves elsewhere would mix two fonts in one line.
            return Result<PdfFont>::fail(
                trf("Phông chữ \"{}\" được thay bằng hai phông khác nhau (\"{}\" và \"{}\").", requested,
                    out.family, family));
        }

        PangoCoverage* coverage = pango_font_get_coverage(font.get(), vi);
        gunichar missing = 0;
        for (gunichar c : alphabet) {
            if (pango_coverage_get(coverage, static_cast<int>(c)) != PANGO_COVERAGE_EXACT) {
                missing = c;
                break;
            }
        }
        g_object_unref(coverage);
        if (missing != 0)
            return Result<PdfFont>::fail(
                trf("Phông chữ \"{}\" (dùng thay cho \"{}\") không có chữ tiếng Việt \"{}\" (U+{:04X}); hãy "
                    "cài phông Times New Roman hoặc Liberation Serif (gói fonts-liberation2).",
                    family, requested, utf8_of(missing), static_cast<std::uint32_t>(missing)));
    }
    spdlog::info("PDF font: \"{}\" resolves to \"{}\" ({})", out.requested, out.family, out.file);
    resolved[requested] = out;
    return Result<PdfFont>::ok(std::move(out));
}

}  // namespace rb::exporting
