/// A minimal Hugo layout that shows what a Zicht page shows: title with number and subtitle, the body,
/// criteria, indicators, kaders, portefeuillehouder, a breadcrumb built through `.Parent`, a tree menu
/// opened along the path to the page (so a goal's siblings are listed), and a footer with the build time.
///
/// What Zicht does beyond this (an `index.json` per page, `document.json`, a search page and index, a
/// full table of contents, its stylesheets) is left out; BENCHMARKS.md lists the differences.
enum HugoLayouts {
    /// Path in the Hugo site → contents.
    static let files: [String: String] = [
        "layouts/_default/baseof.html": baseof,
        "layouts/_default/single.html": single,
        "layouts/_default/list.html": list,
        "layouts/partials/short-title.html": shortTitle,
        "layouts/partials/breadcrumb.html": breadcrumb,
        "layouts/partials/menu-list.html": menuList,
        "layouts/partials/page-header.html": pageHeader,
        "layouts/partials/portefeuillehouder.html": portefeuillehouder,
        "layouts/partials/back-link.html": backLink,
        "static/assets/style.css": css,
    ]

    static let baseof = """
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ with .Params.label }}{{ . }} {{ $.Params.id }} {{ end }}{{ .Title }} | {{ site.Title }} | {{ site.Params.organisation }}</title>
        <meta name="generator" content="Hugo {{ hugo.Version }}">
        <link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
        </head>
        <body>
        <a class="skip-link" href="#inhoud">Ga naar de inhoud van deze pagina</a>
        <header class="site-header">
        <a class="brand" href="{{ site.Home.RelPermalink }}"><span class="brand-org">{{ site.Params.organisation }}</span> <span class="brand-doc">{{ site.Title }}</span></a>
        </header>
        {{ with site.Params.notice }}<p class="notice"><strong>Let op:</strong> {{ . }}</p>{{ end }}
        <nav class="breadcrumb" aria-label="Kruimelpad">
        <ol>{{ partial "breadcrumb.html" .Parent }}<li><span aria-current="page">{{ partial "short-title.html" . }}</span></li></ol>
        </nav>
        <div class="layout">
        <main id="inhoud" tabindex="-1">
        {{ block "main" . }}{{ end }}
        </main>
        <nav class="menu" aria-label="Menu">
        <h2 class="menu-title">Menu</h2>
        {{ partial "menu-list.html" (dict "pages" site.Home.Pages "current" .) }}
        </nav>
        </div>
        <footer class="site-footer">
        <p class="stamp">Gebouwd op <time datetime="{{ now.Format "2006-01-02T15:04:05-07:00" }}">{{ time.Format ":date_long" now }} om {{ now.Format "15:04" }}</time>.</p>
        <p class="made-with">Gemaakt met Hugo; gesimuleerde inhoud van zicht-bench.</p>
        </footer>
        </body>
        </html>

        """

    /// A goal page, in the fixed section order of a P&C document.
    static let single = """
        {{ define "main" }}
        <article class="page page-{{ .Params.soort }}">
        {{ partial "page-header.html" . }}
        <div class="prose">
        {{ .Content }}
        </div>
        <section class="fixed-section" aria-labelledby="criteria">
        <h2 id="criteria">Criteria{{ with .Params.origin }} <span class="origin">({{ . }})</span>{{ end }}</h2>
        {{ with .Params.criteria }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ else }}<p class="empty">Voor dit doel zijn geen criteria vastgesteld.</p>{{ end }}
        </section>
        <section class="fixed-section" aria-labelledby="indicatoren">
        <h2 id="indicatoren">Indicatoren</h2>
        {{ with .Params.indicatoren }}<ul>{{ range . }}<li><code>{{ . }}</code></li>{{ end }}</ul>{{ else }}<p class="empty">Voor dit doel zijn geen indicatoren vastgesteld.</p>{{ end }}
        </section>
        <section class="fixed-section" aria-labelledby="kaders">
        <h2 id="kaders">Kaderstellende nota's</h2>
        {{ with .Params.kaders }}<ul>
        {{ range . }}<li>{{ if .url }}<a href="{{ .url }}">{{ .title }}</a><span class="external"> (externe website)</span>{{ else }}<a href="{{ relref $ .ref }}">{{ .title }}</a>{{ end }}</li>
        {{ end }}</ul>{{ else }}<p class="empty">Voor dit doel zijn geen kaderstellende nota's opgegeven.</p>{{ end }}
        </section>
        {{ partial "portefeuillehouder.html" . }}
        {{ partial "back-link.html" . }}
        </article>
        {{ end }}

        """

