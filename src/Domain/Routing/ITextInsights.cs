namespace HotlineDispatch.Routing;

/// <summary>Sentiment and key phrases for a batch of texts: Azure AI Language when configured, else <see cref="LocalTextInsights"/>.</summary>
public interface ITextInsights
{
    /// <summary>One insight per text, in the same order.</summary>
    Task<IReadOnlyList<TextInsight>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
