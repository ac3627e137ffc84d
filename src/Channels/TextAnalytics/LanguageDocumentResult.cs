namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>
/// One document's answer: the result, or the per-document error the service reported inside an HTTP
/// 200 (<c>results.errors[]</c>), e.g. an empty or too long text.
/// </summary>
public sealed record LanguageDocumentResult<T>(string Id, T? Value, string? ErrorCode, string? ErrorMessage)
    where T : class
{
    public bool Succeeded => Value is not null;
}

/// <summary>A sentiment result: <c>positive|neutral|negative|mixed</c> and the three confidence scores.</summary>
public sealed record SentimentResult(string Sentiment, double Positive, double Neutral, double Negative);

/// <summary>A key-phrase result.</summary>
public sealed record KeyPhrasesResult(IReadOnlyList<string> KeyPhrases);
