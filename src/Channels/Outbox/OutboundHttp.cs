using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotlineDispatch.Channels.Outbox;

/// <summary>What the providers' HTTP APIs have in common: which failures are safe to retry, and how long to wait.</summary>
public static class OutboundHttp
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// A failure without an HTTP answer. Only a connection never made proves nothing reached the provider;
    /// a timeout or a reset may come after the provider acted, so the send is unknown.
    /// </summary>
    public static SendOutcome FromException(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError
            ? new SendOutcome.Retry(null, exception.Message)
            : new SendOutcome.Unknown(exception.Message);

    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var after = headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return after is null ? null : after < TimeSpan.Zero ? TimeSpan.Zero : after > LongestRetryAfter ? LongestRetryAfter : after;
    }

    /// <summary>
    /// Posts JSON to a Tencent API, which answers HTTP 200 with an <c>errcode</c> in the body. Returns that
    /// body, or the outcome when there is none to read (no answer, or an HTTP error).
    /// </summary>
    public static async Task<(SendOutcome? Outcome, JsonElement? Body)> PostJsonAsync(
        HttpClient http, string url, object body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, body, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (FromException(ex), null);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = $"HTTP {(int)response.StatusCode}";
                return (IsRetryable(response.StatusCode) ? new SendOutcome.Retry(RetryAfter(response.Headers, now), status) : new SendOutcome.Failed(status), null);
            }

            var json = Json(await response.Content.ReadAsStringAsync(cancellationToken));
            return json is null ? (new SendOutcome.Unknown("The answer carried no JSON object."), null) : (null, json);
        }
    }

    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The JSON object a provider answered with, or null when the body is not one (an HTML error page, say).</summary>
    public static JsonElement? Json(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A property of a provider's JSON answer as text (numbers too), or null when absent.</summary>
    public static string? Text(JsonElement? json, string property) =>
        json is { } element && element.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.ToString()
            : null;
}
