namespace HotlineDispatch.Silo.Twilio;

/// <summary>
/// URLs as Twilio sees them. Behind a TLS-terminating proxy the request arrives as plain HTTP on an
/// internal host, so with <c>Hotline:PublicBaseUrl</c> set the public URL is rebuilt from it; without it
/// the request's own scheme and host are taken.
/// </summary>
public sealed class TwilioUrls(string? publicBaseUrl)
{
    public const string PublicBaseUrlKey = "Hotline:PublicBaseUrl";

    public string? PublicBase { get; } = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : WithoutDefaultPort(publicBaseUrl.TrimEnd('/'));

    /// <summary>The full URL of this request as Twilio requested (and signed) it, query included.</summary>
    public string RequestUrl(HttpRequest request) => $"{Base(request)}{request.PathBase}{request.Path}{request.QueryString}";

    /// <summary>An absolute URL of one of our routes, for TwiML to send Twilio back to.</summary>
    public string Absolute(HttpRequest request, string path) => $"{Base(request)}{request.PathBase}{path}";

    private string Base(HttpRequest request) => PublicBase ?? WithoutDefaultPort($"{request.Scheme}://{request.Host}");

    /// <summary>
    /// Twilio signs a URL with or without its port. The Twilio library checks a URL without a port also with
    /// the default one, and one with a port also without it, but a default port written out only as written:
    /// so it is dropped here, and both forms are tried. The rest is kept as written, case included.
    /// </summary>
    private static string WithoutDefaultPort(string url)
    {
        var hostStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = url.IndexOf('/', hostStart) is var slash and >= 0 ? slash : url.Length;
        var host = HostString.FromUriComponent(url[hostStart..hostEnd]);
        var defaultPort = url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        return host.Port == defaultPort ? string.Concat(url.AsSpan(0, hostStart), host.Host, url.AsSpan(hostEnd)) : url;
    }
}
