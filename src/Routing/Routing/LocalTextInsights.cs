namespace HotlineDispatch.Routing;

/// <summary>The analysis without Azure: the lexicon sentiment, and the thesaurus words found as key phrases.</summary>
public sealed class LocalTextInsights : ITextInsights
{
    public const string Source = "local";

    private const int MaxKeyPhrases = 10;

    public Task<IReadOnlyList<TextInsight>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TextInsight>>(texts.Select(Analyze).ToList());

    public static TextInsight Analyze(string text) =>
        new(LexiconSentiment.Analyze(text), RoutingConcepts.Words(RoutingText.Normalize(text)).Take(MaxKeyPhrases).ToList(), Source);
}
