using HotlineDispatch.Routing;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>
/// Sentiment and key phrases from Azure AI Language, with the local analysis for every document the
/// service could not answer (a per-document error, a refused or failed request): an analysis always
/// comes back, and its source says which one it is.
/// </summary>
public sealed class AzureTextInsights(AzureLanguageClient client, ILogger<AzureTextInsights> logger) : ITextInsights
{
    public const string Source = "azure";

    public async Task<IReadOnlyList<TextInsight>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        try
        {
            var sentiments = await client.SentimentAsync(texts, cancellationToken);
            var phrases = await client.KeyPhrasesAsync(texts, cancellationToken);
            return texts.Select((text, i) =>
            {
                if (sentiments[i].Value is not { } sentiment || phrases[i].Value is not { } keyPhrases)
                {
                    logger.LogWarning("Azure AI Language could not analyse document {Index}: {Error}", i,
                        sentiments[i].ErrorMessage ?? phrases[i].ErrorMessage);
                    return LocalTextInsights.Analyze(text);
                }

                return new TextInsight(sentiment.Sentiment, keyPhrases.KeyPhrases, Source);
            }).ToList();
        }
        catch (Exception ex) when (ex is AzureLanguageException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Azure AI Language failed; using the local analysis");
            return texts.Select(LocalTextInsights.Analyze).ToList();
        }
    }
}
