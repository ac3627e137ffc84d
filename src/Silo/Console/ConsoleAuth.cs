using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace HotlineDispatch.Silo.Console;

/// <summary>
/// The console's sign-in: a secure, HttpOnly, SameSite=Strict session cookie beside the bearer tokens.
/// A request with an <c>Authorization</c> header is the API client's; otherwise the cookie speaks. The
/// cookie keeps the SHA-256 of the user's token, and each request checks that the user still exists
/// as it was. Changes made with the cookie must also carry the session's CSRF token in a header.
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "HotlineConsole";
    public const string CsrfHeader = "X-CSRF-Token";
    private const string SelectorScheme = "HotlineBearerOrConsole";
    private const string CookieName = "hotline.console";
    private const string TokenHashClaim = "hotline:tokenHash";
    private const string CsrfClaim = "hotline:csrf";

    public static IServiceCollection AddHotlineConsole(this IServiceCollection services, string dataDir)
    {
        services.AddDataProtection()
            .SetApplicationName("hotline-dispatch")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "console-keys")));
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(CookieName)
                    ? Scheme
                    : BearerTokenHandler.SchemeName)
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = Revalidate;
                o.Events.OnRedirectToLogin = context => Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized,
                    "Authentication required", "Sign in again at /console/login.");
                o.Events.OnRedirectToAccessDenied = context => Problems.Write(context.HttpContext, StatusCodes.Status403Forbidden,
                    "Not allowed", $"The role '{context.HttpContext.User.FindFirstValue(ClaimTypes.Role)}' may not do this.");
            });
        return services;
    }

    public static Task SignInAsync(HttpContext http, UserAccount user) =>
        http.SignInAsync(Scheme, CurrentUser.Principal(user, Scheme,
            new Claim(TokenHashClaim, user.TokenSha256),
            new Claim(CsrfClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)))));

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    public static bool IsConsoleSession(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    public static string? CsrfToken(ClaimsPrincipal user) => user.FindFirstValue(CsrfClaim);

    /// <summary>
    /// Refuses a change made with the console cookie unless it carries the session's CSRF token: a
    /// page of another site can make the browser send the cookie, but cannot read the token.
    /// </summary>
    public static IApplicationBuilder UseConsoleCsrfCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (IsConsoleSession(http.User) && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            && !SameToken(CsrfToken(http.User), http.Request.Headers[CsrfHeader].ToString()))
        {
            await Problems.Write(http, StatusCodes.Status403Forbidden, "CSRF check failed",
                $"A change made from the console must carry the session's {CsrfHeader} header; reload the page.");
            return;
        }

        await next(http);
    });

    private static bool SameToken(string? expected, string given) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    private static async Task Revalidate(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var user = principal.FindFirstValue(TokenHashClaim) is { } hash ? await users.FindByHashAsync(hash) : null;
        var current = CurrentUser.From(principal);
        if (user is null || user.Name != current.Name || user.Role != current.Role || user.Department != current.Department
            || user.GridCell != current.GridCell || user.Id != current.Id)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
