using HotlineDispatch.Routing;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>
/// Sentiment and key phrases from Azure AI Language, with the local analysis for every document the
/// service could not answer (a per-document error, a refused or failed request): an analysis always
/// comes back, and its source says which one it is.
/// </summary>
/// <param name="fallback">The analysis for what the service could not answer: the silo gives the local one.</param>
public sealed class AzureTextInsights(AzureLanguageClient client, ITextInsights fallback, ILogger<AzureTextInsights> logger) : ITextInsights
{
    public const string Source = "azure";

    public async Task<IReadOnlyList<TextInsight>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        try
        {
            var sentiments = await client.SentimentAsync(texts, cancellationToken);
            var phrases = await client.KeyPhrasesAsync(texts, cancellationToken);
            var insights = new TextInsight[texts.Count];
            for (var i = 0; i < texts.Count; i++)
            {
                if (sentiments[i].Value is { } sentiment && phrases[i].Value is { } keyPhrases)
                {
                    insights[i] = new TextInsight(sentiment.Sentiment, keyPhrases.KeyPhrases, Source);
                    continue;
                }

                logger.LogWarning("Azure AI Language could not analyse document {Index}: {Error}", i,
                    sentiments[i].ErrorMessage ?? phrases[i].ErrorMessage);
                insights[i] = (await fallback.AnalyzeAsync([texts[i]], cancellationToken))[0];
            }

            return insights;
        }
        catch (Exception ex) when (ex is AzureLanguageException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Azure AI Language failed; using the local analysis");
            return await fallback.AnalyzeAsync(texts, cancellationToken);
        }
    }
}
