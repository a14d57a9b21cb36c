import Foundation
import Mustache
import ZichtCore

/// Puts a page's content into the theme's layout template.
struct LayoutRenderer: Sendable {
    let theme: Theme
    let site: SiteContext
    /// The logo's path from the site root, when the project has one.
    let logoPath: String?
    let generator: String
    /// The footer's build and data times, the same on every page: formatted once (dates are
    /// formatted through `FormatStyle`, 2% of a cycle's build when done per page).
    let stamp: String

    init(theme: Theme, site: SiteContext, logoPath: String?, generator: String) {
        self.theme = theme
        self.site = site
        self.logoPath = logoPath
        self.generator = generator
        self.stamp = Chrome.stamp(site.stamps)
    }

    /// Renders a whole page.
    /// - Parameters:
    ///   - pagePath: the page's folder path from the site root ("" for the home page).
    ///   - current: the document node shown, for the menu; nil for pages outside the tree.
    ///   - absoluteRoot: use this root (the site's base URL) instead of relative links; for pages such
    ///     as 404.html that the server shows at any address.
    func render(
        pageTitle: String, pagePath: String, current: Node?, main: String, breadcrumb: String,
        jsonPath: String? = nil, absoluteRoot: String? = nil
    ) -> String {
        let root = absoluteRoot ?? SitePaths.relative(from: pagePath, to: "")
        let rootPrefix = root == "./" ? "" : root
        let menu = Chrome.menu(current: current, pagePath: pagePath, in: site, absoluteRoot: absoluteRoot)
        var values: [String: Any] = [
            "pageTitle": pageTitle,
            "documentTitle": current.flatMap { $0.documentKey == nil ? nil : site.documentInfo(of: $0).title } ?? site.siteTitle,
            "organisationName": site.config.organisation.name,
            "generator": generator,
            "root": rootPrefix,
            "main": main,
            "menu": menu,
            "breadcrumb": breadcrumb,
            "stamp": stamp,
        ]
        if let notice = site.config.notice { values["notice"] = notice }
        if let logoPath { values["logo"] = logoPath }
        if let jsonPath { values["jsonPath"] = jsonPath }
        return theme.layout.render(values)
    }
}
