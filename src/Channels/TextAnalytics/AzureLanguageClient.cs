using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>
/// The Azure AI Language (Text Analytics) REST API, version 2023-04-01, for sentiment and key phrases
/// in zh-hans (docs/channels.md): <c>POST {endpoint}/language/:analyze-text</c> with the subscription key
/// header. Texts go in batches of at most 10 documents and 1 MB, each cut to 5,120 text elements;
/// 429 is retried after its Retry-After; 403 (quota) and other request errors are thrown at once;
/// per-document errors come back in their document's result.
/// </summary>
public sealed class AzureLanguageClient(HttpClient http, AzureLanguageOptions options, TimeProvider time)
{
    public const string ApiVersion = "2023-04-01";
    public const string Language = "zh-hans";
    public const int MaxDocuments = 10;
    public const int MaxTextElements = 5120;
    public const int MaxRequestBytes = 1_000_000;

    private static readonly TimeSpan DefaultRetryWait = TimeSpan.FromSeconds(1);

    public Task<IReadOnlyList<LanguageDocumentResult<SentimentResult>>> SentimentAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(texts, "SentimentAnalysis", d =>
        {
            var scores = d["confidenceScores"]!;
            return new SentimentResult(
                d["sentiment"]!.GetValue<string>(),
                scores["positive"]!.GetValue<double>(),
                scores["neutral"]!.GetValue<double>(),
                scores["negative"]!.GetValue<double>());
        }, cancellationToken);

    public Task<IReadOnlyList<LanguageDocumentResult<KeyPhrasesResult>>> KeyPhrasesAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(texts, "KeyPhraseExtraction",
            d => new KeyPhrasesResult(d["keyPhrases"]!.AsArray().Select(p => p!.GetValue<string>()).ToList()), cancellationToken);

    private async Task<IReadOnlyList<LanguageDocumentResult<T>>> AnalyzeAsync<T>(
        IReadOnlyList<string> texts, string kind, Func<JsonNode, T> read, CancellationToken cancellationToken) where T : class
    {
        var results = new List<LanguageDocumentResult<T>>(texts.Count);
        foreach (var batch in Batches(texts))
        {
            var body = await SendAsync(RequestBody(kind, batch), cancellationToken);
            var byId = new Dictionary<string, LanguageDocumentResult<T>>(StringComparer.Ordinal);
            foreach (var document in body["results"]?["documents"]?.AsArray() ?? [])
            {
                var id = document!["id"]!.GetValue<string>();
                byId[id] = new LanguageDocumentResult<T>(id, read(document), null, null);
            }

            foreach (var error in body["results"]?["errors"]?.AsArray() ?? [])
            {
                var id = error!["id"]!.GetValue<string>();
                var detail = error["error"];
                byId[id] = new LanguageDocumentResult<T>(id, null,
                    detail?["code"]?.GetValue<string>() ?? "Unknown", detail?["message"]?.GetValue<string>() ?? "The service gave no reason.");
            }

            results.AddRange(batch.Select(d => byId.GetValueOrDefault(d.Id)
                ?? new LanguageDocumentResult<T>(d.Id, null, "Missing", "The service answered nothing for this document.")));
        }

        return results;
    }

    /// <summary>Documents numbered from 1 across all batches, so a document's id is its position in the caller's list.</summary>
    private static IEnumerable<List<(string Id, string Text)>> Batches(IReadOnlyList<string> texts)
    {
        var batch = new List<(string Id, string Text)>();
        var bytes = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = Truncate(texts[i]);
            // A generous bound on the JSON around each document, so the whole request stays under 1 MB.
            var size = Encoding.UTF8.GetByteCount(text) * 2 + 100;
            if (batch.Count == MaxDocuments || (batch.Count > 0 && bytes + size > MaxRequestBytes - 200))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(((i + 1).ToString(CultureInfo.InvariantCulture), text));
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string Truncate(string text)
    {
        var elements = new StringInfo(text);
        return elements.LengthInTextElements <= MaxTextElements ? text : elements.SubstringByTextElements(0, MaxTextElements);
    }

    private static JsonObject RequestBody(string kind, IEnumerable<(string Id, string Text)> documents) => new()
    {
        ["kind"] = kind,
        ["parameters"] = new JsonObject { ["modelVersion"] = "latest" },
        ["analysisInput"] = new JsonObject
        {
            ["documents"] = new JsonArray(documents
                .Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["language"] = Language, ["text"] = d.Text })
                .ToArray()),
        },
    };

    private async Task<JsonNode> SendAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{options.Endpoint!.TrimEnd('/')}/language/:analyze-text?api-version={ApiVersion}");
        var payload = body.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
                    ?? throw new AzureLanguageException((int)response.StatusCode, null, "Azure AI Language answered an empty body.");
            }

            var (code, message) = await ErrorOf(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new AzureLanguageQuotaException(code, message);
            }

            var wait = RetryWait(response);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= options.MaxAttempts || wait > options.MaxRetryWait)
            {
                throw new AzureLanguageException((int)response.StatusCode, code, message);
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private TimeSpan RetryWait(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return DefaultRetryWait;
    }

    private static async Task<(string? Code, string Message)> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            return (error?["code"]?.GetValue<string>(), error?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}");
        }
        catch (JsonException)
        {
            return (null, $"HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, 200)]}");
        }
    }
}
