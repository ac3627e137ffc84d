using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tests.Platform;

/// <summary>
/// The upper 12345 platform played by a real HTTP listener on a fixed loopback port, so it can be stopped and started
/// again at the address the silo was told. It signs its pushes and checks our callbacks with its own HMAC code,
/// written apart from the one under test.
/// </summary>
public sealed class StandInPlatform(int port, string secret) : IAsyncDisposable
{
    public const string CallbackPath = "/upstream/callbacks";

    private readonly ConcurrentQueue<Callback> _callbacks = new();
    private WebApplication? _app;

    public string CallbackUrl => $"http://127.0.0.1:{port}{CallbackPath}";

    public IReadOnlyList<Callback> Callbacks => _callbacks.ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost(CallbackPath, async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var timestamp = http.Request.Headers["X-Hotline-Timestamp"].ToString();
            var signed = http.Request.Headers["X-Hotline-Signature"].ToString() == Sign(timestamp, "POST", CallbackPath, body);
            _callbacks.Enqueue(new Callback(JsonDocument.Parse(body).RootElement.Clone(), signed));
            return Results.Ok();
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>A push as the platform sends it, signed with <paramref name="key"/> (the real secret unless forging) at <paramref name="at"/>.</summary>
    public HttpRequestMessage Push(object body, DateTimeOffset at, string? key = null)
    {
        var json = JsonSerializer.Serialize(body);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tickets") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hotline-Timestamp", timestamp);
        request.Headers.Add("X-Hotline-Signature", Sign(timestamp, "POST", "/api/v1/platform/tickets", json, key));
        return request;
    }

    private string Sign(string timestamp, string method, string path, string body, string? key = null)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key ?? secret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{method}\n{path}\n{body}"))).ToLowerInvariant();
    }

    public sealed record Callback(JsonElement Body, bool Signed)
    {
        public string Event => Body.GetProperty("event").GetString()!;

        public string TicketId => Body.GetProperty("ticketId").GetString()!;
    }
}
