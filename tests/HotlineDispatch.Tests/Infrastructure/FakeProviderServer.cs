using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// A provider API (Twilio, WeChat, WeCom) played by Kestrel on 127.0.0.1 inside the test: it records
/// every request exactly as it arrived and answers as the test scripts it.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeProviderServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Answers a request, given how many earlier requests had the same path. Default: 200 with <c>{}</c>.</summary>
    public Func<RecordedRequest, int, Task<FakeResponse>> Respond { get; set; } = (_, _) => Task.FromResult(new FakeResponse(200, "{}"));

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public IReadOnlyList<RecordedRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Run(server.Handle);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "",
            http.Request.QueryString.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
        var earlier = _requests.Count(r => r.Path == request.Path);
        _requests.Enqueue(request);
        var response = await Respond(request, earlier);
        http.Response.StatusCode = response.Status;
        if (response.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response.Body);
    }
}

public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form fields of a form-encoded body, decoded independently of the code under test.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form() =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : ""))
            .ToList();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

public sealed record FakeResponse(int Status, string Body, string? RetryAfter = null);
