using Microsoft.AspNetCore.Http.Features;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// A bound on every request body, applied before anything reads the body or checks who sent it: a declared
/// length over the bound is 413 at once, and the server stops reading an undeclared (chunked) one at the bound.
/// Without it the server's 30 MB default let unauthenticated posts hold memory before their key was looked at.
/// The routes open to anyone get tight bounds; what a signed-in user posts (catalogues included) stays far below the default.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 1024 * 1024;

    private static readonly (PathString Prefix, long Bytes)[] Tighter =
    [
        ("/console/login", 4 * 1024),
        ("/open311", 64 * 1024),
        ("/channels", 64 * 1024),
    ];

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limit = LimitOf(http.Request.Path);
        if (http.Request.ContentLength > limit)
        {
            await Problems.Write(http, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"A request to {http.Request.Path} may carry at most {limit} bytes.");
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(http);
    });

    private static long LimitOf(PathString path)
    {
        foreach (var (prefix, bytes) in Tighter)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return bytes;
            }
        }

        return DefaultBytes;
    }
}
