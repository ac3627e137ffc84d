namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// URLs as Twilio sees them. Behind a TLS-terminating proxy the request arrives as plain HTTP on an
/// internal host, so with <c>Hotline:PublicBaseUrl</c> set the public URL is rebuilt from it; without it
/// the request's own scheme and host are taken.
/// </summary>
public sealed class TwilioUrls(string? publicBaseUrl)
{
    public const string PublicBaseUrlKey = "Hotline:PublicBaseUrl";

    public string? PublicBase { get; } = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : publicBaseUrl.TrimEnd('/');

    /// <summary>The full URL of this request as Twilio requested (and signed) it, query included.</summary>
    public string RequestUrl(HttpRequest request) => $"{Base(request)}{request.PathBase}{request.Path}{request.QueryString}";

    /// <summary>An absolute URL of one of our routes, for TwiML to send Twilio back to.</summary>
    public string Absolute(HttpRequest request, string path) => $"{Base(request)}{request.PathBase}{path}";

    private string Base(HttpRequest request) => PublicBase ?? $"{request.Scheme}://{request.Host}";
}
