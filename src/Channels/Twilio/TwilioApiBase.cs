namespace HotlineDispatch.Channels.Twilio;

/// <summary>
/// Sends the Twilio library's requests, which always name <c>https://api.twilio.com</c>, to
/// <c>Hotline:Twilio:ApiBaseUrl</c> instead (a regional edge, a proxy, or a local stand-in), keeping
/// their path and query.
/// </summary>
public sealed class TwilioApiBase(string apiBaseUrl) : DelegatingHandler
{
    private readonly string _base = apiBaseUrl.TrimEnd('/');

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(_base + request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
