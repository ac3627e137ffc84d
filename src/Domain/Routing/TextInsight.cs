namespace HotlineDispatch.Routing;

/// <summary>Sentiment and key phrases of one text, and which analysis gave them (<c>azure</c> or <c>local</c>).</summary>
public sealed record TextInsight(string Sentiment, IReadOnlyList<string> KeyPhrases, string Source);
