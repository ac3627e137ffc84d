using System.Security.Claims;
using System.Text.Encodings.Web;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c>; answers 401 and 403 as problem details.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserDirectory users,
    FailedSignIns failures,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (failures.Blocked(Context))
        {
            Context.Items[typeof(FailedSignIns)] = true;
            return AuthenticateResult.Fail(failures.Refusal);
        }

        var token = header["Bearer ".Length..].Trim();
        var user = token.Length == 0 ? null : await users.FindByTokenAsync(token);
        if (user is null)
        {
            failures.Failed(Context);
            await audit.RecordAsync(Context, AuditActions.SignInFailure, null, "an unknown bearer token");
            return AuthenticateResult.Fail("Unknown token.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(CurrentUser.Principal(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(typeof(FailedSignIns)))
        {
            Response.Headers.RetryAfter = "60";
            return Problems.Write(Context, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins", failures.Refusal);
        }

        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a valid token as 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed",
            $"The role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not do this.");
}
