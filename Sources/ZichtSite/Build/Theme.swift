import Foundation
import Mustache
import ZichtCore

/// The page templates and static assets of a site: Zicht's default theme, with any template or asset
/// overridden by a file of the same name in the project's `theme/templates/` or `theme/assets/`.
struct Theme: Sendable {
    /// Keys every layout must use, with triple braces for the markup ones; a template that misses one
    /// would silently render a page without it, so loading checks for them.
    static let requiredLayoutKeys = ["{{{main}}}", "{{{menu}}}", "{{{breadcrumb}}}", "{{{stamp}}}"]

    let layout: MustacheTemplate
    /// Asset file name → contents, written to `assets/`.
    let assets: [String: Data]

    static var bundledFolder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Theme")
    }

    /// Loads the default theme and the project's overrides.
    /// - Throws: ``DiagnosticsError`` when a template does not parse or misses a required key.
    static func load(projectRoot: URL) throws(DiagnosticsError) -> Theme {
        var diagnostics: [Diagnostic] = []
        let overrideURL = projectRoot.appendingPathComponent("theme/templates/layout.mustache")
        let isOverridden = FileManager.default.fileExists(atPath: overrideURL.path)
        let layoutURL = isOverridden ? overrideURL : bundledFolder.appendingPathComponent("templates/layout.mustache")
        let shownAs = isOverridden ? "theme/templates/layout.mustache" : "(default theme) layout.mustache"
        var layout: MustacheTemplate?
        do {
            let text = try String(contentsOf: layoutURL, encoding: .utf8)
            for key in requiredLayoutKeys where !text.contains(key) {
                diagnostics.append(Diagnostic(
                    file: shownAs, message: "the layout template does not use \(key)",
                    hint: "every page needs it; copy the default layout from 'zicht init' and adapt it"))
            }
            layout = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            diagnostics.append(Diagnostic(
                file: shownAs, line: error.context.lineNumber, column: error.context.columnNumber,
                message: "invalid Mustache template: \(error.error)"))
        } catch {
            diagnostics.append(Diagnostic(
                file: shownAs, message: "cannot read the template as UTF-8 text",
                hint: "check that the file is readable and saved as UTF-8"))
        }
        var assets: [String: Data] = [:]
        for folder in [bundledFolder.appendingPathComponent("assets"), projectRoot.appendingPathComponent("theme/assets")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
                    assets[name] = data
                }
            }
        }
        guard diagnostics.isEmpty, let layout else { throw DiagnosticsError(diagnostics) }
        return Theme(layout: layout, assets: assets)
    }

    /// The CSS custom properties from the project's colours.
    static func themeCSS(_ theme: ProjectConfig.Theme) -> String {
        ":root { --primary: \(theme.primaryColor); --accent: \(theme.accentColor); }\n"
    }

    /// WCAG 2.1 contrast checks for the project's colours: white text on the primary colour, and the
    /// accent colour (links) on white, each at least 4.5:1 (success criterion 1.4.3).
    static func contrastDiagnostics(_ theme: ProjectConfig.Theme) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let checks = [("primary", theme.primaryColor, "white text on it"), ("accent", theme.accentColor, "it as text on white")]
        for (name, color, use) in checks {
            guard let ratio = Contrast.ratio(color, "#ffffff") else { continue }
            if ratio < 4.5 {
                diagnostics.append(Diagnostic(
                    file: "zicht.yaml",
                    message: "colour '\(name)' \(color) gives a contrast of \(String(format: "%.2f", ratio)):1 for \(use); WCAG 2.1 AA needs at least 4.5:1",
                    hint: "choose a darker colour"))
            }
        }
        return diagnostics
    }
}

/// Contrast between two colours as defined by WCAG 2.1 (relative luminance, §1.4.3 definitions).
public enum Contrast {
    /// The relative luminance of `#rrggbb`, or nil when the text is not such a colour.
    public static func luminance(_ hex: String) -> Double? {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    /// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: 1 to 21.
    public static func ratio(_ a: String, _ b: String) -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
