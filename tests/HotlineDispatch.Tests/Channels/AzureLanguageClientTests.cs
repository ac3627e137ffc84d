using System.Diagnostics;
using System.Text.Json.Nodes;
using HotlineDispatch.Channels.TextAnalytics;
using HotlineDispatch.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineDispatch.Tests.Channels;

/// <summary>The Azure AI Language client against a local server that checks each request as docs/channels.md documents it.</summary>
public sealed class AzureLanguageClientTests : IDisposable
{
    private const string Key = "test-subscription-key";
    private readonly LanguageTestServer _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private AzureLanguageClient Client(int maxAttempts = 4) =>
        new(_http, new AzureLanguageOptions { Endpoint = _server.Endpoint + "/", Key = Key, MaxAttempts = maxAttempts }, TimeProvider.System);

    /// <summary>A well-formed sentiment answer for every document of the request, written from its ids.</summary>
    private static string SentimentFor(string request) => new JsonObject
    {
        ["kind"] = "SentimentAnalysisResults",
        ["results"] = new JsonObject
        {
            ["documents"] = new JsonArray(JsonNode.Parse(request)!["analysisInput"]!["documents"]!.AsArray()
                .Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d!["id"]!.GetValue<string>(),
                    ["sentiment"] = "negative",
                    ["confidenceScores"] = new JsonObject { ["positive"] = 0.01, ["neutral"] = 0.09, ["negative"] = 0.9 },
                    ["sentences"] = new JsonArray(),
                    ["warnings"] = new JsonArray(),
                }).ToArray()),
            ["errors"] = new JsonArray(),
            ["modelVersion"] = "2022-11-01",
        },
    }.ToJsonString();

    [Fact]
    public async Task Sends_exactly_the_documented_request()
    {
        _server.Answer(SentimentFor);

        var results = await Client().SentimentAsync(["路灯坏了一个月没人修，太气人了"]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2023-04-01", request.Query);
        Assert.Equal(Key, request.Key);
        Assert.StartsWith("application/json", request.ContentType);
        var expected = JsonNode.Parse("""
            {"kind":"SentimentAnalysis","parameters":{"modelVersion":"latest"},
             "analysisInput":{"documents":[{"id":"1","language":"zh-hans","text":"路灯坏了一个月没人修，太气人了"}]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal("negative", Assert.Single(results).Value!.Sentiment);
        Assert.Equal(0.9, results[0].Value!.Negative);
    }

    [Fact]
    public async Task Sends_at_most_ten_documents_a_request_and_keeps_the_callers_order()
    {
        _server.Answer(SentimentFor);
        _server.Answer(SentimentFor);
        var texts = Enumerable.Range(1, 12).Select(i => $"第{i}条诉求").ToList();

        var results = await Client().SentimentAsync(texts);

        var sizes = _server.Requests.Select(r => JsonNode.Parse(r.Body)!["analysisInput"]!["documents"]!.AsArray().Count).ToList();
        Assert.Equal([10, 2], sizes);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString()), results.Select(r => r.Id));
        var lastRequest = JsonNode.Parse(_server.Requests.Last().Body)!["analysisInput"]!["documents"]!.AsArray();
        Assert.Equal("第12条诉求", lastRequest[1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cuts_a_document_to_5120_text_elements()
    {
        _server.Answer(SentimentFor);

        await Client().SentimentAsync([new string('吵', 6000)]);

        var text = JsonNode.Parse(_server.Requests.Single().Body)!["analysisInput"]!["documents"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(5120, text.Length);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after()
    {
        _server.Answer(429, """{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 1 seconds."}}""", retryAfter: "1");
        _server.Answer(SentimentFor);
        var started = Stopwatch.GetTimestamp();

        var results = await Client().SentimentAsync(["水管爆了"]);

        Assert.Equal(2, _server.Requests.Count);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the client did not wait for Retry-After");
        Assert.True(results[0].Succeeded);
        Assert.Equal(_server.Requests.First().Body, _server.Requests.Last().Body);
    }

    [Fact]
    public async Task A_429_that_persists_gives_up_after_the_attempts_allowed()
    {
        for (var i = 0; i < 2; i++)
        {
            _server.Answer(429, """{"error":{"code":"429","message":"Rate limit is exceeded."}}""", retryAfter: "0");
        }

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => Client(maxAttempts: 2).SentimentAsync(["水管爆了"]));

        Assert.Equal(429, error.Status);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_exhausted_quota_is_not_waited_out()
    {
        _server.Answer(403, """{"error":{"code":"403","message":"Out of call volume quota. Quota will be replenished in 2.12:00:00."}}""", retryAfter: "216000");
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<AzureLanguageQuotaException>(() => Client().SentimentAsync(["水管爆了"]));

        Assert.Single(_server.Requests);
        Assert.Contains("quota", error.Message);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_document_error_fails_only_that_document()
    {
        _server.Answer(_ => """
            {"kind":"KeyPhraseExtractionResults","results":{
              "documents":[{"id":"1","keyPhrases":["水管","爆裂"],"warnings":[]}],
              "errors":[{"id":"2","error":{"code":"InvalidArgument","message":"Document text is empty.","innererror":{"code":"InvalidDocument","message":"Document text is empty."}}}],
              "modelVersion":"2022-10-01"}}
            """);

        var results = await Client().KeyPhrasesAsync(["水管爆裂", " "]);

        Assert.Equal(["水管", "爆裂"], results[0].Value!.KeyPhrases);
        Assert.False(results[1].Succeeded);
        Assert.Equal("InvalidArgument", results[1].ErrorCode);
        Assert.Equal("Document text is empty.", results[1].ErrorMessage);
    }

    [Fact]
    public async Task The_insights_fall_back_to_the_local_analysis_for_a_failed_document()
    {
        _server.Answer(SentimentFor);
        _server.Answer(_ => """
            {"kind":"KeyPhraseExtractionResults","results":{
              "documents":[{"id":"1","keyPhrases":["路灯"],"warnings":[]}],
              "errors":[{"id":"2","error":{"code":"InvalidArgument","message":"Invalid document."}}],"modelVersion":"latest"}}
            """);
        var insights = new AzureTextInsights(Client(), new LocalTextInsights(), NullLogger<AzureTextInsights>.Instance);

        var results = await insights.AnalyzeAsync(["路灯不亮", "感谢网格员，太及时了"]);

        Assert.Equal(AzureTextInsights.Source, results[0].Source);
        Assert.Equal(Sentiments.Negative, results[0].Sentiment);
        Assert.Equal(["路灯"], results[0].KeyPhrases);
        Assert.Equal(LocalTextInsights.Source, results[1].Source);
        Assert.Equal(Sentiments.Positive, results[1].Sentiment);
    }

    [Fact]
    public async Task The_insights_fall_back_when_the_service_refuses()
    {
        _server.Answer(403, """{"error":{"code":"403","message":"Out of call volume quota."}}""");
        var insights = new AzureTextInsights(Client(), new LocalTextInsights(), NullLogger<AzureTextInsights>.Instance);

        var result = Assert.Single(await insights.AnalyzeAsync(["物业太差劲了，投诉"]));

        Assert.Equal(LocalTextInsights.Source, result.Source);
        Assert.Equal(Sentiments.Negative, result.Sentiment);
    }
}
