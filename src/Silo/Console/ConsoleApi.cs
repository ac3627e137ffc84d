using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Alerts;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Silo.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Console;

/// <summary>
/// <c>/console</c>: sign-in with a user's token, one page per role (zh-CN), and the page assets embedded
/// in this assembly. The pages call the same <c>/api/v1</c> routes as any client, with the session cookie.
/// </summary>
public static class ConsoleApi
{
    private const string ResourcePrefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/console").DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            // The pages load only their own scripts and may not be framed by another site (clickjacking of the step buttons).
            // Residents' photos and recordings are the providers' https addresses, which a ticket's page shows and plays.
            context.HttpContext.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; media-src 'self' https:; frame-ancestors 'none'";
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });

        group.MapGet("/", (HttpContext http) =>
            Results.Redirect(ConsoleAuth.IsConsoleSession(http.User) ? $"/console/{ConsolePages.HomeOf(CurrentUser.From(http.User).Role)}" : "/console/login"));

        group.MapGet("/login", (HttpContext http) => ConsoleAuth.IsConsoleSession(http.User)
            ? Results.Redirect($"/console/{ConsolePages.HomeOf(CurrentUser.From(http.User).Role)}")
            : Html(ConsolePages.Login(null)));

        group.MapPost("/login", async (HttpContext http, UserDirectory users, FailedSignIns failures, AuditLog audit) =>
        {
            // A sign-in posted from another site would sign the victim in as someone else.
            if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && from.Authority == http.Request.Host.Value))
            {
                return Html(ConsolePages.Login("请从本系统的登录页面登录。"), StatusCodes.Status403Forbidden);
            }

            if (failures.Blocked(http))
            {
                http.Response.Headers.RetryAfter = "60";
                return Html(ConsolePages.Login("登录失败次数过多，请一分钟后再试。"), StatusCodes.Status429TooManyRequests);
            }

            var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["token"].ToString().Trim() : "";
            var user = token.Length == 0 ? null : await users.FindByTokenAsync(token);
            if (user is null)
            {
                failures.Failed(http);
                await audit.RecordAsync(http, AuditActions.SignInFailure, null, "console sign-in with an unknown token");
                return Html(ConsolePages.Login("令牌无效，请检查后重新输入。"), StatusCodes.Status401Unauthorized);
            }

            await ConsoleAuth.SignInAsync(http, user);
            return Results.Redirect($"/console/{ConsolePages.HomeOf(user.Role)}");
        });

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await ConsoleAuth.SignOutAsync(http);
            return Results.Redirect("/console/login");
        });

        group.MapGet("/session", async (HttpContext http, SlaPolicy sla, IAuthorizationService authorization,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time) =>
        {
            var user = CurrentUser.From(http.User);
            async Task<bool> May(string policy) => (await authorization.AuthorizeAsync(http.User, policy)).Succeeded;
            return Results.Ok(new
            {
                user.Name,
                user.Role,
                user.Department,
                user.GridCell,
                Home = ConsolePages.HomeOf(user.Role),
                Pages = ConsolePages.OpenTo(user.Role),
                // Who sees callers' numbers whole may find tickets by them (the list refuses the others).
                SearchesByPhone = Roles.SeesFullPhone(user.Role),
                Csrf = ConsoleAuth.CsrfToken(http.User),
                // The centre's date, which statistics count by; the browser's own clock may be in another zone.
                Today = sla.Calendar.LocalDate(time.GetUtcNow()),
                // Times are shown in the centre's local time, which the deadlines and residents go by.
                UtcOffsetMinutes = (int)sla.Calendar.UtcOffset.TotalMinutes,
                // The pages offer the alert board and its button to exactly those the API lets read and acknowledge.
                Alerts = new { Read = await May(AlertsApi.ReadPolicy), Acknowledge = await May(AlertsApi.AcknowledgePolicy) },
                // The dispatch queue lists call drafts to whoever may read them and offers accept/discard to whoever may decide.
                CallDrafts = new { Read = await May(Policies.CallCentre), Decide = await May(Policies.Intake) },
            });
        }).RequireAuthorization(Policies.AnyUser);

        group.MapGet("/{page}", (string page, HttpContext http) =>
            ConsolePages.All.Contains(page) ? Page(http, page, page) : Results.NotFound());
        group.MapGet("/tickets/{id}", (string id, HttpContext http) => Page(http, ConsolePages.Tickets, ConsolePages.Ticket));

        group.MapGet("/assets/{**path}", (string path) => Asset(path));
        return routes;
    }

    /// <summary>The page's file for a signed-in user who may open <paramref name="page"/>; the sign-in or the user's own page otherwise.</summary>
    private static IResult Page(HttpContext http, string page, string file)
    {
        if (!ConsoleAuth.IsConsoleSession(http.User))
        {
            return Results.Redirect("/console/login");
        }

        var role = CurrentUser.From(http.User).Role;
        return ConsolePages.MayOpen(role, page) ? Asset($"{file}.html") : Results.Redirect($"/console/{ConsolePages.HomeOf(role)}");
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult Asset(string path)
    {
        var stream = typeof(ConsoleApi).Assembly.GetManifestResourceStream(ResourcePrefix + path);
        return stream is null || !ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType)
            ? Results.NotFound()
            : Results.Stream(stream, contentType);
    }
}
