using HotlineDispatch.Channels.Outbox;

namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// The official account's <c>access_token</c>: fetched with <c>GET /cgi-bin/token</c>, cached until
/// shortly before it expires (WeChat limits how often it may be fetched), and dropped when the API refuses it.
/// </summary>
public sealed class WeChatAccessToken(HttpClient http, WeChatApiSettings settings, TimeProvider time)
{
    // Refreshed this long before WeChat's own expiry, so a token is never used in its last moments.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>A usable token; throws <see cref="WeChatTokenException"/> when WeChat will not give one.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && time.GetUtcNow() < _expiresAt)
            {
                return _token;
            }

            var url = $"{settings.ApiBaseUrl.TrimEnd('/')}/cgi-bin/token?grant_type=client_credential" +
                      $"&appid={Uri.EscapeDataString(settings.AppId!)}&secret={Uri.EscapeDataString(settings.AppSecret!)}";
            using var response = await http.GetAsync(url, cancellationToken);
            var json = OutboundHttp.Json(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = OutboundHttp.Text(json, "access_token");
            if (!response.IsSuccessStatusCode || token is null)
            {
                throw new WeChatTokenException(
                    $"WeChat gave no access token ({(int)response.StatusCode} {OutboundHttp.Text(json, "errcode")}: {OutboundHttp.Text(json, "errmsg")}).");
            }

            var lifetime = int.TryParse(OutboundHttp.Text(json, "expires_in"), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(2);
            _token = token;
            _expiresAt = time.GetUtcNow() + lifetime - Margin;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> after the API refused it, unless a newer one replaced it meanwhile.</summary>
    public void Refused(string token) => Interlocked.CompareExchange(ref _token, null, token);
}
