import ZichtSite

extension String {
    /// The string escaped for HTML text and quoted attribute values (``HTMLEscaping/escape(_:)``, the
    /// one escaping of the site), so that no field a user typed can become markup.
    var html: String { HTMLEscaping.escape(self) }
}