    /// The home page, a domein or an ambitie: prose and the list of children.
    static let list = """
        {{ define "main" }}
        <article class="page page-{{ .Params.soort }}">
        {{ partial "page-header.html" . }}
        <div class="prose">
        {{ .Content }}
        </div>
        {{ with .Pages }}
        {{ $heading := "Onderdelen" }}
        {{ if $.IsHome }}{{ $heading = "Domeinen" }}{{ else if eq $.Params.soort "domein" }}{{ $heading = "Ambities" }}{{ else if eq $.Params.soort "ambitie" }}{{ $heading = "Doelen" }}{{ end }}
        <section class="fixed-section" aria-labelledby="onderdelen">
        <h2 id="onderdelen">{{ $heading }}</h2>
        <ul class="children">
        {{ range . }}{{ $child := . }}<li><a href="{{ .RelPermalink }}">{{ with .Params.label }}{{ . }} {{ $child.Params.id }} {{ end }}{{ .Title }}</a>{{ with .Params.subtitle }}<p>{{ . }}</p>{{ end }}</li>
        {{ end }}</ul>
        </section>
        {{ end }}
        {{ partial "portefeuillehouder.html" . }}
        {{ partial "back-link.html" . }}
        </article>
        {{ end }}

        """

    /// "1.2.3 Schone wijken", or "Home" for the home page.
    static let shortTitle = """
        {{- if .IsHome }}Home{{ else }}{{ with .Params.id }}{{ . }} {{ end }}{{ .Title }}{{ end -}}

        """

    /// The ancestors of a page, root first, each as a list item; called with the page's `.Parent`.
    static let breadcrumb = """
        {{- with . }}{{ partial "breadcrumb.html" .Parent }}<li><a href="{{ .RelPermalink }}">{{ partial "short-title.html" . }}</a></li>{{ end -}}

        """

    /// One level of the tree menu; a page on the path to the current one is opened.
    static let menuList = """
        {{- $current := .current -}}
        <ul>
        {{- range .pages }}
        <li><a href="{{ .RelPermalink }}"{{ if .Eq $current }} aria-current="page"{{ end }}>{{ partial "short-title.html" . }}</a>
        {{- if or (.Eq $current) (.IsAncestor $current) }}{{ with .Pages }}{{ partial "menu-list.html" (dict "pages" . "current" $current) }}{{ end }}{{ end -}}
        </li>
        {{- end }}
        </ul>

        """

    static let pageHeader = """
        <header class="page-header">
        <h1>{{ with .Params.label }}<span class="number">{{ . }} {{ $.Params.id }}</span> {{ end }}{{ .Title }}</h1>
        {{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
        </header>

        """

    static let portefeuillehouder = """
        {{ with .Params.portefeuillehouder }}<section class="fixed-section" aria-labelledby="portefeuillehouder">
        <h2 id="portefeuillehouder">Portefeuillehouder</h2>
        <p><strong>{{ .name }}</strong>{{ with .role }}, {{ . }}{{ end }}</p>
        </section>{{ end }}

        """

    static let backLink = """
        {{ with .Parent }}<p class="back"><a href="{{ .RelPermalink }}">{{ if .IsHome }}Terug naar de startpagina{{ else }}Terug naar {{ lower .Params.label }} {{ .Params.id }} {{ .Title }}{{ end }}</a></p>{{ end }}

        """

    static let css = """
        body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; }
        .layout { display: flex; flex-wrap: wrap-reverse; gap: 2rem; max-width: 72rem; margin: 0 auto; padding: 1rem; }
        main { flex: 1 1 40rem; }
        .menu { flex: 0 1 18rem; }
        .notice { background: #fff3cd; padding: 0.5rem 1rem; margin: 0; }
        .skip-link { position: absolute; left: -999px; }
        .skip-link:focus { left: 1rem; }

        """
}
