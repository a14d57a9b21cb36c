extension KnoxTable {
    /// A short explanation of the analysis in Dutch, for a page beside the table.
    public static let dutchExplanation = """
        Na een inbraak lopen de buren een tijd lang een grotere kans op een inbraak: daders komen terug \
        naar een buurt die ze kennen. Deze tabel toetst dat met de Knox-toets. Alle paren inbraken worden \
        geteld naar de afstand tussen de twee adressen (de rijen) en het aantal dagen ertussen (de \
        kolommen). Daarna worden de data vele keren willekeurig over de adressen verdeeld: zo ontstaat \
        het aantal paren dat je verwacht als plaats en tijd niets met elkaar te maken hebben. De \
        Knox-ratio is het waargenomen aantal gedeeld door dat verwachte aantal: 1,5 betekent 50% meer \
        paren dan bij toeval. De p-waarde zegt hoe vaak het toeval minstens zoveel paren gaf; een kleine \
        p-waarde (onder 0,05) maakt toeval als verklaring onwaarschijnlijk. De tabel zegt iets over \
        patronen in de hele gemeente, niet over een bepaald adres.
        """
}
