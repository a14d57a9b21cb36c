/// The crime types ("SoortMisdrijf") of the police's open data on registered crime, by code.
///
/// Source: the code list of table 47013NED (Politie, "Geregistreerde misdrijven en aangiften;
/// soort misdrijf, gemeente", metadata of December 2025): 59 codes from `0.0.0` (all crimes) to
/// `3.9.3`. An incident file may use only these codes, unless the project declares its own types.
public enum PoliceCrimeTypes {
    public static let codes: Set<String> = [
        "0.0.0",
        "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1",
        "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7", "1.5.2", "1.6.1", "1.6.2", "1.6.3",
        "2.1.1", "2.2.1", "2.4.1", "2.4.2", "2.5.1", "2.5.2",
        "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "2.6.7", "2.6.8", "2.6.9", "2.6.10", "2.6.11", "2.6.12", "2.6.13", "2.6.14",
        "2.7.2", "2.7.3",
        "3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.2.2", "3.3.2", "3.3.5", "3.4.2", "3.5.2", "3.5.5", "3.6.4",
        "3.7.1", "3.7.2", "3.7.3", "3.7.4", "3.9.1", "3.9.2", "3.9.3",
    ]
}
