/// The fill colours of a choropleth map: one light-to-dark blue per class, and the look of areas
/// without a figure.
///
/// The blues are Zicht's own, made in CIELAB (D65) at hue angle h = 262°: class `i` of `k` has
/// lightness L* = 90 − 64·i/(k − 1) and chroma C* = 12 + 38·i/(k − 1), the chroma lowered in steps
/// of 0.5 until the colour lies in sRGB. The lightness steps are equal (16 L* apart for 5 classes,
/// 11 for 7), so the order of the classes reads from lightness alone: in grey print, and with every
/// kind of colour-vision deficiency, since a single hue carries no red–green contrast. The darkest
/// blue (L* 26) has a contrast of 10.8:1 with white, so white area borders stay visible on it; the
/// lightest (L* 90) is still 1.3:1 darker than the white page. Seven classes at most: more steps of
/// one hue cannot be told apart on a map (Brewer 1994, "Color use guidelines for mapping and
/// visualization").
public enum SequentialPalette {
    /// The most classes a map can show.
    public static let maximumClassCount = 7

    private static let blues: [[String]] = [
        ["#5990c1"],
        ["#d3e4f9", "#024164"],
        ["#d3e4f9", "#5990c1", "#024164"],
        ["#d3e4f9", "#84abd3", "#1b76ae", "#024164"],
        ["#d3e4f9", "#98b9dd", "#5990c1", "#03699e", "#024164"],
        ["#d3e4f9", "#a4c2e2", "#73a0cc", "#3a80b6", "#046092", "#024164"],
        ["#d3e4f9", "#acc7e6", "#84abd3", "#5990c1", "#1b76ae", "#025b8a", "#024164"],
    ]

    /// `classes` blues, lightest first, as `#rrggbb`.
    /// - Precondition: `1 <= classes <= maximumClassCount`.
    public static func blues(classes: Int) -> [String] {
        precondition((1...maximumClassCount).contains(classes), "a map shows 1 to \(maximumClassCount) classes, not \(classes)")
        return blues[classes - 1]
    }

    /// Area borders: thin white lines, visible on every blue.
    public static let border = "#ffffff"
    /// Areas without a figure: light grey with dark grey diagonal hatching, so they differ from the
    /// lightest blue by pattern, not only by colour.
    public static let noDataFill = "#f0f0f0"
    public static let noDataHatch = "#767676"
    /// The outline of legend swatches, so the lightest swatch stands out from the page (3:1 or more
    /// against white: WCAG 2.1 success criterion 1.4.11).
    public static let swatchOutline = "#6b6b6b"
}
